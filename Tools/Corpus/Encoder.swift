import CICU
public import Pipeline

/// Writes text in each encoding noticed accepts, as scraped files arrive.
public enum TextEncoder {
    /// The bytes of `text` in `encoding` (UTF-8 optionally with a BOM; UTF-16 always with one).
    /// Nil when the encoding cannot hold some character (Big5 has no Simplified-only hanzi).
    public static func encode(_ text: String, as encoding: TextEncoding, bom: Bool = false) -> [UInt8]? {
        switch encoding {
        case .utf8: return (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        case .utf16LE, .utf16BE:
            var out: [UInt8] = encoding == .utf16LE ? [0xFF, 0xFE] : [0xFE, 0xFF]
            for unit in text.utf16 {
                let hi = UInt8(unit >> 8)
                let lo = UInt8(unit & 0xFF)
                out += encoding == .utf16LE ? [lo, hi] : [hi, lo]
            }
            return out
        case .gb18030: return legacy(text, charset: "GB18030")
        case .big5: return legacy(text, charset: "Big5")
        }
    }

    /// The bytes of `text` in any charset ICU's converters know (EUC-KR, Shift_JIS, …);
    /// nil when the charset cannot hold some character.
    public static func legacy(_ text: String, charset: String) -> [UInt8]? {
        let units = Array(text.utf16)
        let capacity = units.count * 4 + 16  // no character takes more than four bytes
        var out = [CChar](repeating: 0, count: capacity)
        let n = noticed_encode_strict(charset, units, Int32(units.count), &out, Int32(capacity))
        guard n >= 0 else { return nil }
        return out[0..<Int(n)].map { UInt8(bitPattern: $0) }
    }
}
