/// Sorts the lines of a page into body, site chrome (boilerplate), metadata and SEO spam.
///
/// Each line is scored on features: lexicon hits (one automaton over the
/// line), separators (`|`, `>`), phone numbers, e-mail and web addresses,
/// and its shape (long sentences are body). Metadata lines (来源/作者/时间/
/// 浏览量) are chrome too, but their values are kept. A page footer is
/// removed as a block: short, sentence-less lines at the end of the page go
/// with it when the block holds at least two certain chrome lines, but a
/// line that looks like a 公文 signature (an agency, a date, 附件, 此件…) stops
/// the block, so documents keep their closing elements.
public struct LineClassifier: Sendable {
    public enum Kind: Sendable, Hashable {
        case body, boilerplate, metadata, spam
    }

    private let automaton: AhoCorasick
    private let strongCount: Int
    private let weakCount: Int
    private let webCount: Int

    public static let standard = LineClassifier()

    public init() {
        automaton = AhoCorasick(
            patterns: Lexicon.strongBoilerplate + Lexicon.weakBoilerplate + Lexicon.web + Lexicon.spam)
        strongCount = Lexicon.strongBoilerplate.count
        weakCount = Lexicon.weakBoilerplate.count
        webCount = Lexicon.web.count
    }

    /// Classifies the Simplified lines of one page.
    public func classify(_ lines: [[UInt32]]) -> [Kind] {
        var kinds = lines.map(classify(line:))
        // Footer block: walk up from the end over chrome and weak lines.
        var start = lines.count
        var certain = 0
        while start > 0 {
            let i = start - 1
            if kinds[i] != .body {
                if kinds[i] == .boilerplate { certain += 1 }
            } else if !isWeakFooterLine(lines[i]) {
                break
            }
            start = i
        }
        if certain >= 2 {
            for i in start..<lines.count where kinds[i] == .body { kinds[i] = .boilerplate }
        }
        return kinds
    }

    /// The classification of one line on its own.
    public func classify(line: [UInt32]) -> Kind {
        var strong = 0
        var weak = 0
        var web = false
        var spam = Set<Int>()
        automaton.forEachMatch(in: line) { match in
            if match.pattern < strongCount {
                strong += 1
            } else if match.pattern < strongCount + weakCount {
                weak += 1
            } else if match.pattern < strongCount + weakCount + webCount {
                web = true
            } else {
                spam.insert(match.pattern)
            }
        }
        if web { weak += 1 }
        let shape = LineShape(line)
        if spam.count >= 3 || (spam.count >= 2 && shape.separators >= 2) { return .spam }
        if MetadataLine.isMetadata(line) { return .metadata }
        // A page a scraper ran into one line keeps its chrome at the front (`当前位置：… 微信 微博`)
        // and the whole document after it: dropping the line would drop the document.
        if shape.hanzi >= 200 && shape.sentenceMarks >= 1 { return .body }
        if strong == 0 && weak == 0 && shape.separators == 0 && !shape.hasPhone && !shape.hasEmail { return .body }
        var score = 3 * strong + weak
        if shape.separators >= 1 { score += 2 }
        if shape.hasPhone { score += 2 }
        if shape.hasEmail { score += 2 }
        if shape.hanzi >= 80 && shape.sentenceMarks >= 1 {
            score -= 4 + shape.hanzi / 100
        } else if shape.hanzi >= 30 && shape.sentenceMarks >= 1 && shape.separators == 0
            && !ChineseDate.mentions(in: line).isEmpty
        {
            // A dated lead behind a byline (`本网通讯员某某报道：5月26日，…召开…。`); a site's
            // disclaimer has sentences too, but no date.
            score -= 3
        }
        return score >= 3 ? .boilerplate : .body
    }

    /// A short line without a sentence end that is not a signature, date or attachment.
    func isWeakFooterLine(_ line: [UInt32]) -> Bool {
        let shape = LineShape(line)
        guard line.count <= 60, shape.sentenceMarks == 0, let last = line.last else { return false }
        if last == 0xFF09 || last == 0x3011 || shape.digits >= 4 && shape.hanzi <= 12 { return false }
        let text = ScalarText.string(line)
        for keep in ["附件", "此件", "抄送", "印发", "年", "月", "日"] where text.contains(keep) { return false }
        for suffix in ["厅", "局", "部", "委", "委员会", "政府", "办公室", "办公厅", "院", "会", "处", "署", "所", "站"]
        where text.hasSuffix(suffix) {
            return false
        }
        return true
    }
}

/// Cheap shape features of a line, counted in one pass.
struct LineShape {
    var hanzi = 0
    var digits = 0
    var separators = 0
    var sentenceMarks = 0
    var hasPhone = false
    var hasEmail = false

    init(_ line: [UInt32]) {
        var run = 0
        var sawAt = false
        for (i, v) in line.enumerated() {
            if CharacterClass.isHanzi(v) { hanzi += 1 }
            if CharacterClass.isASCIIDigit(v) {
                digits += 1
                run += 1
                if run >= 7 { hasPhone = true }
            } else if v == 0x2D && run >= 3 && i + 1 < line.count && CharacterClass.isASCIIDigit(line[i + 1]) {
                run = 0  // 010-56212745: the area code and the number count as one run
                hasPhone = hasPhone || Self.digitRun(line, from: i + 1) >= 7
            } else {
                run = 0
            }
            switch v {
            case 0x7C, 0xFF5C, 0x4E28, 0x3E, 0xBB, 0x203A, 0xFF1E: separators += 1
            case 0x3002, 0xFF01, 0xFF1F: sentenceMarks += 1
            case 0x40: sawAt = true
            case 0x2E: if sawAt { hasEmail = true }
            default: break
            }
        }
    }

    static func digitRun(_ line: [UInt32], from start: Int) -> Int {
        var n = 0
        while start + n < line.count && CharacterClass.isASCIIDigit(line[start + n]) { n += 1 }
        return n
    }
}
