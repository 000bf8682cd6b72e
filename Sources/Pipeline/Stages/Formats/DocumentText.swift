/// The text a DOCX or PDF holds, with the title its metadata gives, before cleaning.
///
/// Promises: `title` is the document's own (core.xml's `dc:title`, the PDF Info `Title`)
/// only when it reads as a Chinese title, not a template's or a converter's name
/// (`Microsoft Word - 文档1`, `Normal`); the text is exactly what the library gave.
package struct DocumentText: Sendable {
    package var text: String
    package var title: String?
    package var warnings: [String]

    init(text: String, title: String?, warnings: [String]) {
        self.text = text
        self.title = title.flatMap(Self.usable)
        self.warnings = warnings
    }

    /// Reads `bytes` as `format` (docx or pdf).
    package static func read(_ bytes: [UInt8], format: DocumentFormat) throws(Decoder.Failure) -> DocumentText {
        switch format {
        case .docx: try DocxText().read(bytes)
        case .pdf: try PDFText().read(bytes)
        default: throw Decoder.Failure(code: .unsupportedFormat, message: "is a \(format.rawValue) file")
        }
    }

    /// A metadata title worth keeping: some hanzi, not a file name or a template's name.
    static func usable(_ title: String) -> String? {
        var t = Substring(title.trimmingSpaces())
        for prefix in ["Microsoft Word - ", "Microsoft Word-", "WPS - "] where t.hasPrefix(prefix) {
            t = t.dropFirst(prefix.count)
        }
        let hanzi = t.unicodeScalars.filter { CharacterClass.isHanzi($0.value) }.count
        guard hanzi >= 4 else { return nil }
        for suffix in [".docx", ".doc", ".pdf", ".wps"] where t.lowercased().hasSuffix(suffix) {
            t = t.dropLast(suffix.count)
        }
        if ["文档", "新建", "Document"].contains(where: { t.hasPrefix($0) }) && hanzi <= 6 { return nil }
        return String(t)
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { CharacterClass.isSpace($0.value) || $0 == "\n" || $0 == "\r" }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
            let end = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[start...end])
    }
}
