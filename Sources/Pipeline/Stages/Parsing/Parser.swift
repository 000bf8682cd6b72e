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

    static let officialKinds = [
        "通知", "意见", "办法", "决定", "通告", "公告", "批复", "规定", "方案", "函", "细则",
        "规划", "条例", "命令", "决议", "指示", "通报", "请示", "纪要", "公报", "实施方案", "指导意见", "答复",
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
    static let future = PatternSet(["即将", "将于", "拟于", "拟"])
    /// Bodies whose names end in 会, which a headline ending in 会 (a 推介会, a 现场会) is not.
    static let organisationsEndingInHui = PatternSet([
        "协会", "委员会", "管委会", "理事会", "工会", "联合会", "总会", "商会", "学会", "基金会", "红十字会", "研究会",
        "促进会", "居委会", "村委会", "党委会", "常委会", "董事会", "联谊会",
    ])

    /// `26.03.2015` (day, month, year), as some sites print their dates.
    static func dayMonthYear(_ line: [UInt32]) -> String? {
        let digit = CharacterClass.isASCIIDigit
        var i = 0
        while i + 10 <= line.count {
            let w = Array(line[i..<(i + 10)])
            if digit(w[0]), digit(w[1]), w[2] == 0x2E, digit(w[3]), digit(w[4]), w[5] == 0x2E,
                w[6...].allSatisfy(digit), i == 0 || !digit(line[i - 1]),
                i + 10 == line.count || !digit(line[i + 10])
            {
                let day = Int(w[0] - 0x30) * 10 + Int(w[1] - 0x30)
                let month = Int(w[3] - 0x30) * 10 + Int(w[4] - 0x30)
                let year = w[6...].reduce(0) { $0 * 10 + Int($1 - 0x30) }
                guard (1...31).contains(day), (1...12).contains(month), (1900...2100).contains(year) else { return nil }
                return DateMention(year: year, month: month, day: day, range: i..<(i + 10)).iso()
            }
            i += 1
        }
        return nil
    }

    /// A year written out (`2018年`, not part of a full date) in `lead` before `end`.
    static func statedYear(_ lead: [UInt32], before end: Int) -> Int? {
        var i = 0
        while i + 5 <= end {
            if lead[i..<(i + 4)].allSatisfy(CharacterClass.isASCIIDigit), lead[i + 4] == 0x5E74,
                i == 0 || !CharacterClass.isASCIIDigit(lead[i - 1]), ChineseDate.mention(in: lead, at: i) == nil
            {
                let y = lead[i..<(i + 4)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
                if (1950...2100).contains(y) { return y }
            }
            i += 1
        }
        return nil
    }

    /// A site's date printed on a short line of its own above the lead (`2020-07-24`,
    /// `网络整理 2019-03-15 最新信息`, `2014/3/24`): a full date, no sentence.
    static func headerDate(_ lines: ArraySlice<[UInt32]>) -> String? {
        for line in lines where line.count <= 40 && !line.contains(where: Mark.endsSentence) {
            guard line.count(where: CharacterClass.isHanzi) <= 12 else { continue }
            if let m = ChineseDate.mentions(in: line).first, m.year != nil { return m.iso() }
            if let european = Self.dayMonthYear(line) { return european }
        }
        return nil
    }

    /// The date of a signature run into the text: a full date (year, month, day) right after
    /// an agency's name that itself follows a sentence's end, in the line's last 200 characters.
    func inlineSignatureDate(_ line: [UInt32]) -> String? {
        let from = max(0, line.count - 300)
        for mention in ChineseDate.mentions(in: line).reversed() where mention.range.lowerBound >= from {
            guard mention.year != nil,
                !Self.printed.occurs(
                    in: Array(line[mention.range.upperBound..<min(line.count, mention.range.upperBound + 3)]))
            else { continue }
            let start = mention.range.lowerBound
            // The name between the sentence end and the date, 2 to 40 characters.
            guard
                let stop = line[max(from, start - 41)..<start].lastIndex(where: { $0 == Mark.period || $0 == 0xFF01 }),
                start - stop - 1 >= 2
            else { continue }
            var name = Array(line[(stop + 1)..<start])
            while let f = name.first, f == 0x20 || f == 0x3000 { name.removeFirst() }
            while let l = name.last, l == 0x20 || l == 0x3000 { name.removeLast() }
            guard name.count >= 2 else { continue }
            let known = agencies.first(in: name).map { $0.range.upperBound == name.count } ?? false
            let named =
                name.count <= 30 && name.allSatisfy(CharacterClass.isHanzi)
                && Self.organisationEnds.contains { name.hasSuffix($0) }
            guard known || named else { continue }
            return mention.iso()
        }
        return nil
    }

    /// The date the issuer signed with: its name, white space at most, then a full date that
    /// is not a printing date (`平潭综合实验区管委会办公室2015年7月31日`, `福州市地方税务局 2013年2月25日`).
    static func signature(of issuer: String, in lines: ArraySlice<[UInt32]>) -> String? {
        let name = [UInt32](issuer)
        guard name.count >= 3 else { return nil }
        for line in lines {
            var from = 0
            while let at = line.firstIndex(of: name, from: from) {
                var k = at + name.count
                while k < line.count, line[k] == 0x20 || line[k] == 0x3000 { k += 1 }
                if let m = ChineseDate.mention(in: line, at: k), m.year != nil,
                    !printed.occurs(in: Array(line[m.range.upperBound..<min(line.count, m.range.upperBound + 3)]))
                {
                    return m.iso()
                }
                from = at + 1
            }
        }
        return nil
    }

    /// After a date: the date a document was printed (印发) or takes effect, not signed.
    static let printed = PatternSet(["印发", "起", "施行", "发布"])

    /// How the names of issuing bodies end (GB/T 9704 signatures).
    static let organisationEnds = [
        "委员会", "管委会", "人民政府", "政府", "办公室", "办公厅", "局", "厅", "部", "委", "院", "署", "中心", "办", "会", "所",
    ].map { scalars($0) }

    /// A 公文's title: `[issuer]关于…` ending in a document kind (通知, 批复, 意见, …).
    static func isOfficialTitle(_ title: [UInt32]) -> Bool {
        guard let at = title.firstIndex(of: about), at <= 40, title[..<at].allSatisfy(CharacterClass.isHanzi) else {
            return false
        }
        return officialKinds.contains { title.hasSuffix($0) }
    }

    /// Whether the lead's first sentence says a meeting was held: 召开 or 举行, then a meeting
    /// word (会议, 座谈会, …) before the sentence ends.
    static func leadConvenes(_ lead: [UInt32]) -> Bool {
        let end = lead.firstIndex(where: { $0 == 0x3002 || $0 == 0xFF1B }) ?? lead.count
        let sentence = Array(lead[..<end])
        for verb in [scalars("召开"), scalars("举行")] {
            guard let at = sentence.firstIndex(of: verb) else { continue }
            // `即将在沙市召开的现场会`: a meeting to come has not been held.
            if Self.future.occurs(in: Array(sentence[max(0, at - 8)..<at])) { continue }
            let rest = Array(sentence[(at + verb.count)...].prefix(48))
            if TitleReader.meetingEnds.occurs(in: rest) { return true }
        }
        return false
    }

    /// A site's title that drops the issuer (`关于印发…的通知`) where the document prints it in
    /// full (`平潭综合实验区管委会关于印发…的通知`): the full form, when a body's name ends right
    /// before the stated title in the head of the text.
    func issuerPrefixed(_ title: String, in lines: [[UInt32]]) -> String? {
        let t = [UInt32](title)
        guard t.hasPrefix(Self.about) else { return nil }
        for line in lines.prefix(12) {
            var from = 0
            while let at = line.firstIndex(of: t, from: from) {
                let before = Array(line[max(0, at - 30)..<at])
                if let issuer = agencies.find(in: before).last, issuer.range.upperBound == before.count {
                    return issuer.name + title
                }
                from = at + 1
            }
        }
        return nil
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
        let agency =
            decreeAgency ?? issuerFromTitle ?? mastheadAgency
            ?? o.signatories.first.flatMap { agencies.first(in: [UInt32]($0)) }
            ?? sourceAgency ?? agencies.actor(in: titleScalars) ?? lead.flatMap { agencies.actor(in: $0) }
            ?? agencies.actor(in: titleScalars, placeActs: true)
            ?? lead.flatMap { agencies.actor(in: $0, placeActs: true) }
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
