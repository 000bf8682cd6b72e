/// The parser's agency step: the body that issues, convenes or reports, placed by its full name,
/// the source, the site or the places the text names. Pure.
extension Parser {
    /// What the agency step reads besides the text: the bodies the document states outright.
    struct StatedBodies {
        var decree: DecreeReader.Decree?
        var issuerFromTitle: AgencyFinder.Agency?
        var masthead: AgencyFinder.Agency?
    }

    func placeAgency(
        _ clean: CleanText, lines: [[UInt32]], title titleScalars: [UInt32], lead: [UInt32]?,
        stated bodies: StatedBodies, into notice: inout ParsedNotice
    ) {
        let o = notice.official
        // Agency and region: the body that issues, convenes or reports, not a higher body the
        // headline or lead only mentions (`…传达民政部有关会议精神`, `国务院常务会议…后`).
        let source = clean.metadata.source.map { [UInt32]($0) }
        let sourceAgency = source.flatMap { agencies.find(in: $0).first ?? agencies.first(in: $0) }
        let decreeAgency = bodies.decree.flatMap { agencies.find(in: $0.issuer).first }
        let stated =
            decreeAgency ?? bodies.issuerFromTitle ?? bodies.masthead
            ?? o.signatories.first.flatMap { agencies.first(in: [UInt32]($0)) } ?? sourceAgency
        let titleActor = agencies.actor(in: titleScalars)
        let leadActor = lead.flatMap { agencies.actor(in: $0) }
        let agency =
            stated ?? titleActor ?? leadActor ?? agencies.placeActing(in: titleScalars)
            ?? lead.flatMap { agencies.placeActing(in: $0) }
        // Honest doubt: a headline and a lead that name two different placed bodies as acting.
        if stated == nil, let a = titleActor, let b = leadActor, let ra = a.region, let rb = b.region,
            !ra.code.hasPrefix(rb.code.prefix(2)) || a.level != b.level
        {
            notice.clean.quality.warnings.append(
                "two candidate agencies: \(a.name) (headline) and \(b.name) (lead); the headline's taken")
        }
        notice.agency = agency?.name ?? clean.metadata.source.flatMap(Self.namedBody)
        notice.region = agency?.region
        notice.level = agency?.level
        // A body named without its place (县民政局) that the text also names in full
        // (`（崇阳县民政局 王良民）`) is that body.
        if let bare = agency, bare.region == nil, bare.level != .national {
            let suffix = [UInt32](bare.name)
            search: for line in [titleScalars] + lines {
                // Only where the bare name occurs, the few characters before it read as a chain.
                var from = 0
                while let at = line.firstIndex(of: suffix, from: from) {
                    let window = Array(line[max(0, at - 16)..<(at + suffix.count)])
                    if let full = agencies.find(in: window).last,
                        full.range.upperBound == window.count, full.region != nil, full.name.count > bare.name.count
                    {
                        notice.agency = full.name
                        notice.region = full.region
                        notice.level = full.level
                        break search
                    }
                    from = at + 1
                }
            }
        }
        // A body named without its place (省民政厅, 市民政局): the place from the source, the
        // site's name or the places the text names, else a warning.
        if let agency, notice.region == nil, agency.level != .national {
            let stated = [source, clean.page?.site.map { [UInt32]($0) }].compactMap { $0 }
            if let region = context.region(at: agency.level, stated: stated, text: lines) {
                notice.region = region
            } else {
                notice.clean.quality.warnings.append("the place of \(agency.name) is not named; region left empty")
            }
        }

    }
}
