extension DocumentFormat {
    /// The format of `bytes`, from their content: magic numbers for binary formats (PDF,
    /// ZIP-based DOCX and OFD, OLE2, images), the shape of the first kilobyte for HTML
    /// (`<!DOCTYPE html`, `<html`, `<head`, `<meta`, `<body`, after a BOM, whitespace or
    /// leading comments such as a browser's `<!-- saved from url=… -->`); text otherwise.
    public static func sniff(_ bytes: [UInt8]) -> DocumentFormat {
        if bytes.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }  // %PDF-
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return zipKind(bytes) }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole2 }
        if isImage(bytes) { return .image }
        // A PDF may carry up to 1 KB of junk before its header (PDF 1.7 §7.5.2, readers accept it).
        if let at = bytes.prefix(1024).firstIndexOfSequence([0x25, 0x50, 0x44, 0x46, 0x2D]), at > 0,
            !bytes.prefix(at).contains(0x3C)
        {
            return .pdf
        }
        return looksLikeHTML(bytes) ? .html : .text
    }

    static func zipKind(_ bytes: [UInt8]) -> DocumentFormat {
        // Entry names are stored in the clear in local headers and the central directory.
        if bytes.firstIndex(of: Array("word/document.xml".utf8), from: 0) != nil { return .docx }
        if bytes.firstIndex(of: Array("OFD.xml".utf8), from: 0) != nil { return .ofd }
        return .zip
    }

    static func isImage(_ b: [UInt8]) -> Bool {
        b.starts(with: [0x89, 0x50, 0x4E, 0x47]) || b.starts(with: [0xFF, 0xD8, 0xFF])
            || b.starts(with: Array("GIF8".utf8)) || b.starts(with: [0x49, 0x49, 0x2A, 0x00])
            || b.starts(with: [0x4D, 0x4D, 0x00, 0x2A])
            || (b.count >= 12 && b.starts(with: Array("RIFF".utf8)) && Array(b[8..<12]) == Array("WEBP".utf8))
    }

    static let htmlOpenings = ["<!doctype html", "<html", "<head", "<meta", "<body", "<title"].map { Array($0.utf8) }

    /// The first markup after a BOM, whitespace, comments and an XML declaration opens an
    /// HTML document.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let end = min(bytes.count, 4096)
        while i < end {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                i += 1
                continue
            }
            guard b == 0x3C else { return false }  // '<'
            let rest = bytes[i..<min(end, i + 16)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            if htmlOpenings.contains(where: { rest.starts(with: $0) }) { return true }
            // Skip a comment or `<?xml …?>` and look at what follows.
            if rest.starts(with: Array("<!--".utf8)) {
                guard let close = bytes.firstIndex(of: Array("-->".utf8), from: i + 4) else { return false }
                i = close + 3
            } else if rest.starts(with: Array("<?".utf8)) {
                guard let close = bytes.firstIndex(of: Array("?>".utf8), from: i + 2) else { return false }
                i = close + 2
            } else {
                return false
            }
        }
        return false
    }
}

extension Collection where Element == UInt8, Index == Int {
    /// Where `needle` first starts in this collection.
    func firstIndexOfSequence(_ needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, count >= needle.count else { return nil }
        var i = startIndex
        while i + needle.count <= endIndex {
            if self[i] == needle[0] && self[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
