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

    public init(regions: RegionDirectory = .gbt2260) {
        agencies = AgencyFinder(regions: regions)
        titles = TitleReader(official: official, directives: directives)
    }

    static let officialKinds = [
        "通知", "意见", "办法", "决定", "通告", "公告", "批复", "规定", "方案", "函", "细则",
        "规划", "条例", "命令", "决议", "指示", "通报", "请示", "纪要", "公报", "实施方案", "指导意见",
    ].map { scalars($0) }
    static let masthead = scalars("文件")

    /// Endings of a public body's name (`…社会事业局`, `…管委会`), for a source the agency
    /// finder does not know by name.
    static let bodyEndings = ["局", "厅", "部", "委", "委员会", "管委会", "政府", "办公室", "办公厅", "中心", "院", "署", "处", "所", "站", "办"]

    /// A page's stated source (`ContentSource`, `来源：`) as the agency, when it names a public
    /// body rather than a site or a newspaper.
    static func namedBody(_ source: String) -> String? {
        let name = source.trimmingPrefix(while: { $0 == " " })
        guard name.count >= 4, name.count <= 30, bodyEndings.contains(where: { name.hasSuffix($0) }),
            name.allSatisfy({ $0.unicodeScalars.allSatisfy { CharacterClass.isHanzi($0.value) } })
        else { return nil }
        return String(name)
    }
    static let about = scalars("关于")

    /// The date of a signature run into the text: a full date (year, month, day) right after
    /// an agency's name that itself follows a sentence's end, in the line's last 200 characters.
    func inlineSignatureDate(_ line: [UInt32]) -> String? {
        let from = max(0, line.count - 200)
        for mention in ChineseDate.mentions(in: line).reversed() where mention.range.lowerBound >= from {
            guard mention.year != nil else { continue }
            let start = mention.range.lowerBound
            // The name between the sentence end and the date, 2 to 40 characters.
            guard
                let stop = line[max(from, start - 41)..<start].lastIndex(where: { $0 == Mark.period || $0 == 0xFF01 }),
                start - stop - 1 >= 2
            else { continue }
            let name = Array(line[(stop + 1)..<start])
            let known = agencies.first(in: name).map { $0.range.upperBound == name.count } ?? false
            let named =
                name.count <= 30 && name.allSatisfy(CharacterClass.isHanzi)
                && Self.organisationEnds.contains { name.hasSuffix($0) }
            guard known || named else { continue }
            return mention.iso()
        }
        return nil
    }

    /// How the names of issuing bodies end (GB/T 9704 signatures).
    static let organisationEnds = [
        "委员会", "管委会", "人民政府", "政府", "办公室", "办公厅", "局", "厅", "部", "委", "院", "署", "中心", "办", "会", "所",
    ].map { scalars($0) }

    /// A 公文's title: `关于…` ending in a document kind (通知, 批复, 意见, …).
    static func isOfficialTitle(_ title: [UInt32]) -> Bool {
        title.hasPrefix(about) && officialKinds.contains { title.hasSuffix($0) }
    }

    /// Whether the lead's first sentence says a meeting was held: 召开 or 举行, then a meeting
    /// word (会议, 座谈会, …) before the sentence ends.
    static func leadConvenes(_ lead: [UInt32]) -> Bool {
        let end = lead.firstIndex(where: { $0 == 0x3002 || $0 == 0xFF1B }) ?? lead.count
        let sentence = Array(lead[..<end])
        for verb in [scalars("召开"), scalars("举行")] {
            guard let at = sentence.firstIndex(of: verb) else { continue }
            let rest = Array(sentence[(at + verb.count)...].prefix(48))
            if TitleReader.meetingEnds.occurs(in: rest) { return true }
        }
        return false
    }

    public func parse(_ clean: CleanText) -> ParsedNotice {
        let lines = clean.simplifiedLines
        var notice = ParsedNotice(clean: clean)
        var o = OfficialElements()

        // Masthead (民政部文件), 发文字号, urgency marks.
        var i = 0
        var mastheadAgency: AgencyFinder.Agency?
        while i < lines.count, i < 6 {
            let line = lines[i]
            if line.count <= 24, line.hasSuffix(Self.masthead), let agency = agencies.first(in: line) {
                mastheadAgency = agency
            } else if line.count <= 40, let number = official.docNumber(in: line) {
                o.docNumber = number
            } else if line.count <= 12,
                ["特急", "加急", "平急", "特提", "机密", "秘密", "绝密"].contains(where: { line.contains(scalars($0)) })
            {
            } else if line.hasPrefix(scalars("签发人")) {
            } else {
                break
            }
            i += 1
        }

        // Residue a scraper kept above the headline: breadcrumbs, a site's name.
        while i < lines.count, i < 4, HeadlineResidue.isResidue(lines[i]) { i += 1 }

        // Title: explicit lines before the body.
        var j = i
        while j < lines.count, j - i < 3, titles.isTitleLine(lines[j]) { j += 1 }
        let explicitTitle = j > i && j < lines.count && !titles.isTitleLine(lines[j])
        if explicitTitle {
            notice.title = lines[i..<j].map(\.asString).joined()
            notice.titleSource = .explicit
        } else {
            j = i
        }
        if o.docNumber == nil, j < lines.count, lines[j].count <= 40, let number = official.docNumber(in: lines[j]) {
            o.docNumber = number
            j += 1
        }
        if j < lines.count, let recipients = official.recipients(lines[j]) {
            o.recipients = recipients
            j += 1
        }
        let bodyStart = j
        let lead = lines[bodyStart...].first { $0.contains(Mark.period) || $0.count >= 40 }

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
            if looksOfficial || !o.signatories.isEmpty { o.signedDate = tailDate }
        } else if inlineSigned, looksOfficial || Self.isOfficialTitle(titleScalars) || Self.isOfficialTitle(metaTitle) {
            o.signedDate = tailDate
        }
        // A page's info table states the document number and signing date outright.
        if let page = clean.page {
            if o.docNumber == nil { o.docNumber = page.field("发文字号") ?? page.field("文号") }
            if o.signedDate == nil { o.signedDate = page.field("成文日期").flatMap(ChineseDate.first(in:))?.iso() }
        }
        notice.official = o

        // Dates.
        let siteDate = clean.metadata.date.flatMap(ChineseDate.first(in:)).map { $0.iso() }
        notice.published = o.signedDate ?? siteDate ?? tailDate

        // Agency and region.
        let sourceAgency = clean.metadata.source.flatMap { agencies.find(in: [UInt32]($0)).first }
        let leadAgency = lead.flatMap { agencies.find(in: $0).first }
        let agency =
            issuerFromTitle ?? mastheadAgency ?? o.signatories.first.flatMap { agencies.first(in: [UInt32]($0)) }
            ?? sourceAgency ?? agencies.find(in: titleScalars).first ?? leadAgency
            ?? agencies.first(in: titleScalars) ?? lead.flatMap { agencies.first(in: $0) }
        notice.agency = agency?.name ?? clean.metadata.source.flatMap(Self.namedBody)
        notice.region = agency?.region
        notice.level = agency?.level

        // A page's own title (its head tags) beats what the text suggests.
        if let title = statedTitle, !title.isEmpty {
            notice.title = ChineseConverter.traditionalToSimplified.convert(title)
            notice.titleSource = .explicit
        }
        // Derived title.
        if notice.title == nil, let lead {
            notice.title = titles.derive(from: lead, agency: leadAgency)
            notice.titleSource = notice.title == nil ? nil : .derived
        }

        // Kind.
        let title = notice.title.map { [UInt32]($0) } ?? []
        if looksOfficial
            || (o.docNumber == nil && Self.officialKinds.contains { title.hasSuffix($0) } && title.contains(Self.about))
        {
            notice.kind = .notice
        } else if title.contains(scalars("会议")) || title.contains(scalars("召开"))
            || TitleReader.meetingEnds.longest(in: title, endingAt: title.count) != nil
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
        notice.directives = directives.extract(body)
        return notice
    }
}
