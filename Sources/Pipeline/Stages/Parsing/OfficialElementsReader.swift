/// Reads the formal elements of a 公文 laid out per GB/T 9704.
///
/// 发文字号 (`民发〔2020〕12号`, `国办发明电〔2018〕15号`, `国令第707号`, with
/// `〔〕` `［］` `[]` or `()` around the year, printed with `〔〕`); 主送机关
/// (a short line ending in `：` after the title); the signature block and
/// 成文日期 near the end (Arabic or Chinese numerals); `（此件公开发布）`;
/// 附件 and 抄送 lines. Absent elements stay absent.
struct OfficialElementsReader: Sendable {
    static let opens: Set<UInt32> = [0x3014, 0xFF3B, 0x5B, 0xFF08, 0x28, 0xFE5D, 0x3010]  // 〔 ［ [ （ ( ﹝ 【
    static let closes: Set<UInt32> = [0x3015, 0xFF3D, 0x5D, 0xFF09, 0x29, 0xFE5E, 0x3011]
    /// What opens a citation: a number right after these is another document's, cited.
    static let citing: Set<UInt32> = [0xFF08, 0x28, 0x300A, 0x3008, 0x201C]  // （ ( 《 〈 “
    /// Words after a number that show it is cited in running text (`按民发〔2020〕1号文件要求`).
    static let citedAfter = PatternSet(["文件", "精神", "要求", "规定", "的", "文", "等"])

    /// A 发文字号 found in `line`, normalized to `〔YYYY〕`.
    func docNumber(in line: [UInt32]) -> String? {
        var i = 0
        while i < line.count {
            if Self.opens.contains(line[i]), i >= 1, let number = yearForm(line, open: i) { return number }
            if line[i] == 0x4EE4, i >= 1, let number = decreeForm(line, at: i)?.0 { return number }  // 令
            i += 1
        }
        return nil
    }

    /// The document's own 发文字号 in a header line or the run-together head of a page: a number
    /// standing alone (after the line's start, a space, or a masthead's `文件`), not one cited in
    /// brackets, quotes or running text. Only the part of `line` before its first `。` is read.
    func standaloneDocNumber(in line: [UInt32]) -> String? {
        let end = line.firstIndex(of: Mark.period) ?? line.count
        var i = 0
        while i < end {
            var found: (String, Range<Int>)?
            if Self.opens.contains(line[i]), i >= 1, let n = yearFormRange(line, open: i) {
                found = n
            } else if line[i] == 0x4EE4, i >= 1, let n = decreeForm(line, at: i) {  // 令
                found = n
            }
            if let (number, range) = found {
                let before = range.lowerBound > 0 ? line[range.lowerBound - 1] : 0x20
                let afterMasthead =
                    range.lowerBound >= 2 && line[range.lowerBound - 2] == 0x6587
                    && line[range.lowerBound - 1] == 0x4EF6  // 文件
                let alone =
                    before == 0x20 || before == 0x3000 || before == 0x09 || Mark.isClauseBreak(before) || afterMasthead
                let cited =
                    Self.citing.contains(before) || Self.citedAfter.longest(in: line, at: range.upperBound) != nil
                if alone && !cited { return number }
                i = range.upperBound
                continue
            }
            i += 1
        }
        return nil
    }

    /// `民发〔2020〕12号`: up to eight hanzi, the year in brackets, a number, 号.
    private func yearForm(_ line: [UInt32], open: Int) -> String? {
        yearFormRange(line, open: open).map(\.0)
    }

    private func yearFormRange(_ line: [UInt32], open: Int) -> (String, Range<Int>)? {
        var start = open
        while start > 0, open - start < 8, CharacterClass.isHanzi(line[start - 1]) { start -= 1 }
        guard start < open, open + 6 < line.count else { return nil }
        let year = line[(open + 1)..<(open + 5)]
        guard year.allSatisfy(CharacterClass.isASCIIDigit), Self.closes.contains(line[open + 5]) else { return nil }
        var j = open + 6
        while j < line.count, CharacterClass.isASCIIDigit(line[j]) { j += 1 }
        guard j > open + 6, j < line.count, line[j] == 0x53F7 else { return nil }  // 号
        // The agency code must not be running text: it ends in 发/函/字/电/办 or similar.
        var code = Array(line[start..<open])
        // A masthead run into the number (`福州市地方税务局文件榕地税〔2013〕42号`) is not part of it.
        if let m = code.lastIndex(of: Masthead.word), m + Masthead.word.count < code.count {
            code = Array(code[(m + Masthead.word.count)...])
            start = open - code.count
        }
        guard code.count <= 8, !code.contains(0x7684) else { return nil }  // 的
        return (
            code.asString + "〔" + Array(year).asString + "〕" + Array(line[(open + 6)..<j]).asString + "号",
            start..<(j + 1)
        )
    }

    static let stateCouncilDecree = [scalars("中华人民共和国国务院令"), scalars("国务院令")]

    /// `国令第707号`; a State Council decree printed in full (`国务院令第513号`) is given its short
    /// form, as the State Council numbers them.
    private func decreeForm(_ line: [UInt32], at i: Int) -> (String, Range<Int>)? {
        var start = i
        while start > 0, i - start < 4, CharacterClass.isHanzi(line[start - 1]) { start -= 1 }
        guard i + 2 < line.count, line[i + 1] == 0x7B2C else { return nil }  // 第
        var j = i + 2
        while j < line.count, CharacterClass.isASCIIDigit(line[j]) { j += 1 }
        guard j > i + 2, j < line.count, line[j] == 0x53F7 else { return nil }
        let head = Array(line[..<(i + 1)])
        if let full = Self.stateCouncilDecree.first(where: { head.hasSuffix($0) }) {
            return ("国令" + Array(line[(i + 1)...j]).asString, (i + 1 - full.count)..<(j + 1))
        }
        return (Array(line[start...j]).asString, start..<(j + 1))
    }

    /// A date-only line (the 成文日期), as ISO.
    func dateLine(_ line: [UInt32]) -> String? {
        guard line.count <= 16, let m = ChineseDate.mentions(in: line).first, m.year != nil,
            m.range.count >= line.count - 1
        else { return nil }
        return m.iso()
    }

    /// The 主送机关 line: short, ends with a colon, lists bodies.
    func recipients(_ line: [UInt32]) -> [String]? {
        guard line.count <= 120, line.last == Mark.colon || line.last == 0x3A, line.count >= 3 else { return nil }
        let body = Array(line.dropLast())
        guard !body.contains(where: Mark.endsSentence) else { return nil }
        let parts = body.split { $0 == Mark.enumComma || $0 == Mark.comma }.map { Array($0).asString }
        return parts.isEmpty ? nil : parts
    }

    static let release = ["此件公开发布", "此件主动公开", "此件依申请公开", "此件不予公开", "此件不公开"].map { scalars($0) }

    func releaseNote(_ line: [UInt32]) -> String? {
        guard line.count <= 16, Self.release.contains(where: { line.contains($0) }) else { return nil }
        return line.asString
    }

    static let attachment = scalars("附件")
    static let copy = scalars("抄送")

    func labeled(_ line: [UInt32], _ key: [UInt32]) -> [String]? {
        guard line.hasPrefix(key) else { return nil }
        var rest = Array(line.dropFirst(key.count))
        while let first = rest.first, CharacterClass.isASCIIDigit(first) { rest.removeFirst() }
        guard rest.first == Mark.colon || rest.first == 0x3A else { return nil }
        rest.removeFirst()
        if rest.last == Mark.period { rest.removeLast() }
        return rest.split { $0 == Mark.enumComma || $0 == Mark.comma }.map { Array($0).asString }.filter { !$0.isEmpty }
    }
}
