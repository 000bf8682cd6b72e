/// Settles GB18030 against Big5 from byte statistics alone, when they leave no doubt.
///
/// ICU's charset detector runs some thirty recognizers over every byte and cost about a
/// third of the daemon's CPU on a mixed backlog. Most legacy files are plain cases: a
/// Simplified text in GB2312's range, or a Traditional text in Big5's frequent range.
/// Both encodings pair a lead byte at 0x81 or above with the next byte, so one pass
/// can count how many pairs fall in each encoding's common block. A Simplified text in
/// GB18030 has nearly all its pairs in GB2312's symbols and level-1 hanzi (trail byte
/// 0xA1–0xFE); Big5 puts about 40 % of its hanzi on trail bytes 0x40–0x7E, which
/// GB2312 never uses. A trail byte Big5 lacks (0x80–0xA0, or a GB18030 four-byte
/// sequence, as in Traditional text in GBK) leaves only GB18030. Anything less
/// clear-cut (short files, text common in both blocks) returns nil and goes to the
/// detector as before. Either way the decoder still decodes strictly and checks that
/// the result reads as Chinese.
struct LegacyCharsetGuess {
    /// Share of double-byte pairs an encoding's common block must hold to settle.
    static let settled = 0.95
    /// Share the other encoding must stay under, so a text common in both is not settled.
    static let doubtful = 0.8
    /// Fewer pairs than this are too little evidence.
    static let minimumPairs = 32

    static func settle(_ bytes: [UInt8]) -> TextEncoding? {
        var pairs = 0
        var gbCommon = 0
        var big5Common = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            guard lead >= 0x81, lead <= 0xFE, i + 1 < n else { return nil }
            let trail = bytes[i + 1]
            // A GB18030 four-byte sequence or a GBK-only trail byte: Big5 cannot decode this.
            if (trail >= 0x30 && trail <= 0x39) || (trail >= 0x80 && trail <= 0xA0) { return .gb18030 }
            if trail < 0x40 || trail == 0x7F || trail == 0xFF { return nil }
            pairs += 1
            let highTrail = trail >= 0xA1
            if highTrail && ((lead >= 0xA1 && lead <= 0xA9) || (lead >= 0xB0 && lead <= 0xD7)) { gbCommon += 1 }
            if (lead >= 0xA1 && lead <= 0xA3) || (lead >= 0xA4 && lead <= 0xC5) || (lead == 0xC6 && trail <= 0x7E) {
                big5Common += 1
            }
            i += 2
        }
        guard pairs >= minimumPairs else { return nil }
        let gb = Double(gbCommon) / Double(pairs)
        let big5 = Double(big5Common) / Double(pairs)
        if gb >= settled && big5 < doubtful { return .gb18030 }
        if big5 >= settled && gb < doubtful { return .big5 }
        return nil
    }
}
