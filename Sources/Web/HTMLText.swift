/// Escaping for the fragments the server builds itself (a snippet's highlights, evidence marks
/// in a document's text, the timeline's SVG, the Atom feed): `&`, `<`, `>`, `"` and `'` become
/// entities, so untrusted text is text in an element, in a quoted attribute and in XML alike.
/// Templates escape their own values (Mustache's `{{ }}`); this is for what is put in `{{{ }}}`.
enum HTMLText {
    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Controls other than tab and newline are not allowed in XML 1.0; drop them.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
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
