internal import NoticeModel
internal import Store

/// A filtered result set as CSV (RFC 4180, UTF-8 with a BOM so spreadsheet programs read the
/// hanzi) or JSON Lines in the `noticed export` shape.
enum ResultExport {
    /// Most documents one export holds; a larger result says so in a header.
    static let cap = 10_000

    static let csvColumns = [
        "id", "file", "title", "published", "event_date", "agency", "region_code", "region_name", "level", "kind",
        "doc_number", "tags",
    ]

    static func csvHeader() -> String { "\u{FEFF}" + csvColumns.joined(separator: ",") + "\r\n" }

    static func csvRow(_ stored: StoredNotice) -> String {
        let p = stored.notice.parsed
        let values: [String?] = [
            String(stored.id), p.clean.file, p.title, p.published, p.eventDate, p.agency, p.region?.code,
            p.region?.name,
            p.level?.rawValue, p.kind.rawValue, p.official.docNumber, stored.notice.tags.joined(separator: ";"),
        ]
        return values.map { field($0 ?? "") }.joined(separator: ",") + "\r\n"
    }

    /// A CSV field, quoted when it must be; a leading `=`, `+`, `-` or `@` is prefixed with `'`
    /// so that a spreadsheet does not run a notice's text as a formula (CSV injection).
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first), Int(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingQuotes() + "\""
    }

    static func jsonLine(_ stored: StoredNotice) -> String { stored.json.serialized() + "\n" }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for c in self {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out
    }
}
