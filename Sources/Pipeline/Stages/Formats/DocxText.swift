import CDocx

/// The text of a DOCX (Office Open XML), read in memory with bounded cost.
///
/// Promises: libarchive opens the ZIP and only `word/document.xml` and `docProps/core.xml`
/// are inflated, never more than ``maxInflated`` bytes nor ``maxRatio`` times the file's
/// size in all (a zip bomb stops at the cap, as `too-large`); libxml2's streaming reader
/// takes the text without network access or entity expansion. Paragraphs become lines,
/// table cells are separated by tabs. libarchive and libxml2 are both fuzzed upstream
/// (OSS-Fuzz); ZIPFoundation, tried first, crashed on a mutated archive within 29 runs of
/// `make fuzz`.
struct DocxText: Sendable {
    var maxInflated = 32 << 20
    var maxRatio = 200

    func read(_ bytes: [UInt8]) throws(Decoder.Failure) -> DocumentText {
        var result = noticed_docx_result()
        let status = bytes.withUnsafeBufferPointer {
            noticed_docx_text($0.baseAddress, $0.count, maxInflated, maxRatio, &result)
        }
        defer { noticed_docx_free(&result) }
        switch status {
        case NOTICED_DOCX_OK:
            let text = result.text.map { String(cString: $0) } ?? ""
            return DocumentText(text: text, title: result.title.map { String(cString: $0) }, warnings: [])
        case NOTICED_DOCX_BOMB:
            throw Decoder.Failure(
                code: .tooLarge,
                message:
                    "the DOCX inflates past its cap (\(maxInflated >> 20) MiB, or \(maxRatio)× its \(bytes.count) bytes)"
            )
        case NOTICED_DOCX_ENCRYPTED:
            throw Decoder.Failure(code: .encrypted, message: "the DOCX is encrypted")
        case NOTICED_DOCX_NO_BODY:
            throw Decoder.Failure(code: .damaged, message: "the DOCX has no word/document.xml")
        case NOTICED_DOCX_BAD_XML:
            throw Decoder.Failure(code: .damaged, message: "the DOCX's word/document.xml is not well-formed XML")
        default:
            throw Decoder.Failure(code: .damaged, message: "the DOCX is not a readable ZIP (truncated or corrupt)")
        }
    }
}
