/// Dates as Chinese text writes them: `2021年8月30日`, `8月9日`, `二〇二〇年三月一日`,
/// `2021-08-30`, `2021/8/30`.
///
/// A mention may lack its year (`1月29日`); callers supply it from the
/// publication date or print `--MM-DD`.
struct DateMention: Hashable {
    var year: Int?
    var month: Int
    var day: Int
    var range: Range<Int>

    /// `YYYY-MM-DD`, or `--MM-DD` when the year is unknown.
    func iso(defaultYear: Int? = nil) -> String {
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let dd = day < 10 ? "0\(day)" : "\(day)"
        guard let y = year ?? defaultYear else { return "--\(mm)-\(dd)" }
        return "\(y)-\(mm)-\(dd)"
    }
}

enum ChineseDate {
    static let year: UInt32 = 0x5E74  // 年
    static let month: UInt32 = 0x6708  // 月
    static let day: UInt32 = 0x65E5  // 日
    static let hao: UInt32 = 0x53F7  // 号

    /// Every date mention in `line`, in order.
    static func mentions(in line: [UInt32]) -> [DateMention] {
        var found: [DateMention] = []
        var i = 0
        while i < line.count {
            if let m = mention(in: line, at: i) {
                found.append(m)
                i = m.range.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    /// A date starting exactly at `i`.
    static func mention(in line: [UInt32], at i: Int) -> DateMention? {
        guard i < line.count, isNumeral(line[i]) else { return nil }
        if i > 0, isNumeral(line[i - 1]) { return nil }
        if let dashed = dashedDate(line, at: i) { return dashed }
        guard let (first, afterFirst) = number(line, at: i) else { return nil }
        var y: Int?
        var j = afterFirst
        var m: Int
        if j < line.count, line[j] == year, first.value >= 1900, first.value <= 2100, first.digits == 4 {
            y = first.value
            j += 1
            guard let (mon, afterMonth) = number(line, at: j), afterMonth < line.count, line[afterMonth] == month
            else { return nil }
            m = mon.value
            j = afterMonth + 1
        } else if j < line.count, line[j] == month {
            m = first.value
            j += 1
        } else {
            return nil
        }
        guard let (d, afterDay) = number(line, at: j), afterDay < line.count,
            line[afterDay] == day || line[afterDay] == hao,
            (1...12).contains(m), (1...31).contains(d.value)
        else { return nil }
        return DateMention(year: y, month: m, day: d.value, range: i..<(afterDay + 1))
    }

    /// `2021-08-30`, `2021/8/30`, `2021.08.30`.
    static func dashedDate(_ line: [UInt32], at i: Int) -> DateMention? {
        func digits(_ start: Int, max: Int) -> (Int, Int)? {
            var v = 0
            var j = start
            while j < line.count, j - start < max, CharacterClass.isASCIIDigit(line[j]) {
                v = v * 10 + Int(line[j] - 0x30)
                j += 1
            }
            return j > start ? (v, j) : nil
        }
        guard let (y, a) = digits(i, max: 4), a - i == 4, a < line.count else { return nil }
        let sep = line[a]
        guard sep == 0x2D || sep == 0x2F || sep == 0x2E else { return nil }
        guard let (m, b) = digits(a + 1, max: 2), b < line.count, line[b] == sep,
            let (d, c) = digits(b + 1, max: 2),
            (1900...2100).contains(y), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        if c < line.count, CharacterClass.isASCIIDigit(line[c]) { return nil }
        return DateMention(year: y, month: m, day: d, range: i..<c)
    }

    static let chineseDigits: [UInt32: Int] = [
        0x3007: 0, 0x96F6: 0, 0x25CB: 0, 0xFF2F: 0, 0x4E00: 1, 0x4E8C: 2, 0x4E09: 3, 0x56DB: 4,
        0x4E94: 5, 0x516D: 6, 0x4E03: 7, 0x516B: 8, 0x4E5D: 9,
    ]
    static let ten: UInt32 = 0x5341  // 十

    @inline(__always)
    static func isNumeral(_ v: UInt32) -> Bool {
        CharacterClass.isASCIIDigit(v) || v == ten || chineseDigits[v] != nil || (v >= 0xFF10 && v <= 0xFF19)
    }

    /// An Arabic or Chinese number at `i`: its value, how many digits it had, and where it ends.
    static func number(_ line: [UInt32], at i: Int) -> ((value: Int, digits: Int), Int)? {
        var j = i
        var value = 0
        if j < line.count, CharacterClass.isASCIIDigit(line[j]) || (line[j] >= 0xFF10 && line[j] <= 0xFF19) {
            while j < line.count, j - i < 4 {
                let v = line[j]
                if CharacterClass.isASCIIDigit(v) {
                    value = value * 10 + Int(v - 0x30)
                } else if v >= 0xFF10 && v <= 0xFF19 {
                    value = value * 10 + Int(v - 0xFF10)
                } else {
                    break
                }
                j += 1
            }
            return ((value, j - i), j)
        }
        // Chinese: digit-by-digit years (二〇二〇) or 十-numbers (二十九).
        var digits: [Int] = []
        var sawTen = false
        while j < line.count, j - i < 4 {
            if line[j] == ten {
                sawTen = true
                digits.append(-1)
            } else if let d = chineseDigits[line[j]] {
                digits.append(d)
            } else {
                break
            }
            j += 1
        }
        guard !digits.isEmpty else { return nil }
        if sawTen {
            guard let t = digits.firstIndex(of: -1), digits.count <= 3, digits.filter({ $0 == -1 }).count == 1 else {
                return nil
            }
            let tens = t == 0 ? 1 : digits[0]
            let ones = t + 1 < digits.count ? digits[t + 1] : 0
            value = tens * 10 + ones
        } else {
            value = digits.reduce(0) { $0 * 10 + $1 }
        }
        return ((value, digits.count), j)
    }

    /// The first date in a free-form value such as a metadata line's `2021-08-30 10:21`.
    static func first(in text: String) -> DateMention? {
        mentions(in: [UInt32](text)).first
    }
}
