/// What kind of file a dropped input is, told by its content (magic bytes, the shape of
/// its first bytes), never by its name alone.
///
/// `text`, `html`, `docx` and `pdf` are read (``hasReader``); the others are recognised so
/// that a file with no text the daemon can read is refused with a reason
/// (`unsupported-format`), or kept as a text-less attachment of its page, rather than read as
/// garbled text.
public enum DocumentFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case text, html, docx, pdf
    /// Old Office binary files (OLE2: .doc, .xls, .wps, .ppt).
    case ole2 = "doc"
    /// OFD, China's fixed-layout format (a ZIP with `OFD.xml`).
    case ofd
    /// Another ZIP: .xlsx, .pptx, archives.
    case zip
    case image

    /// Whether noticed reads text from this format.
    public var hasReader: Bool {
        switch self {
        case .text, .html, .docx, .pdf: true
        default: false
        }
    }
}
