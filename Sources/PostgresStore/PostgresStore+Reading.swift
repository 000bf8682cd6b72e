public import Foundation
internal import NIOCore
internal import PostgresNIO
public import Store

/// Reading: counts, one notice, originals, streams and statistics, as the SQLite store reads.
extension PostgresStore {
    /// Documents read per round trip when streaming.
    static let page = 200

    public func count() throws(StoreError) -> Int {
        try withSession("count documents") { s in
            Int(try s.query("SELECT count(*) FROM document")[0].get(0, Int64.self))
        }
    }

    public func storedDigests() throws(StoreError) -> [String: Int] {
        try withSession("list stored digests") { s in
            var counts: [String: Int] = [:]
            for row in try s.query("SELECT sha256, count(*) FROM document GROUP BY sha256") {
                counts[try row.get(0, String.self)] = Int(try row.get(1, Int64.self))
            }
            return counts
        }
    }

    /// Rows per table (as `NoticeStore.tableCounts`), for the proofs' consistency checks.
    public func tableCounts() throws(StoreError) -> [String: Int] {
        try withSession("count rows") { s in
            var counts: [String: Int] = [:]
            for table in ["document", "original", "tag", "person", "directive", "failure", "duplicate", "cluster"] {
                counts[table] = Int(try s.query("SELECT count(*) FROM \(table)")[0].get(0, Int64.self))
            }
            return counts
        }
    }

    /// `ok` when the server answers and the schema is this binary's, else what is missing.
    public func quickCheck() throws(StoreError) -> String {
        try withSession("check the database") { s in
            let applied = Set(try s.query("SELECT name FROM noticed_migration").map { try $0.get(0, String.self) })
            let missing = PostgresSchema.migrations.map(\.name).filter { !applied.contains($0) }
            return missing.isEmpty ? "ok" : "migrations not applied yet: \(missing.joined(separator: ", "))"
        }
    }

    public func notice(reference: String) throws(StoreError) -> StoredNotice? {
        try withSession("read document \(reference)") { s in
            let rows: [PostgresRow]
            if let id = Int64(reference) {
                rows = try s.query("SELECT \(Self.documentColumns) FROM document WHERE id = $1", [id])
            } else {
                guard reference.count >= 6, reference.allSatisfy(\.isHexDigit) else {
                    throw StoreError("'\(reference)' is neither a document id nor a sha256 prefix of 6+ hex digits")
                }
                rows = try s.query(
                    "SELECT \(Self.documentColumns) FROM document WHERE sha256 LIKE $1 LIMIT 2",
                    [reference.lowercased() + "%"])
                if rows.count > 1 { throw StoreError("sha256 prefix '\(reference)' names several documents") }
            }
            return try Self.stored(rows.map(Self.record), s).first
        }
    }

    public func original(id: Int64) throws(StoreError) -> [UInt8]? {
        try withSession("read the original of document \(id)") { s in
            guard
                let row = try s.query(
                    "SELECT o.data, d.bytes FROM original o JOIN document d ON d.id = o.document_id WHERE o.document_id = $1",
                    [id]
                ).first
            else { return nil }
            return Compression.inflate([UInt8](try row.get(0, Data.self)), count: Int(try row.get(1, Int64.self)))
        }
    }

    public func hasPage(drop key: String, since: Date) throws(StoreError) -> Bool {
        try withSession("look for the page of drop \(key)") { s in
            try s.query(
                "SELECT EXISTS (SELECT 1 FROM document WHERE drop_key = $1 AND format = 'html' AND ingested_at >= $2)",
                [key, NoticeStore.timestamp(since)]
            )[0].get(0, Bool.self)
        }
    }

    /// The attachments stored for page `id`, in arrival order: id, file name and title.
    public func attachments(of id: Int64) throws(StoreError) -> [(id: Int64, file: String, title: String?)] {
        try withSession("read the attachments of document \(id)") { s in
            try s.query("SELECT id, file, title FROM document WHERE attachment_of = $1 ORDER BY id", [id]).map {
                (try $0.get(0, Int64.self), try $0.get(1, String.self), try $0.get(2, String?.self))
            }
        }
    }

    public func eachNotice(since: String? = nil, _ body: (StoredNotice) throws -> Void) throws(StoreError) {
        var after: Int64 = 0
        while true {
            let notices = try withSession("read documents") { s in
                let rows =
                    since == nil
                    ? try s.query(
                        "SELECT \(Self.documentColumns) FROM document WHERE id > $1 ORDER BY id LIMIT $2",
                        [after, Int64(Self.page)])
                    : try s.query(
                        """
                        SELECT \(Self.documentColumns) FROM document
                        WHERE id > $1 AND coalesce(published, substr(ingested_at, 1, 10)) >= $2 ORDER BY id LIMIT $3
                        """, [after, since, Int64(Self.page)])
                return try Self.stored(rows.map(Self.record), s)
            }
            do {
                for notice in notices { try body(notice) }
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError("cannot read documents: \(error)")
            }
            guard notices.count == Self.page, let last = notices.last else { return }
            after = last.id
        }
    }

    public func ids(since: String? = nil, tag: String? = nil) throws(StoreError) -> [Int64] {
        try withSession("list documents") { s in
            let rows: [PostgresRow]
            if let tag {
                rows = try s.query("SELECT document_id FROM tag WHERE tag = $1 ORDER BY document_id", [tag])
            } else if let since {
                rows = try s.query(
                    "SELECT id FROM document WHERE coalesce(published, substr(ingested_at, 1, 10)) >= $1 ORDER BY id",
                    [since])
            } else {
                rows = try s.query("SELECT id FROM document ORDER BY id")
            }
            return try rows.map { try $0.get(0, Int64.self) }
        }
    }

    public func stats() throws(StoreError) -> StoreStats {
        try withSession("compute statistics") { s in
            func count(_ sql: String) throws -> Int { Int(try s.query(sql)[0].get(0, Int64.self)) }
            func pairs(_ sql: String) throws -> [(String, Int)] {
                try s.query(sql).map { (try $0.get(0, String?.self) ?? "(none)", Int(try $0.get(1, Int64.self))) }
            }
            return StoreStats(
                documents: try count("SELECT count(*) FROM document"),
                duplicates: try count("SELECT count(*) FROM duplicate"),
                clusters: try count("SELECT count(DISTINCT cluster) FROM document"),
                multiDocumentClusters: try count(
                    "SELECT count(*) FROM (SELECT cluster FROM document GROUP BY cluster HAVING count(*) > 1) c"),
                failures: try count("SELECT count(*) FROM failure"),
                byTag: try pairs(Self.grouped("tag", from: "tag", limit: nil)),
                byRegion: try pairs(
                    Self.grouped("coalesce(region_name || ' ' || region_code, level)", from: "document", limit: 30)),
                byAgency: try pairs(Self.grouped("agency", from: "document", limit: 30)),
                byMonth: try pairs(
                    """
                    SELECT k, n FROM (SELECT substr(published, 1, 7) AS k, count(*) AS n FROM document GROUP BY 1) t
                    ORDER BY k COLLATE "C" DESC NULLS LAST LIMIT 24
                    """),
                recentFailures: try s.query(
                    "SELECT at, file, stage, error, message FROM failure ORDER BY id DESC LIMIT 10"
                )
                .map { r in
                    let (at, file, stage, error, message) = (
                        try r.get(0, String.self), try r.get(1, String.self), try r.get(2, String.self),
                        try r.get(3, String.self), try r.get(4, String.self)
                    )
                    return "\(at) \(file) [\(stage)/\(error)] \(message)"
                },
                lastIngest: try s.query("SELECT max(ingested_at) FROM document")[0].get(0, String?.self))
        }
    }

    /// Counts by `key`, most first, ties in byte order with NULL first (as SQLite orders them).
    static func grouped(_ key: String, from table: String, limit: Int?) -> String {
        """
        SELECT k, n FROM (SELECT \(key) AS k, count(*) AS n FROM \(table) GROUP BY 1) t
        ORDER BY n DESC, k COLLATE "C" NULLS FIRST\(limit.map { " LIMIT \($0)" } ?? "")
        """
    }

    /// The columns `record` reads, in its order.
    static let documentColumns = """
        id, sha256, file, collection, bytes, encoding, script, title, title_source, published, event_date, agency,
        region_code, region_name, level, kind, doc_number, official, metadata, quality, text, simplified_zlib, cluster,
        ingested_at, pipeline_version, attachment_of
        """

    static func record(_ row: PostgresRow) throws -> DocumentRecord {
        let c = row.makeRandomAccess()
        var r = DocumentRecord()
        r.id = try c[0].decode(Int64.self)
        r.sha256 = try c[1].decode(String.self)
        r.file = try c[2].decode(String.self)
        r.collection = try c[3].decode(String?.self)
        r.bytes = Int(try c[4].decode(Int64.self))
        r.encoding = try c[5].decode(String.self)
        r.script = try c[6].decode(String.self)
        r.title = try c[7].decode(String?.self)
        r.titleSource = try c[8].decode(String?.self)
        r.published = try c[9].decode(String?.self)
        r.eventDate = try c[10].decode(String?.self)
        r.agency = try c[11].decode(String?.self)
        r.regionCode = try c[12].decode(String?.self)
        r.regionName = try c[13].decode(String?.self)
        r.level = try c[14].decode(String?.self)
        r.kind = try c[15].decode(String.self)
        r.docNumber = try c[16].decode(String?.self)
        r.official = try c[17].decode(String.self)
        r.metadata = try c[18].decode(String.self)
        r.quality = try c[19].decode(String.self)
        r.text = try c[20].decode(Data?.self)
        r.simplifiedZlib = try c[21].decode(Data.self)
        r.cluster = try c[22].decode(Int64.self)
        r.ingestedAt = try c[23].decode(String.self)
        r.pipelineVersion = try c[24].decode(String.self)
        r.attachmentOf = try c[25].decode(Int64?.self)
        return r
    }

    /// The notices of `records`, with their people, directives and tags read in three queries.
    static func stored(_ records: [DocumentRecord], _ s: PostgresSession) throws -> [StoredNotice] {
        guard !records.isEmpty else { return [] }
        let ids = records.map(\.id)
        var people: [Int64: [(name: String, positions: String)]] = [:]
        for row in try s.query(
            "SELECT document_id, name, positions FROM person WHERE document_id = ANY($1) ORDER BY document_id, ordinal",
            [ids])
        {
            people[try row.get(0, Int64.self), default: []].append((try row.get(1), try row.get(2)))
        }
        var directives: [Int64: [(start: Int?, length: Int?, text: String?)]] = [:]
        for row in try s.query(
            """
            SELECT document_id, start, length, text FROM directive WHERE document_id = ANY($1)
            ORDER BY document_id, ordinal
            """, [ids])
        {
            directives[try row.get(0, Int64.self), default: []].append(
                (
                    try row.get(1, Int32?.self).map(Int.init), try row.get(2, Int32?.self).map(Int.init),
                    try row.get(3, String?.self)
                ))
        }
        var tags: [Int64: [(tag: String, evidence: String)]] = [:]
        for row in try s.query(
            "SELECT document_id, tag, evidence FROM tag WHERE document_id = ANY($1) ORDER BY document_id, tag", [ids])
        {
            tags[try row.get(0, Int64.self), default: []].append((try row.get(1), try row.get(2)))
        }
        return records.map {
            StoredNotice(
                record: $0, people: people[$0.id] ?? [], directives: directives[$0.id] ?? [], tags: tags[$0.id] ?? [])
        }
    }
}
