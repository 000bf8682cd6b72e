private import CICU

/// Unicode and whitespace normalization: NFC, no invisible characters, one paragraph per line.
///
/// Scraped pages indent with ideographic or no-break spaces, leave zero-width
/// joiners and control bytes, and pad paragraphs with empty lines. After this
/// pass a line is a paragraph, trimmed, with inner space runs folded to one
/// ASCII space (spaces between hanzi are kept: headlines use them).
enum Whitespace {
    static func lines(_ scalars: [UInt32]) -> [[UInt32]] {
        let input = scalars.contains(where: CharacterClass.mayNeedNFC) ? nfc(scalars) : scalars
        var lines: [[UInt32]] = []
        var current: [UInt32] = []
        current.reserveCapacity(256)
        var pendingSpace = false
        var previous: UInt32 = 0
        for v in input {
            let prior = previous
            previous = v
            if v == 0x0A || v == 0x0D || v == 0x2028 || v == 0x2029 || v == 0x0B || v == 0x0C || v == 0x85 {
                if v == 0x0A && prior == 0x0D { continue }
                if !current.isEmpty {
                    lines.append(current)
                    current.removeAll(keepingCapacity: true)
                }
                pendingSpace = false
                continue
            }
            if v <= 0x20 || (v >= 0x7F && v <= 0x3000) || v >= 0xFEFF {
                if CharacterClass.isSpace(v) {
                    pendingSpace = !current.isEmpty
                    continue
                }
                if CharacterClass.isInvisible(v) { continue }
            }
            if pendingSpace {
                current.append(0x20)
                pendingSpace = false
            }
            current.append(v)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// NFC through ICU's normalizer (the slow path, for text with combining marks).
    static func nfc(_ scalars: [UInt32]) -> [UInt32] {
        var units = [UInt16]()
        units.reserveCapacity(scalars.count + 8)
        for v in scalars {
            guard let scalar = Unicode.Scalar(v) else { continue }
            units.append(contentsOf: UTF16.encode(scalar)!)
        }
        var capacity = units.count * 3 + 16
        while true {
            var out = [UInt16](repeating: 0, count: capacity)
            let n = noticed_nfc(units, Int32(units.count), &out, Int32(capacity))
            if n == -2 {
                capacity *= 2
                continue
            }
            guard n >= 0 else { return scalars }
            return String(decoding: out[0..<Int(n)], as: UTF16.self).unicodeScalars.map(\.value)
        }
    }
}
