/// Dates around a notice's text: a site's date printed above the lead (`2020-07-24`,
/// `26.03.2015`), a year the lead states before its day, and a 公文's signature date (after its
/// last sentence, or right after the issuer's name where the cover letter of a 印发 notice is
/// signed before the rules it prints). Pure.
extension Parser {
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
}
