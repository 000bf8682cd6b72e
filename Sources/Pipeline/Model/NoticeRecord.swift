/// The `noticed inspect` JSON contract (DESIGN §5), field for field and in order.
///
/// `export` prints the same object with its store fields appended, so the
/// shape lives in one place.
public enum NoticeRecord {
    public static func json(
        _ notice: TaggedNotice, attachmentOf: Int64? = nil, extra: [(String, JSONValue)] = []
    ) -> JSONValue {
        let p = notice.parsed
        let c = p.clean
        let q = c.quality
        var fields: [(String, JSONValue)] = extra.isEmpty ? [] : extra.filter { $0.0 == "id" }
        fields += [
            ("file", .string(c.file)),
            ("sha256", .string(c.sha256)),
            ("bytes", .int(c.byteCount)),
            ("encoding", .string(c.encoding.rawValue)),
            ("script", .string(c.script.rawValue)),
            ("title", .optional(p.title)),
            ("title_source", .optional(p.titleSource?.rawValue)),
            ("published", .optional(p.published)),
            ("event_date", .optional(p.eventDate)),
            ("agency", .optional(p.agency)),
            ("region", p.region.map { .object([("code", .string($0.code)), ("name", .string($0.name))]) } ?? .null),
            ("level", .optional(p.level?.rawValue)),
            ("kind", .string(p.kind.rawValue)),
            ("doc_number", .optional(p.official.docNumber)),
            (
                "people",
                .array(
                    p.people.map {
                        .object([("name", .string($0.name)), ("positions", .array($0.positions.map(JSONValue.string)))])
                    })
            ),
            ("directives", .array(p.directives.map(JSONValue.string))),
            ("tags", .array(notice.tags.map(JSONValue.string))),
            (
                "tag_evidence",
                .object(
                    notice.tags.map { tag in
                        (tag, .object((notice.evidence[tag] ?? []).map { ($0.keyword, .int($0.count)) }))
                    })
            ),
            ("official", official(p.official)),
            ("source", .optional(c.metadata.source)),
            ("format", .string(c.format.rawValue)),
            ("source_url", .optional(c.page?.sourceURL)),
            ("site", .optional(c.page?.site)),
            ("column", .optional(c.page?.column)),
            (
                "attachments",
                .array(
                    (c.page?.attachments ?? []).map {
                        .object([("name", .string($0.name)), ("href", .string($0.href))])
                    })
            ),
            ("attachment_of", attachmentOf.map { .int(Int($0)) } ?? .null),
            (
                "quality",
                .object([
                    ("pinyin_removed", .int(q.pinyinRemoved)),
                    ("punctuation_fixed", .int(q.punctuationFixed)),
                    ("boilerplate_lines", .int(q.boilerplateLines)),
                    ("spam_lines", .int(q.spamLines)),
                    ("mojibake", .int(q.mojibake)),
                    ("warnings", .array(q.warnings.map(JSONValue.string))),
                ])
            ),
            ("text", .string(c.text)),
            ("text_simplified", .string(c.simplified)),
        ]
        fields += extra.filter { $0.0 != "id" }
        return .object(fields)
    }

    static func official(_ o: OfficialElements) -> JSONValue {
        .object([
            ("doc_number", .optional(o.docNumber)),
            ("recipients", .array(o.recipients.map(JSONValue.string))),
            ("signed_date", .optional(o.signedDate)),
            ("signatories", .array(o.signatories.map(JSONValue.string))),
            ("attachments", .array(o.attachments.map(JSONValue.string))),
            ("copied_to", .array(o.copiedTo.map(JSONValue.string))),
            ("release_note", .optional(o.releaseNote)),
        ])
    }

    /// The object printed for an input that failed.
    public static func error(_ error: PipelineError, sha256: String? = nil, bytes: Int? = nil) -> JSONValue {
        var fields: [(String, JSONValue)] = [("file", .string(error.file))]
        if let sha256 { fields.append(("sha256", .string(sha256))) }
        if let bytes { fields.append(("bytes", .int(bytes))) }
        fields += [
            ("error", .string(error.code.rawValue)),
            ("stage", .string(error.stage.rawValue)),
            ("message", .string(error.message)),
        ]
        return .object(fields)
    }
}
