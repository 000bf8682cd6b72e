/// The parsing stage: reads the facts of a notice out of its clean Simplified text.
///
/// It handles news-style reports (headline or lead, site date, people,
/// numbered points) and formal 公文 per GB/T 9704 (masthead, 发文字号,
/// wrapped title, 主送, signature and 成文日期, 附件, 抄送). `published` is
/// the date the document bears: its 成文日期 when it has one, else the
/// site's publication date. Pure: no I/O, no clock.
public struct Parser: Sendable {
    let agencies: AgencyFinder
    let people = PeopleExtractor()
    let directives = DirectiveExtractor()
    let official = OfficialElementsReader()
    let titles: TitleReader
    let decrees: DecreeReader
    let context: RegionContext

    public init(regions: RegionDirectory = .gbt2260) {
        agencies = AgencyFinder(regions: regions)
        titles = TitleReader(official: official, directives: directives)
        decrees = DecreeReader(official: official)
        context = RegionContext(regions: regions)
    }

    public func parse(_ clean: CleanText) -> ParsedNotice {
        let lines = clean.simplifiedLines
        var notice = ParsedNotice(clean: clean)
        var o = OfficialElements()

        let head = readHead(lines, into: &notice, &o)
        let decree = head.decree
        let bodyStart = head.bodyStart
        let mastheadAgency = head.mastheadAgency
        let leadIndex = lines[bodyStart...].firstIndex {
            ($0.contains(Mark.period) || $0.count >= 40) && !TitleReader.namesFile($0)
        }
        let lead = leadIndex.map { lines[$0] }

        let tail = readTail(lines, from: bodyStart, &o)
        let tailDate = tail.date
        let titleScalars = notice.title.map { [UInt32]($0) } ?? []
        let statedTitle = clean.page?.title ?? clean.metadata.title
        let metaTitle = statedTitle.map(scalars) ?? []
        let issuerFromTitle: AgencyFinder.Agency? = titleScalars.firstIndex(of: Self.about).flatMap { at in
            let issuers = Array(titleScalars[..<at])
            let lead = issuers.split(separator: Mark.enumComma).first.map(Array.init) ?? issuers
            return agencies.first(in: lead)
        }
        let looksOfficial =
            o.docNumber != nil || !o.recipients.isEmpty || mastheadAgency != nil
            || (issuerFromTitle != nil && Self.officialKinds.contains { titleScalars.hasSuffix($0) })
        if let k = tail.signatureLine {
            var s = k - 1
            while s >= bodyStart, s >= k - 3, lines[s].count <= 30, !lines[s].contains(where: Mark.isClauseBreak),
                agencies.first(in: lines[s]) != nil
            {
                o.signatories.insert(lines[s].asString, at: 0)
                s -= 1
            }
            if decree == nil, looksOfficial || !o.signatories.isEmpty { o.signedDate = tailDate }
        } else if decree == nil, tail.inlineSigned,
            looksOfficial || Self.isOfficialTitle(titleScalars) || Self.isOfficialTitle(metaTitle)
        {
            o.signedDate = tailDate
        }
        // A page's info table states the document number and signing date outright.
        if let page = clean.page {
            if o.docNumber == nil { o.docNumber = page.field("发文字号") ?? page.field("文号") }
            if o.signedDate == nil { o.signedDate = page.field("成文日期").flatMap(ChineseDate.first(in:))?.iso() }
        }
        notice.official = o

        // Dates: the site's, from its metadata line or a short date line above the lead.
        let siteDate =
            clean.metadata.date.flatMap(ChineseDate.first(in:)).map { $0.iso() }
            ?? Self.headerDate(lines[..<min(lines.count, max(bodyStart + 4, leadIndex ?? 0), 16)])
        notice.published = o.signedDate ?? siteDate ?? tailDate

        placeAgency(
            clean, lines: lines, title: titleScalars, lead: lead,
            stated: StatedBodies(decree: decree, issuerFromTitle: issuerFromTitle, masthead: mastheadAgency),
            into: &notice)

        // A page's own title (its head tags) beats what the text suggests.
        if let title = statedTitle, !title.isEmpty {
            let stated = TitleReader.trimmingFurniture(
                [UInt32](ChineseConverter.traditionalToSimplified.convert(title))
            ).asString
            notice.title = issuerPrefixed(stated, in: lines) ?? stated
            notice.titleSource = .explicit
            // The issuer a stated 公文 title names, when nothing above named one.
            if notice.agency == nil || notice.region == nil, let t = notice.title.map({ [UInt32]($0) }),
                let at = t.firstIndex(of: Self.about), let issuer = agencies.find(in: Array(t[..<at])).first,
                issuer.range.upperBound == at
            {
                notice.agency = issuer.name
                notice.region = issuer.region
                notice.level = issuer.level
            }
        }
        // Derived title.
        if notice.title == nil, let lead {
            notice.title = titles.derive(from: lead, agency: agencies.actor(in: lead))
            notice.titleSource = notice.title == nil ? nil : .derived
        }

        // A 公文 whose signature is not at its end (a 印发 notice's cover letter signed before
        // the rules it prints, or a page run together): the issuer's name with a date right after it.
        if o.signedDate == nil, let issuer = notice.agency, let t = notice.title.map({ [UInt32]($0) }),
            looksOfficial || Self.isOfficialTitle(t), let date = Self.signature(of: issuer, in: lines[bodyStart...])
        {
            notice.official.signedDate = date
            notice.published = date
        }

        let title = notice.title.map { [UInt32]($0) } ?? []
        notice.kind = kind(title: title, lead: lead, looksOfficial: looksOfficial, hasNumber: o.docNumber != nil)
        if notice.kind != .notice, let lead { notice.eventDate = eventDate(lead: lead, published: notice.published) }

        let body = Array(lines[bodyStart...])
        notice.people = people.extract(body)
        if let decree {
            for signer in people.signatures(lines[decree.headerEnd..<min(lines.count, decree.headerEnd + 4)])
            where !notice.people.contains(where: { $0.name == signer.name }) {
                notice.people.insert(signer, at: 0)
            }
        }
        notice.directives = directives.extract(body)
        return notice
    }
}
