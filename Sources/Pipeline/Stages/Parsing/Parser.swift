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

        // A decree: its header, number, what it promulgates and the signature's date.
        let decree = (0..<min(lines.count, 10)).lazy.compactMap { decrees.read(lines, from: $0) }.first
        if let decree {
            o.docNumber = decree.number
            o.signedDate = decree.date
            if let title = decree.title {
                notice.title = title
                notice.titleSource = .explicit
            }
        }

        // Masthead (民政部文件), 发文字号, urgency marks.
        var i = 0
        var mastheadAgency: AgencyFinder.Agency?
        while decree == nil, i < lines.count, i < 6 {
            let line = lines[i]
            if line.count <= 24, line.hasSuffix(Self.masthead), let agency = agencies.first(in: line) {
                mastheadAgency = agency
            } else if line.count <= 30, line.hasSuffix(Self.masthead) {
                // A joint masthead (`发展改革委办公厅  文件` over `税务总局办公厅`) names bodies the
                // finder may not know by these short names.
            } else if line.count <= 16, !line.contains(Self.about),
                Self.organisationEnds.contains(where: line.hasSuffix),
                lines[(i + 1)..<min(lines.count, i + 3)].contains(where: { official.docNumber(in: $0) != nil })
            {
                // A co-issuer's line of a joint masthead, above the number.
            } else if line.count <= 40, let number = official.docNumber(in: line) {
                o.docNumber = number
            } else if line.count <= 12,
                ["特急", "加急", "平急", "特提", "机密", "秘密", "绝密"].contains(where: { line.contains(scalars($0)) })
            {
            } else if line.hasPrefix(scalars("签发人")) {
            } else if line.count <= 30, !line.contains(where: CharacterClass.isHanzi),
                line.contains(where: CharacterClass.isASCIIDigit)
            {
                // An index number (`CXDR-2014-01002`) above the number and title.
            } else {
                break
            }
            i += 1
        }

        // Residue a scraper kept above the headline: breadcrumbs, a site's name.
        while i < lines.count, i < 4,
            HeadlineResidue.isResidue(lines[i]) || !lines[i].contains(where: CharacterClass.isHanzi)
        {
            i += 1
        }

        if let decree { i = max(i, decree.headerEnd) }

        // Title: explicit lines before the body.
        var j = i
        while decree == nil, j < lines.count, j - i < 3, titles.isTitleLine(lines[j]) { j += 1 }
        let explicitTitle = j > i && j < lines.count && !titles.isTitleLine(lines[j])
        if explicitTitle {
            let joined = Array(lines[i..<j].joined())
            notice.title = (TitleReader.officialPrefix(joined) ?? TitleReader.trimmingFurniture(joined)).asString
            notice.titleSource = .explicit
        } else {
            j = i
            // A page run into one line: its 公文 title ends where the number or the recipients begin.
            if decree == nil, i < lines.count, let title = TitleReader.officialPrefix(lines[i]) {
                notice.title = title.asString
                notice.titleSource = .explicit
            }
        }
        if o.docNumber == nil, j < lines.count, lines[j].count <= 40, let number = official.docNumber(in: lines[j]) {
            o.docNumber = number
            j += 1
        }
        // The number elsewhere in the head: below a scraper's header lines, or in a page run
        // together (`…QQ空间 岚综管综〔2015〕63号平潭…`), never one cited in brackets.
        if o.docNumber == nil {
            for k in 0..<min(lines.count, 12) {
                if let number = official.standaloneDocNumber(in: lines[k]) {
                    o.docNumber = number
                    break
                }
                if lines[k].contains(Mark.period) && lines[k].count > 60 { break }
            }
        }
        if j < lines.count, let recipients = official.recipients(lines[j]) {
            o.recipients = recipients
            j += 1
        }
        let bodyStart = j
        let leadIndex = lines[bodyStart...].firstIndex {
            ($0.contains(Mark.period) || $0.count >= 40) && !TitleReader.namesFile($0)
        }
        let lead = leadIndex.map { lines[$0] }

        // Closing elements, read upwards from the end.
        var tailDate: String?
        var signatureLine: Int?
        for k in stride(from: lines.count - 1, through: max(bodyStart, lines.count - 15), by: -1) {
            let line = lines[k]
            if let copied = official.labeled(line, OfficialElementsReader.copy) {
                o.copiedTo = copied
            } else if let note = official.releaseNote(line) {
                o.releaseNote = note
            } else if tailDate == nil, let date = official.dateLine(line) {
                tailDate = date
                signatureLine = k
            }
        }
        // A scraper that ran the page's paragraphs together leaves the signature and 成文日期
        // inline at the end (`…请认真贯彻实施。平潭综合实验区管委会2015年3月17日 来源：…`).
        var inlineSigned = false
        if tailDate == nil {
            for k in stride(from: lines.count - 1, through: max(bodyStart, lines.count - 3), by: -1) {
                if let date = inlineSignatureDate(lines[k]) {
                    tailDate = date
                    inlineSigned = true
                    break
                }
            }
        }
        for k in bodyStart..<lines.count {
            if let files = official.labeled(lines[k], OfficialElementsReader.attachment) {
                o.attachments += files
                var n = k + 1
                while n < lines.count, lines[n].count <= 60, let (_, len) = directives.paragraphOrdinal(lines[n]),
                    !lines[n].contains(Mark.period)
                {
                    o.attachments.append(Array(lines[n].dropFirst(len)).asString)
                    n += 1
                }
            }
        }
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
        if let k = signatureLine {
            var s = k - 1
            while s >= bodyStart, s >= k - 3, lines[s].count <= 30, !lines[s].contains(where: Mark.isClauseBreak),
                agencies.first(in: lines[s]) != nil
            {
                o.signatories.insert(lines[s].asString, at: 0)
                s -= 1
            }
            if decree == nil, looksOfficial || !o.signatories.isEmpty { o.signedDate = tailDate }
        } else if decree == nil, inlineSigned,
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

        // Agency and region: the body that issues, convenes or reports, not a higher body the
        // headline or lead only mentions (`…传达民政部有关会议精神`, `国务院常务会议…后`).
        let source = clean.metadata.source.map { [UInt32]($0) }
        let sourceAgency = source.flatMap { agencies.find(in: $0).first ?? agencies.first(in: $0) }
        let decreeAgency = decree.flatMap { agencies.find(in: $0.issuer).first }
        let stated =
            decreeAgency ?? issuerFromTitle ?? mastheadAgency
            ?? o.signatories.first.flatMap { agencies.first(in: [UInt32]($0)) } ?? sourceAgency
        let titleActor = agencies.actor(in: titleScalars)
        let leadActor = lead.flatMap { agencies.actor(in: $0) }
        let agency =
            stated ?? titleActor ?? leadActor ?? agencies.actor(in: titleScalars, placeActs: true)
            ?? lead.flatMap { agencies.actor(in: $0, placeActs: true) }
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

        // Kind.
        let title = notice.title.map { [UInt32]($0) } ?? []
        if looksOfficial
            || (o.docNumber == nil && Self.officialKinds.contains { title.hasSuffix($0) } && title.contains(Self.about))
        {
            notice.kind = .notice
        } else if title.contains(scalars("会议")) || title.contains(scalars("召开"))
            || TitleReader.meetingEnds.longest(in: title, endingAt: title.count) != nil
            || (title.last == 0x4F1A && Self.organisationsEndingInHui.longest(in: title, endingAt: title.count) == nil)
        {
            notice.kind = .meeting
        } else if let lead, Self.leadConvenes(lead) {
            // A headline about what was decided, a lead saying the meeting was held.
            notice.kind = .meeting
        } else if !title.isEmpty {
            notice.kind = .report
        }

        // Event date: the first date of the lead, its year from the publication date.
        if notice.kind != .notice, let lead, let mention = ChineseDate.mentions(in: lead).first {
            var year = mention.year
            // `2018年春节临近，…2月7日，…`: a year the lead states before the day, when the site gives none.
            if year == nil, notice.published == nil,
                let stated = Self.statedYear(lead, before: mention.range.lowerBound)
            {
                year = stated
            }
            if year == nil, let published = notice.published, let py = Int(published.prefix(4)),
                let pm = Int(published.dropFirst(5).prefix(2))
            {
                year = mention.month > pm ? py - 1 : py
            }
            notice.eventDate = DateMention(year: year, month: mention.month, day: mention.day, range: mention.range)
                .iso()
        }

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
