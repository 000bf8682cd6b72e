/// Removes pinyin annotations that scrapers inline after hanzi: `召開(kāi)` → `召開`.
///
/// Only `(syllable)` or `（syllable）` directly after a hanzi is a candidate,
/// and it is removed only when the syllable is one of that hanzi's readings.
/// Runs before script conversion, because OpenCC's phrase matching cannot see
/// `乾隆` in `乾(qián)隆`. Works left to right on the output, so repeated
/// annotations (`開(kāi)(kāi)`) go in one pass and a second pass finds nothing.
struct PinyinStripper: Sendable {
    let readings: PinyinReadings

    /// Longest syllable accepted between the brackets (`zhuàng`, `chuǎng` have six letters).
    static let maxLetters = 7

    func strip(_ line: [UInt32], removed: inout Int) -> [UInt32] {
        var out = [UInt32]()
        out.reserveCapacity(line.count)
        var i = 0
        let n = line.count
        while i < n {
            let v = line[i]
            if v == 0x28 || v == 0xFF08, let previous = out.last, CharacterClass.isHanzi(previous),
                let end = annotationEnd(line, open: i),
                readings.isReading(line[(i + 1)..<end], of: previous)
            {
                removed += 1
                i = end + 1
                continue
            }
            out.append(v)
            i += 1
        }
        return out
    }

    /// Index of the closing bracket when `line[open]` starts `(letters)`.
    @inline(__always)
    private func annotationEnd(_ line: [UInt32], open: Int) -> Int? {
        var j = open + 1
        let limit = min(line.count, open + 2 + Self.maxLetters)
        while j < limit {
            let v = line[j]
            if v == 0x29 || v == 0xFF09 { return j > open + 1 ? j : nil }
            if !CharacterClass.isPinyinLetter(v) { return nil }
            j += 1
        }
        return nil
    }
}
