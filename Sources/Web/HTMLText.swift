/// Escaping for the fragments the server builds itself (a snippet's highlights, evidence marks
/// in a document's text, the timeline's SVG, the Atom feed): `&`, `<`, `>`, `"` and `'` become
/// entities, so untrusted text is text in an element, in a quoted attribute and in XML alike.
/// Templates escape their own values (Mustache's `{{ }}`); this is for what is put in `{{{ }}}`.
enum HTMLText {
    static func escape(_ text: some StringProtocol) -> String {
        // Over UTF-8 bytes: every byte to replace or drop is ASCII, or U+FFFE/U+FFFF (EF BF BE/BF).
        let utf8 = text.utf8
        func special(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0xEF: true
            case 0x09, 0x0A: false
            default: byte < 0x20
            }
        }
        guard utf8.contains(where: special) else { return String(text) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        var bytes = Array(utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            case 0x09, 0x0A: out.append(byte)
            // Controls other than tab and newline are not allowed in XML 1.0; drop them.
            case ..<0x20: continue
            case 0xEF where bytes.count >= 2 && bytes.first == 0xBF && (bytes.dropFirst().first! & 0xFE) == 0xBE:
                bytes = bytes.dropFirst(2)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A snippet whose matches the store put in `[` `]`, as HTML with `<mark>`.
    static func snippet(_ snippet: String) -> String {
        var out = ""
        var inMark = false
        var run = ""
        for character in snippet {
            if character == "[", !inMark {
                out += escape(run) + "<mark>"
                run = ""
                inMark = true
            } else if character == "]", inMark {
                out += escape(run) + "</mark>"
                run = ""
                inMark = false
            } else {
                run.append(character)
            }
        }
        out += escape(run)
        if inMark { out += "</mark>" }
        return out
    }
}
