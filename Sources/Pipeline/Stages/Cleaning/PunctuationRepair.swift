/// Repairs the punctuation damage scrapers leave in Chinese text.
///
/// Two kinds of damage: full-width marks turned into runs of ASCII commas
/// (`，` → `,,`, `、` → `,、`, `。` → `,。`, `；` → `,；`), and half-width
/// marks typed in Chinese text (`, ; : ! ? ( )`). Half-width marks are only
/// converted in CJK context (a hanzi or CJK mark beside them), so ASCII inside
/// Latin and number runs (`1.5`, `1,000`, `10:30`, `http://`) stays. A `?`
/// between hanzi and letters is mojibake, counted elsewhere and left alone.
struct PunctuationRepair: Sendable {
    /// Marks a stray comma before them swallows (`,、` → `、`, `,;` → `；`).
    @inline(__always)
    static func absorbsComma(_ v: UInt32) -> Bool {
        v == 0x3001 || v == 0x3002 || v == 0xFF1B || v == 0xFF1A || v == 0xFF01 || v == 0xFF1F || v == 0xFF0C
            || v == 0x3B || v == 0x3A || v == 0x21
    }

    @inline(__always)
    static func isComma(_ v: UInt32) -> Bool { v == 0x2C || v == 0xFF0C }

    func repair(_ line: [UInt32], fixed: inout Int) -> [UInt32] {
        repairMarks(collapseCommas(line, fixed: &fixed), fixed: &fixed)
    }

    /// `,,` → `，`; commas before a full-width mark vanish; `，，` → `，`.
    private func collapseCommas(_ line: [UInt32], fixed: inout Int) -> [UInt32] {
        var out = [UInt32]()
        out.reserveCapacity(line.count)
        let n = line.count
        var i = 0
        while i < n {
            let v = line[i]
            guard Self.isComma(v) else {
                out.append(v)
                i += 1
                continue
            }
            var j = i
            var ascii = 0
            while j < n, Self.isComma(line[j]) {
                if line[j] == 0x2C { ascii += 1 }
                j += 1
            }
            let run = j - i
            if j < n, Self.absorbsComma(line[j]), line[j] != 0xFF0C {
                fixed += 1
                i = j
                continue
            }
            if run >= 2 {
                let before = out.last.map(CharacterClass.isCJK) ?? true
                let after = j < n ? CharacterClass.isCJK(line[j]) : true
                if ascii < run || before || after {
                    out.append(0xFF0C)
                    fixed += 1
                    i = j
                    continue
                }
            }
            out.append(contentsOf: line[i..<j])
            i = j
        }
        return out
    }

    /// Half-width `, ; : ! ? ( )` in CJK context → full-width, dropping spaces around them.
    private func repairMarks(_ line: [UInt32], fixed: inout Int) -> [UInt32] {
        var out = [UInt32]()
        out.reserveCapacity(line.count)
        var openParens: [Bool] = []
        let n = line.count
        var i = 0
        while i < n {
            let v = line[i]
            // Full-width brackets pair with half-width ones: `（GDP)` is one pair.
            if v == 0xFF08 { openParens.append(true) }
            if v == 0xFF09 { _ = openParens.popLast() }
            guard v == 0x2C || v == 0x3B || v == 0x3A || v == 0x21 || v == 0x3F || v == 0x28 || v == 0x29 else {
                out.append(v)
                i += 1
                continue
            }
            var p = out.count - 1
            while p >= 0, out[p] == 0x20 { p -= 1 }
            let prev: UInt32? = p >= 0 ? out[p] : nil
            var k = i + 1
            while k < n, line[k] == 0x20 { k += 1 }
            let next: UInt32? = k < n ? line[k] : nil
            let prevCJK = prev.map(CharacterClass.isCJK) ?? false
            let nextCJK = next.map(CharacterClass.isCJK) ?? false
            let replacement: UInt32?
            switch v {
            case 0x28:
                let convert = prevCJK || (next.map(CharacterClass.isHanzi) ?? false)
                openParens.append(convert)
                replacement = convert ? 0xFF08 : nil
            case 0x29:
                let convert = openParens.popLast() ?? prevCJK
                replacement = convert ? 0xFF09 : nil
            case 0x3F:
                // A question mark ends a clause; between a hanzi and more text it is mojibake.
                let ends = next == nil || next.map(CharacterClass.isCJKPunctuation) == true || next == 0x22
                replacement = prev.map(CharacterClass.isHanzi) == true && ends ? 0xFF1F : nil
            case 0x3A:
                let digits =
                    prev.map(CharacterClass.isASCIIDigit) == true && next.map(CharacterClass.isASCIIDigit) == true
                replacement = !digits && (prevCJK || nextCJK) ? 0xFF1A : nil
            default:
                replacement = prevCJK || nextCJK ? v + 0xFEE0 : nil
            }
            guard let full = replacement else {
                out.append(v)
                i += 1
                continue
            }
            fixed += 1
            if v != 0x28 { out.removeSubrange((p + 1)..<out.count) }  // spaces before a closing mark
            out.append(full)
            i = v == 0x29 || v == 0x28 ? i + 1 : k  // spaces after a clause mark
        }
        return out
    }
}
