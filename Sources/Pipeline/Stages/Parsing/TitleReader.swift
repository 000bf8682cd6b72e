/// Finds a notice's title: the explicit headline lines, or one derived from the lead.
///
/// Explicit: up to three short lines without sentence punctuation before the
/// body (公文 titles wrap: `国务院关于在市场监管领域全面推行` /
/// `部门联合…监管的意见`), joined. Derived: the lead sentence without its
/// time phrase; a meeting report becomes `<body>召开<meeting>`.
struct TitleReader: Sendable {
    let official: OfficialElementsReader
    let directives: DirectiveExtractor

    func isTitleLine(_ line: [UInt32]) -> Bool {
        guard line.count >= 4, line.count <= 60, !line.contains(where: Mark.endsSentence),
            line.count(where: CharacterClass.isHanzi) >= 4,
            let last = line.last, last != Mark.colon, last != 0x3A, last != Mark.comma,
            line.filter(CharacterClass.isHanzi).count * 2 >= line.count
        else { return false }
        if official.dateLine(line) != nil || official.docNumber(in: line) != nil { return false }
        if line.hasSuffix(Masthead.word) || Self.isLabel(line) || Self.namesFile(line) { return false }
        if directives.paragraphOrdinal(line) != nil || line.hasPrefix(scalars("附件")) { return false }
        return true
    }

    static let about = scalars("关于")

    /// A `key：value` line with a short key and a short value (`类别：提案`, `签发人：杨宏亮`);
    /// a headline with a colon has a long part (`民政部：清明节各地可暂缓举办…`).
    static func isLabel(_ line: [UInt32]) -> Bool {
        guard let colon = line.firstIndex(where: { $0 == Mark.colon || $0 == 0x3A }) else { return false }
        return colon <= 4 && line.count - colon - 1 <= 10
    }

    static let fileEnds = [".jpg", ".jpeg", ".png", ".gif", ".bmp", ".doc", ".docx", ".pdf", ".xls"].map(scalars)

    /// A picture's or a file's name (`…传达学习省两会精神_1.JPG`), a caption rather than a headline.
    static func namesFile(_ line: [UInt32]) -> Bool {
        let lower = line.suffix(6).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        return fileEnds.contains { lower.hasSuffix($0) }
    }
    /// Where a 公文 title run into the rest of a line ends: white space, a bracket or a number.
    static let titleEnds: Set<UInt32> = [0x20, 0x3000, 0x09, 0xFF08, 0x28, 0x3014, 0x5B, 0x3010, 0x7C]

    /// The 公文 title (`[issuer]关于…的批复`) that opens `line`, when a page runs it into its
    /// number, its recipients or a site's name (`…的批复 国函〔1999〕134号 北京市人民政府：…`,
    /// `…的批复 中华文库`): up to the first document kind after `关于` that a space, a bracket or
    /// the line's end follows. Nil when the line does not open so.
    static func officialPrefix(_ line: [UInt32]) -> [UInt32]? {
        guard let at = line.firstIndex(of: about), at <= 40,
            line[..<at].allSatisfy({ CharacterClass.isHanzi($0) || $0 == Mark.enumComma })
        else { return nil }
        var e = at + about.count + 2
        while e <= min(line.count, at + 120) {
            let head = line[..<e]
            if head.last.map({ Mark.isClauseBreak($0) || $0 == 0x3002 }) == true { return nil }
            if e == line.count || titleEnds.contains(line[e]),
                Parser.officialKinds.contains(where: { Array(head).hasSuffix($0) })
            {
                return Array(head)
            }
            e += 1
        }
        return nil
    }

    /// A headline without the site furniture printed after it (` |`, `| |`).
    static func trimmingFurniture(_ title: [UInt32]) -> [UInt32] {
        var t = title
        while let last = t.last, last == 0x7C || last == 0xFF5C || last == 0x20 || last == 0x3000 { t.removeLast() }
        return t.isEmpty ? title : t
    }

    static let timeWords = PatternSet(["上午", "下午", "晚上", "晚", "早上", "上旬", "中旬", "下旬", "前后", "期间"])
    static let leadAdverbs = PatternSet(["近日", "日前", "近期", "今年以来", "连日来", "目前", "当前", "近年来", "今天", "昨天", "昨日", "今日"])
    static let meetingEnds = PatternSet([
        "会议", "座谈会", "推进会", "部署会", "视频会", "调度会", "动员会", "工作会", "培训会", "联席会", "推介会", "现场会",
        "交流会", "观摩会", "总结会", "表彰会", "启动会", "报告会", "宣讲会", "务虚会", "专题学习", "集体学习",
    ])

    /// A news dateline before the lead (`本网讯`, `德州新闻网讯（记者 闫超）`, `本网通讯员某某报道：`).
    static let datelineEnds = PatternSet(["讯", "报道", "电"])

    /// Where a dateline ends: a `…讯`/`…报道`/`…电` within the first 24 characters, with its
    /// reporters in brackets and a colon after it, when a date or a sentence follows.
    static func datelineEnd(_ lead: [UInt32]) -> Int {
        for i in 0..<min(lead.count, 24) {
            guard let end = datelineEnds.longest(in: lead, at: i), i >= 1 else { continue }
            var k = i + end.count
            while k < lead.count, let again = datelineEnds.longest(in: lead, at: k) { k += again.count }
            if k < lead.count, lead[k] == Mark.openParen || lead[k] == 0x28 {
                guard let close = lead[k...].firstIndex(where: { $0 == Mark.closeParen || $0 == 0x29 }), close - k <= 16
                else { return 0 }
                k = close + 1
            }
            while k < lead.count, lead[k] == Mark.colon || lead[k] == 0x3A || lead[k] == 0x20 || lead[k] == 0x3000 {
                k += 1
            }
            // `本网通讯员…报道：`: the 讯 of 通讯员 is not the dateline's end; read on.
            if ChineseDate.mention(in: lead, at: k) != nil { return k }
        }
        return 0
    }

    /// Words that open a clause of purpose or basis (`为充分体现…`, `根据…`).
    static let purposeStarts = PatternSet(["为了", "为", "根据", "按照", "围绕", "依据", "确保", "进一步"])

    /// Words that end a clause of time (`…会议结束后，`, `2018年春节临近，`), not of action.
    static let timeClauseEnds = PatternSet(["后", "时", "之际", "期间", "临近", "前夕", "以来"])

    /// The lead sentence without its opening time phrase (`1月29日，` `4月10日下午，` `近日，`).
    func leadClause(_ lead: [UInt32]) -> [UInt32] {
        let dateline = Self.datelineEnd(lead)
        var clause = leadClause(afterDateline: Array(lead[dateline...]))
        // `第十四次全国民政会议结束后，…`, `为充分体现…的关爱，`, `2月7日，`: clauses of time or
        // purpose and bare dates are not the news; the clause after them is.
        while let comma = clause.firstIndex(of: Mark.comma), comma + 1 < clause.count {
            let part = Array(clause[..<comma])
            let time = Self.timeClauseEnds.longest(in: part, endingAt: part.count) != nil
            let purpose = Self.purposeStarts.longest(in: part, at: 0) != nil
            let date = ChineseDate.mention(in: part, at: 0).map { $0.range.upperBound >= part.count - 2 } ?? false
            guard time || purpose || date else { break }
            clause = Array(clause[(comma + 1)...])
        }
        return clause
    }

    private func leadClause(afterDateline lead: [UInt32]) -> [UInt32] {
        var start = 0
        if let date = ChineseDate.mention(in: lead, at: 0) {
            start = date.range.upperBound
            if let w = Self.timeWords.longest(in: lead, at: start) { start += w.count }
        } else if let adverb = Self.leadAdverbs.longest(in: lead, at: 0) {
            start = adverb.count
        }
        if start > 0, start < lead.count, lead[start] == Mark.comma { start += 1 }
        let end = lead[start...].firstIndex(where: Mark.endsSentence) ?? lead.count
        return Array(lead[start..<end])
    }

    /// A title derived from the lead paragraph; `agency` names the subject of a meeting.
    func derive(from lead: [UInt32], agency: AgencyFinder.Agency?) -> String? {
        let clause = leadClause(lead)
        guard !clause.isEmpty else { return nil }
        let convene = scalars("召开")
        let firstClauseEnd = clause.firstIndex(of: Mark.comma) ?? clause.count
        if let at = clause.firstIndex(of: convene), at < firstClauseEnd {
            let object = Array(clause[(at + convene.count)..<firstClauseEnd])
            // The meeting's name ends at its first 会 (会议 when 议 follows).
            var objectEnd = object.count
            if let k = object.firstIndex(of: 0x4F1A) {
                objectEnd = k + 1 < object.count && object[k + 1] == 0x8BAE ? k + 2 : k + 1
            }
            let subject: String
            if let agency, agency.range.upperBound <= at {
                subject = agency.name
            } else {
                subject = Array(clause[..<at]).asString
            }
            return subject + "召开" + Array(object[..<objectEnd]).asString
        }
        let first = Array(clause[..<firstClauseEnd])
        return (first.count >= 8 ? first : Array(clause.prefix(40))).asString
    }
}
