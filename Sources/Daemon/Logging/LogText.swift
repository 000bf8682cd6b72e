/// Untrusted text made safe for the daemon's log: capped in length, and escaped for a line.
///
/// File names, titles and agencies come from whoever can write to the spool. Both log
/// handlers cap them (`capped`, `cap(forField:)`), so a 16 MB one-line file cannot make a
/// 33 MB journal entry; the stderr handler also escapes them (`message`, `fieldValue`), so
/// that one event is always one line, no control byte reaches the terminal, and a value can
/// never pass for another `KEY=` field:
///
/// - control characters (C0 including TAB, CR and ESC; DEL; C1), the line and paragraph
///   separators U+2028/U+2029 and the bidirectional overrides are written `\n`, `\r`, `\t`,
///   `\xHH` or `\u{HHHH}`; a backslash is written `\\` and a double quote `\"`;
/// - an `=` in the message or a value is written `\=`, so the only bare `=` of a line are
///   those of its fields (even a `grep NOTICE_EVENT=failed` cannot be fooled by a file name);
/// - a field value holding whitespace, a quote or an `=` is put in double quotes.
public enum LogText {
    /// Characters of a free-text field (`NOTICE_TITLE`, `NOTICE_AGENCY`) the log keeps.
    public static let freeTextLimit = 200
    /// Characters of any other field value the log keeps.
    public static let valueLimit = 1024
    /// Characters of a message the log keeps.
    public static let messageLimit = 1024
    /// What a cut text ends with.
    public static let ellipsis = "…"

    /// Fields holding text from the documents themselves.
    public static let freeTextFields = Set(NoticeField.freeText.map(\.rawValue))
    /// Fields the daemon writes itself (event names, ids, digests, numbers): never cut.
    public static let trustedFields = Set(NoticeField.trusted.map(\.rawValue)).union([
        "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC",
    ])

    /// The cap for a field's value, nil for a field the daemon writes itself.
    public static func cap(forField key: String) -> Int? {
        if trustedFields.contains(key) { return nil }
        return freeTextFields.contains(key) ? freeTextLimit : valueLimit
    }

    /// `text` cut to at most `limit` characters (ending with `…` when cut), on a Character
    /// boundary. A text whose characters are very long (a letter with thousands of combining
    /// marks is one Character) is also cut at `4 × limit` UTF-8 bytes (64 at least), on a
    /// Character boundary when it can be, on a scalar boundary within a Character that alone
    /// is over that.
    public static func capped(_ text: String, limit: Int) -> String {
        let byteBudget = max(limit, 16) * 4
        if text.utf8.count <= limit { return text }  // Fewer bytes than characters allowed: nothing to cut.
        var count = 0
        var bytes = 0
        var end = text.startIndex
        for character in text {
            let size = character.utf8.count
            if count == limit || bytes + size > byteBudget { break }
            count += 1
            bytes += size
            end = text.index(after: end)
        }
        if end == text.endIndex { return text }
        if end == text.startIndex {
            // The first Character alone is over the byte budget: keep as many of its scalars as fit.
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                bytes += UTF8.width(scalar)
                if bytes > byteBudget { break }
                scalars.append(scalar)
            }
            return String(scalars) + ellipsis
        }
        return String(text[..<end]) + ellipsis
    }

    /// A message for one stderr line: capped at `messageLimit`, escaped.
    public static func message(_ text: String) -> String {
        escaped(capped(text, limit: messageLimit), escapingEquals: true)
    }

    /// A field's value for one stderr line: capped for its field, escaped, quoted when it holds
    /// whitespace, a quote or an `=`.
    public static func fieldValue(_ value: String, field: String) -> String {
        let cut = cap(forField: field).map { capped(value, limit: $0) } ?? value
        let plain = escaped(cut, escapingEquals: true)
        let needsQuotes = cut.unicodeScalars.contains {
            $0 == "\"" || $0 == "=" || $0.properties.isWhitespace
        }
        return needsQuotes ? "\"" + plain + "\"" : plain
    }

    /// `text` with control characters, separators, bidirectional overrides, backslashes and
    /// quotes (and `=` when asked) escaped.
    public static func escaped(_ text: String, escapingEquals: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, escapingEquals: escapingEquals) }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, escapingEquals: escapingEquals) else {
                out.append(scalar)
                continue
            }
            let written: String
            switch scalar {
            case "\n": written = "\\n"
            case "\r": written = "\\r"
            case "\t": written = "\\t"
            case "\\": written = "\\\\"
            case "\"": written = "\\\""
            case "=": written = "\\="
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                written =
                    scalar.value < 0x100
                    ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    : "\\u{" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "}"
            }
            out.append(contentsOf: written.unicodeScalars)
        }
        return String(out)
    }

    static func needsEscape(_ scalar: Unicode.Scalar, escapingEquals: Bool) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true  // C0 (TAB, LF, CR, ESC…), DEL, C1 (NEL, CSI…)
        case 0x2028, 0x2029: true  // line and paragraph separators
        case 0x202A...0x202E, 0x2066...0x2069: true  // bidirectional embeddings, overrides, isolates
        case 0x5C, 0x22: true  // backslash, double quote
        case 0x3D: escapingEquals
        default: false
        }
    }
}
