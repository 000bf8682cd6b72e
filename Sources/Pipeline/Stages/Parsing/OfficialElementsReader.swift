/// Reads the formal elements of a 公文 laid out per GB/T 9704.
///
/// 发文字号 (`民发〔2020〕12号`, `国办发明电〔2018〕15号`, `国令第707号`, with
/// `〔〕` `［］` `[]` or `()` around the year, printed with `〔〕`); 主送机关
/// (a short line ending in `：` after the title); the signature block and
/// 成文日期 near the end (Arabic or Chinese numerals); `（此件公开发布）`;
/// 附件 and 抄送 lines. Absent elements stay absent.
struct OfficialElementsReader: Sendable {
    static let opens: Set<UInt32> = [0x3014, 0xFF3B, 0x5B, 0xFF08, 0x28]  // 〔 ［ [ （ (
    static let closes: Set<UInt32> = [0x3015, 0xFF3D, 0x5D, 0xFF09, 0x29]

    /// A 发文字号 found in `line`, normalized to `〔YYYY〕`.
    func docNumber(in line: [UInt32]) -> String? {
        var i = 0
        while i < line.count {
            if Self.opens.contains(line[i]), i >= 1, let number = yearForm(line, open: i) { return number }
            if line[i] == 0x4EE4, i >= 1, let number = decreeForm(line, at: i) { return number }  // 令
            i += 1
        }
        return nil
    }

    /// `民发〔2020〕12号`: up to eight hanzi, the year in brackets, a number, 号.
    private func yearForm(_ line: [UInt32], open: Int) -> String? {
        var start = open
        while start > 0, open - start < 8, CharacterClass.isHanzi(line[start - 1]) { start -= 1 }
        guard start < open, open + 6 < line.count else { return nil }
        let year = line[(open + 1)..<(open + 5)]
        guard year.allSatisfy(CharacterClass.isASCIIDigit), Self.closes.contains(line[open + 5]) else { return nil }
        var j = open + 6
        while j < line.count, CharacterClass.isASCIIDigit(line[j]) { j += 1 }
        guard j > open + 6, j < line.count, line[j] == 0x53F7 else { return nil }  // 号
        // The agency code must not be running text: it ends in 发/函/字/电/办 or similar.
        let code = Array(line[start..<open])
        guard code.count <= 8, !code.contains(0x7684) else { return nil }  // 的
        return code.asString + "〔" + Array(year).asString + "〕" + Array(line[(open + 6)..<j]).asString + "号"
    }

    /// `国令第707号`.
    private func decreeForm(_ line: [UInt32], at i: Int) -> String? {
        var start = i
        while start > 0, i - start < 4, CharacterClass.isHanzi(line[start - 1]) { start -= 1 }
        guard i + 2 < line.count, line[i + 1] == 0x7B2C else { return nil }  // 第
        var j = i + 2
        while j < line.count, CharacterClass.isASCIIDigit(line[j]) { j += 1 }
        guard j > i + 2, j < line.count, line[j] == 0x53F7 else { return nil }
        return Array(line[start...j]).asString
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
