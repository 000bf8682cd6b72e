import CPDF

/// The text layer of a PDF, read in memory with poppler, with bounded cost.
///
/// Promises: at most ``maxPages`` pages and about ``maxBytes`` bytes of text are taken (a
/// warning says how much of a longer document was read); an encrypted PDF that needs a
/// password is `encrypted`, one poppler cannot open is `damaged`; a PDF with no text layer
/// (a scan) gives empty text, which the caller reports as such.
struct PDFText: Sendable {
    var maxPages = 1_000
    var maxBytes = 8 << 20

    func read(_ bytes: [UInt8]) throws(Decoder.Failure) -> DocumentText {
        var result = noticed_pdf_result()
        let status = bytes.withUnsafeBufferPointer {
            noticed_pdf_text($0.baseAddress, $0.count, Int32(maxPages), maxBytes, &result)
        }
        defer { noticed_pdf_free(&result) }
        switch status {
        case NOTICED_PDF_OK:
            var warnings: [String] = []
            if result.pages_read < result.pages {
                warnings.append("text of the first \(result.pages_read) of \(result.pages) pages read")
            }
            let text = result.text.map { String(cString: $0) } ?? ""
            return DocumentText(
                text: text.replacingFormFeeds(), title: result.title.map { String(cString: $0) }, warnings: warnings)
        case NOTICED_PDF_LOCKED:
            throw Decoder.Failure(code: .encrypted, message: "the PDF is encrypted with a password")
        case NOTICED_PDF_TOO_LARGE:
            throw Decoder.Failure(code: .tooLarge, message: "the PDF is over 2 GiB")
        default:
            throw Decoder.Failure(code: .damaged, message: "the PDF cannot be opened (truncated or corrupt)")
        }
    }
}

extension String {
    /// Page breaks as line breaks: a page ends a line.
    fileprivate func replacingFormFeeds() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{0C}" ? "\n" : $0 }))
    }
}
