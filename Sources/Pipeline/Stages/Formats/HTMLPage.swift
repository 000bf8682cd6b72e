/// A saved web page's bytes to its reading text: the charset settled as browsers settle it,
/// the markup parsed by libxml2, the main text and the page's own metadata read out.
enum HTMLPage {
    struct Read: Sendable {
        var scalars: [UInt32]
        var encoding: TextEncoding
        var info: PageInfo
        var warnings: [String]
    }

    /// Charset by the browsers' order: a BOM, then the page's `<meta>` declaration in its
    /// first kilobyte, then detection. A declaration the bytes do not bear out (a page that
    /// says UTF-8 but is GBK) is overruled by detection, with a warning.
    /// Tags a page may have. libxml2 and the flat tree cost ~300 bytes a node: 500,000 tags
    /// keep one page near 150 MB however it nests (a 16 MB page of 1.4 million nested tags
    /// took 850 MB), while a 16 MB page of ordinary paragraphs has about 250,000.
    static let maxTags = 500_000

    static func read(_ bytes: [UInt8], decoder: Decoder) throws(Decoder.Failure) -> Read {
        let tags = bytes.reduce(0) { $0 + ($1 == 0x3C ? 1 : 0) }
        if tags > maxTags {
            throw Decoder.Failure(
                code: .tooLarge, message: "the page has \(tags) tags, over the limit of \(maxTags)")
        }
        let declared = HTMLCharset.declared(in: bytes)
        // Most pages are UTF-8 as they say: validated, they go to libxml2 as they are.
        if declared == .utf8 || declared == nil, !bytes.isEmpty, bytes.count <= decoder.maxBytes, !bytes.contains(0),
            !bytes.starts(with: [0xEF, 0xBB, 0xBF]), String(validating: bytes, as: UTF8.self) != nil
        {
            return page(bytes, encoding: .utf8, warnings: [])
        }
        let decoded = try decoder.decode(bytes, declared: declared)
        var warnings: [String] = []
        if let declared, declared != decoded.encoding {
            warnings.append(
                "the page declares \(declared.rawValue) but is \(decoded.encoding.rawValue); read as \(decoded.encoding.rawValue)"
            )
        }
        // libxml2 is given UTF-8 and told so: it never guesses a charset of its own.
        let utf8 =
            decoded.encoding == .utf8 && !bytes.starts(with: [0xEF, 0xBB, 0xBF])
            ? bytes : Array(ScalarText.string(decoded.scalars).utf8)
        return page(utf8, encoding: decoded.encoding, warnings: warnings)
    }

    private static func page(_ utf8: [UInt8], encoding: TextEncoding, warnings: [String]) -> Read {
        let page = PageReader().read(HTMLTree(utf8: utf8))
        let text = page.lines.joined(separator: "\n")
        return Read(scalars: text.unicodeScalars.map(\.value), encoding: encoding, info: page.info, warnings: warnings)
    }
}
