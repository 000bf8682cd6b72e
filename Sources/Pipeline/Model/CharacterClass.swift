/// Character classes the cleaning passes reason about, over Unicode scalars.
///
/// Kept as plain range checks on the scalar value: they run once per
/// character of every notice, so they must stay branch-cheap.
package enum CharacterClass {
    /// A CJK ideograph (URO, extensions A–H, compatibility ideographs) or 〇.
    @inline(__always)
    package static func isHanzi(_ v: UInt32) -> Bool {
        if v >= 0x4E00 && v <= 0x9FFF { return true }
        if v < 0x3007 { return false }
        return v == 0x3007 || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0xF900 && v <= 0xFAFF)
            || (v >= 0x20000 && v <= 0x323AF)
    }

    /// Full-width and CJK punctuation, brackets and quotes.
    @inline(__always)
    package static func isCJKPunctuation(_ v: UInt32) -> Bool {
        (v >= 0x3000 && v <= 0x303F && v != 0x3007) || (v >= 0xFF01 && v <= 0xFF0F)
            || (v >= 0xFF1A && v <= 0xFF20) || (v >= 0xFF3B && v <= 0xFF40)
            || (v >= 0xFF5B && v <= 0xFF65) || (v >= 0x2018 && v <= 0x201F) || v == 0x2026
            || v == 0x2014 || v == 0x00B7
    }

    /// Hanzi or CJK punctuation: the context in which half-width punctuation is a typo.
    @inline(__always)
    package static func isCJK(_ v: UInt32) -> Bool { isHanzi(v) || isCJKPunctuation(v) }

    @inline(__always)
    package static func isASCIILetter(_ v: UInt32) -> Bool { (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }

    @inline(__always)
    package static func isASCIIDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    /// Letters that occur in pinyin: ASCII letters and the toned vowels (Latin-1 Supplement,
    /// Latin Extended-A/B, ḿ).
    @inline(__always)
    package static func isPinyinLetter(_ v: UInt32) -> Bool {
        isASCIILetter(v) || (v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7) || v == 0x1E3F || v == 0x1E3E
    }

    /// Characters removed outright: C0/C1 controls (but tab and newline), zero-width
    /// characters, the BOM, bidi marks, soft hyphen.
    @inline(__always)
    package static func isInvisible(_ v: UInt32) -> Bool {
        if v < 0x20 { return v != 0x0A && v != 0x09 }
        if v < 0x7F { return false }
        return (v >= 0x7F && v <= 0x9F) || v == 0xAD || (v >= 0x200B && v <= 0x200F)
            || (v >= 0x202A && v <= 0x202E) || (v >= 0x2060 && v <= 0x2064) || v == 0xFEFF
    }

    /// Space characters folded into one ASCII space (ideographic, no-break, the 200x spaces).
    @inline(__always)
    package static func isSpace(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x09 || v == 0x3000 || v == 0xA0 || (v >= 0x2000 && v <= 0x200A) || v == 0x202F
            || v == 0x205F || v == 0x1680
    }

    /// Characters after which NFC may change something; text without them is already NFC.
    @inline(__always)
    package static func mayNeedNFC(_ v: UInt32) -> Bool {
        if v < 0x300 { return false }
        if v >= 0x4E00 && v <= 0x9FFF { return false }
        if v >= 0x3000 && v <= 0x33FF { return v == 0x3099 || v == 0x309A }
        if v >= 0xFF00 && v <= 0xFFEF { return false }
        if v >= 0x3400 && v <= 0x4DBF { return false }
        if v >= 0x2000 && v <= 0x2BFF { return false }
        return true
    }
}
