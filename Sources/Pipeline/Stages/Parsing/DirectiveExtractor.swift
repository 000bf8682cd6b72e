/// Reads the enumerated items of a notice, each kept with its own ordinal marker.
///
/// Three layouts, tried in this order: paragraphs that open with an ordinal
/// (`一、` `（一）` `1.` `第一，`); ordinals inside running text (`一是…二是…`,
/// `一要…二要…`), cut at the next ordinal or the end of the paragraph; and
/// headline items, three or more paragraphs in a row that open with a short
/// sentence (`思想认识要更深刻。…`). Ordinals must count up from one.
struct DirectiveExtractor: Sendable {
    static let numerals: [[UInt32]] = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
        "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
    ].map { scalars($0) }

    static let inlineSuffixes = [scalars("是"), scalars("要"), scalars("方面")]

    /// `第一` … `第二十`.
    static let ordinals: [[UInt32]] = numerals.map { scalars("第") + $0 }

    func extract(_ lines: [[UInt32]]) -> [String] {
        let numbered = paragraphItems(lines)
        if numbered.count >= 2 { return numbered }
        let inline = inlineItems(lines)
        if inline.count >= 2 { return inline }
        return headlineItems(lines)
    }

    /// The ordinal (1-based) that opens a paragraph, and the marker's length.
    func paragraphOrdinal(_ line: [UInt32]) -> (Int, Int)? {
        guard let first = line.first else { return nil }
        if first == 0x7B2C || first == Mark.openParen || Self.numeralStarts.contains(first) {
            if let found = chineseOrdinal(line) { return found }
        }
        return arabicOrdinal(line)
    }

    static let numeralStarts = ScalarBits("一二三四五六七八九十")

    private func chineseOrdinal(_ line: [UInt32]) -> (Int, Int)? {
        for (n, numeral) in Self.numerals.enumerated().reversed() {
            if line.matches(numeral, at: 0), numeral.count < line.count, line[numeral.count] == Mark.enumComma {
                return (n + 1, numeral.count + 1)
            }
            if line.first == Mark.openParen, line.matches(numeral, at: 1), numeral.count + 1 < line.count,
                line[numeral.count + 1] == Mark.closeParen
            {
                return (n + 1, numeral.count + 2)
            }
            if line.matches(Self.ordinals[n], at: 0), numeral.count + 1 < line.count,
                line[numeral.count + 1] == Mark.comma || line[numeral.count + 1] == Mark.enumComma
            {
                return (n + 1, numeral.count + 2)
            }
        }
        return nil
    }

    /// `1.` `1、` `1．` `1）`
    private func arabicOrdinal(_ line: [UInt32]) -> (Int, Int)? {
        var j = 0
        var value = 0
        while j < line.count, j < 2, CharacterClass.isASCIIDigit(line[j]) {
            value = value * 10 + Int(line[j] - 0x30)
            j += 1
        }
        if j > 0, j < line.count, [0x2E, Mark.enumComma, 0xFF0E, Mark.closeParen].contains(line[j]),
            j + 1 < line.count, !CharacterClass.isASCIIDigit(line[j + 1])
        {
            return (value, j + 1)
        }
        return nil
    }

    func paragraphItems(_ lines: [[UInt32]]) -> [String] {
        var items: [String] = []
        var expected = 1
        for line in lines {
            guard let (n, _) = paragraphOrdinal(line) else { continue }
            if n == expected {
                items.append(line.asString)
                expected += 1
            }
        }
        return items
    }

    /// `一是…二是…` / `一要…二要…` within paragraphs.
    func inlineItems(_ lines: [[UInt32]]) -> [String] {
        for suffix in Self.inlineSuffixes {
            var items: [String] = []
            for line in lines {
                var starts: [Int] = []
                var search = 0
                var expected = 1
                while expected <= Self.numerals.count {
                    let marker = Self.numerals[expected - 1] + suffix
                    guard let at = line.firstIndex(of: marker, from: search) else { break }
                    // The marker must open a clause: after punctuation or at the paragraph start.
                    if at == 0 || Mark.isClauseBreak(line[at - 1]) || line[at - 1] == Mark.enumComma
                        || CharacterClass.isCJKPunctuation(line[at - 1])
                    {
                        starts.append(at)
                        expected += 1
                    }
                    search = at + marker.count
                }
                guard starts.count >= 2 else { continue }
                for (k, start) in starts.enumerated() {
                    var end = k + 1 < starts.count ? starts[k + 1] : line.count
                    while end > start, line[end - 1] == Mark.comma || line[end - 1] == 0x20 { end -= 1 }
                    items.append(Array(line[start..<end]).asString)
                }
            }
            if items.count >= 2 { return items }
        }
        return []
    }

    /// Runs of three or more paragraphs that each open with a short headline sentence.
    func headlineItems(_ lines: [[UInt32]]) -> [String] {
        var best: [String] = []
        var run: [String] = []
        for line in lines {
            if let stop = line.firstIndex(where: Mark.endsSentence), stop >= 4, stop <= 16, stop + 1 < line.count,
                !line[..<stop].contains(Mark.comma)
            {
                run.append(line.asString)
            } else {
                if run.count > best.count { best = run }
                run = []
            }
        }
        if run.count > best.count { best = run }
        return best.count >= 3 ? best : []
    }
}
