/// The charset a page declares, found the way browsers look for it (WHATWG HTML's
/// prescan): `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…charset=…">`
/// in the first 1,024 bytes. Labels map as WHATWG Encoding maps them, so a page that says
/// GB2312 (or GBK, or x-gbk) is read as GB18030, the superset browsers use, and Big5 as Big5.
enum HTMLCharset {
    /// The encoding declared in `bytes`' first kilobyte, if any we read; nil when none is
    /// declared or the label names an encoding that is not Chinese or Unicode.
    static func declared(in bytes: [UInt8]) -> TextEncoding? {
        let head = Array(bytes.prefix(1024)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        var from = 0
        while let at = head.firstIndex(of: Array("<meta".utf8), from: from) {
            from = at + 5
            guard let close = head[from...].firstIndex(of: 0x3E) else { break }
            let tag = String(decoding: head[from..<close], as: UTF8.self)
            if let label = charsetLabel(inMetaAttributes: tag) { return encoding(forLabel: label) }
        }
        return nil
    }

    /// The label in `charset=…` (inside a `charset` attribute or a `content` value).
    static func charsetLabel(inMetaAttributes tag: String) -> String? {
        guard let range = tag.firstRange(of: "charset") else { return nil }
        var rest = tag[range.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard rest.first == "=" else { return charsetLabel(inMetaAttributes: String(tag[range.upperBound...])) }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" }
        let label = rest.prefix { !" \t\r\n\"';/>".contains($0) }
        return label.isEmpty ? nil : String(label)
    }

    /// WHATWG Encoding's labels for the encodings noticed reads.
    static func encoding(forLabel label: String) -> TextEncoding? {
        switch label.lowercased() {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8": .utf8
        case "gb2312", "gbk", "gb18030", "x-gbk", "chinese", "csgb2312", "csiso58gb231280", "gb_2312", "gb_2312-80",
            "iso-ir-58", "euc-cn", "cp936", "windows-936", "ms936":
            .gb18030
        case "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5": .big5
        default: nil
        }
    }
}
