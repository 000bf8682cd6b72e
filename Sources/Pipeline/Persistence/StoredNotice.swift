/// A notice as the store holds it: the pipeline's result plus its identity in the store.
public struct StoredNotice: Sendable {
    public var id: Int64
    public var cluster: Int64
    public var collection: String?
    public var ingestedAt: String
    public var pipelineVersion: String
    public var notice: TaggedNotice
    /// The page this document is an attachment of (DESIGN §8), if it is one.
    public var attachmentOf: Int64?

    /// The `export` object: DESIGN §5 plus `id`, `cluster`, `collection`, `ingested_at`.
    public var json: JSONValue {
        NoticeRecord.json(
            notice, attachmentOf: attachmentOf,
            extra: [
                ("id", .int(Int(id))), ("cluster", .int(Int(cluster))), ("collection", .optional(collection)),
                ("ingested_at", .string(ingestedAt)), ("pipeline_version", .string(pipelineVersion)),
            ])
    }
}

/// What `persist` did with one notice.
public enum PersistOutcome: Sendable, Hashable {
    case stored(id: Int64, cluster: Int64)
    case duplicate(id: Int64)
    /// The same bytes from the same file name as a stored document: that file was taken
    /// before and could not leave `incoming/` (a crash after the commit, or a folder the
    /// daemon cannot write); not recorded as a duplicate sighting again.
    case retaken(id: Int64)

    public var id: Int64 {
        switch self {
        case .stored(let id, _), .duplicate(let id), .retaken(let id): id
        }
    }
}

/// One notice on its way into the store, with the bytes it came from.
///
/// Everything the store derives from a notice by computation alone (its SimHash,
/// the compressed original and own-script text, the JSON columns) is computed by
/// `prepare`, where the arrival is made (on a pipeline worker), so the store's single
/// writer only binds values and the serial part of ingestion stays short.
public struct Arrival: Sendable {
    public let notice: TaggedNotice
    public let original: [UInt8]
    public let collection: String?
    /// Where it arrived, when it came through the spool (links attachments to their page).
    public let drop: Drop?
    package let prepared: PreparedColumns

    private init(
        notice: TaggedNotice, original: [UInt8], collection: String?, drop: Drop?, prepared: PreparedColumns
    ) {
        self.notice = notice
        self.original = original
        self.collection = collection
        self.drop = drop
        self.prepared = prepared
    }

    /// Compresses, hashes and serialises `notice` for the store: the CPU part of storing it.
    public static func prepare(
        _ notice: TaggedNotice, original: [UInt8], collection: String?, drop: Drop? = nil
    ) -> Arrival {
        Arrival(
            notice: notice, original: original, collection: collection, drop: drop,
            prepared: PreparedColumns(notice, original: original))
    }
}

/// One search result, best first (DESIGN §7).
public struct SearchHit: Sendable {
    public var id: Int64
    public var file: String
    public var title: String?
    public var agency: String?
    public var published: String?
    public var tags: [String]
    public var score: Double
    public var snippet: String
    /// The page this hit is an attachment of; nil for a page or a standalone document.
    public var attachmentOf: Int64?

    public var json: JSONValue {
        .object([
            ("id", .int(Int(id))), ("file", .string(file)), ("title", .optional(title)), ("agency", .optional(agency)),
            ("published", .optional(published)), ("tags", .array(tags.map(JSONValue.string))),
            ("score", .double((score * 1000).rounded() / 1000)), ("snippet", .string(snippet)),
            ("part", .string(attachmentOf == nil ? "page" : "attachment")),
            ("attachment_of", attachmentOf.map { .int(Int($0)) } ?? .null),
        ])
    }
}

/// Restrictions on a search besides the query.
public struct SearchFilters: Sendable, Hashable {
    public var tag: String?
    /// A GB/T 2260 code; provinces and prefectures include what lies inside them.
    public var regionCode: String?
    public var agency: String?
    public var since: String?
    public var until: String?
    /// An administrative level's raw value (`national`, `provincial`, …).
    public var level: String?
    /// A document kind's raw value (`meeting`, `notice`, `report`, `other`).
    public var kind: String?

    public init(
        tag: String? = nil, regionCode: String? = nil, agency: String? = nil, since: String? = nil,
        until: String? = nil,
        level: String? = nil, kind: String? = nil
    ) {
        self.tag = tag
        self.regionCode = regionCode
        self.agency = agency
        self.since = since
        self.until = until
        self.level = level
        self.kind = kind
    }
}
