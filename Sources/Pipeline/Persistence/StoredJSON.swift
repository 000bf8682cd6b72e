internal import Foundation

/// The JSON the store keeps in its TEXT columns, written by hand for speed (it runs for every
/// document) in exactly the shape `Codable` reads back (property names as keys), but for
/// tag evidence, which is read by `decodeEvidence`.
package enum StoredJSON {
    static func strings(_ values: [String]) -> String { JSONValue.array(values.map(JSONValue.string)).serialized() }

    /// `[["养老",3],["敬老院",1]]`: pairs, not objects, since a store holds about ten tags per
    /// document and the key names were half of every tag row.
    static func evidence(_ values: [KeywordCount]) -> String {
        JSONValue.array(values.map { .array([.string($0.keyword), .int($0.count)]) }).serialized()
    }

    package static func decodeEvidence(_ text: String?) -> [KeywordCount] {
        guard let text, let pairs = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[Any]] else {
            return []
        }
        return pairs.compactMap { pair in
            guard pair.count == 2, let keyword = pair[0] as? String, let count = pair[1] as? Int else { return nil }
            return KeywordCount(keyword: keyword, count: count)
        }
    }

    static func quality(_ q: Quality) -> String {
        JSONValue.object([
            ("pinyinRemoved", .int(q.pinyinRemoved)), ("punctuationFixed", .int(q.punctuationFixed)),
            ("boilerplateLines", .int(q.boilerplateLines)), ("spamLines", .int(q.spamLines)),
            ("mojibake", .int(q.mojibake)),
            ("warnings", .array(q.warnings.map(JSONValue.string))),
        ]).serialized()
    }

    /// The site metadata, and for a document that was not plain text its format and what
    /// its page said (`PageInfo`), in the one `metadata` column (no migration: an older row
    /// reads as plain text).
    static func metadata(_ m: SiteMetadata, format: DocumentFormat = .text, page: PageInfo? = nil) -> String {
        var fields: [(String, JSONValue)] = [
            ("source", m.source), ("author", m.author), ("date", m.date), ("views", m.views),
        ]
        .compactMap { key, value in value.map { (key, JSONValue.string($0)) } }
        if format != .text { fields.append(("format", .string(format.rawValue))) }
        if let page { fields.append(("page", Self.page(page))) }
        return JSONValue.object(fields).serialized()
    }

    static func page(_ p: PageInfo) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("title", p.title), ("published", p.published), ("source", p.source), ("site", p.site),
            ("column", p.column),
            ("keywords", p.keywords), ("description", p.description), ("author", p.author), ("sourceURL", p.sourceURL),
        ].compactMap { key, value in value.map { (key, JSONValue.string($0)) } }
        fields.append(
            ("fields", .array(p.fields.map { .object([("label", .string($0.label)), ("value", .string($0.value))]) })))
        fields.append(
            (
                "attachments",
                .array(p.attachments.map { .object([("name", .string($0.name)), ("href", .string($0.href))]) })
            ))
        return .object(fields)
    }

    /// What `metadata(_:format:page:)` writes, read back.
    package struct Metadata: Decodable {
        var source: String?
        var author: String?
        var date: String?
        var views: String?
        var format: DocumentFormat?
        package var page: PageInfo?

        var site: SiteMetadata { SiteMetadata(source: source, author: author, date: date, views: views) }
    }

    static func official(_ o: OfficialElements) -> String {
        var fields: [(String, JSONValue)] = []
        if let n = o.docNumber { fields.append(("docNumber", .string(n))) }
        fields.append(("recipients", .array(o.recipients.map(JSONValue.string))))
        if let d = o.signedDate { fields.append(("signedDate", .string(d))) }
        fields.append(("signatories", .array(o.signatories.map(JSONValue.string))))
        fields.append(("attachments", .array(o.attachments.map(JSONValue.string))))
        fields.append(("copiedTo", .array(o.copiedTo.map(JSONValue.string))))
        if let r = o.releaseNote { fields.append(("releaseNote", .string(r))) }
        return JSONValue.object(fields).serialized()
    }
}
