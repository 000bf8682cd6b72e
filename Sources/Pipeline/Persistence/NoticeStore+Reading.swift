public import Foundation
internal import GRDB

/// Reading: counts, checks, one notice, its original bytes, streams and statistics.
extension NoticeStore {
    public func count() throws(StoreError) -> Int {
        do {
            return try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM document") ?? 0 }
        } catch {
            throw Self.storeError(error, doing: "count documents")
        }
    }

    /// How many rows hold each input's sha256 (1 each, by the schema): what a harness
    /// compares with what it dropped.
    public func storedDigests() throws(StoreError) -> [String: Int] {
        do {
            return try pool.read { db in
                var counts: [String: Int] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT sha256, count(*) FROM document GROUP BY sha256")
                while let row = try rows.next() { counts[row[0]] = row[1] }
                return counts
            }
        } catch {
            throw Self.storeError(error, doing: "list stored digests")
        }
    }

    /// `PRAGMA integrity_check`'s verdict on the store (`ok` when sound), then FTS5's and
    /// SQLite's checks of the search index's file.
    public func integrityCheck() throws(StoreError) -> String {
        do {
            let store = try pool.read { db in
                try String.fetchAll(db, sql: "PRAGMA main.integrity_check").joined(separator: "; ")
            }
            guard let index, store == "ok" else { return store }
            return try index.integrityCheck()
        } catch {
            throw Self.storeError(error, doing: "check integrity")
        }
    }

    /// `PRAGMA quick_check`'s verdict (`ok` when sound), readable on a read-only store.
    public func quickCheck() throws(StoreError) -> String {
        do {
            return try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ") }
        } catch {
            throw Self.storeError(error, doing: "check the database")
        }
    }

    /// Bytes on disk after a checkpoint (store and index files), how many of them are the
    /// compressed originals and how many the search index.
    public func size() throws(StoreError) -> (file: Int, originals: Int, index: Int) {
        do {
            _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            let originals = try pool.read { db in
                try Int.fetchOne(db, sql: "SELECT coalesce(sum(length(data)), 0) FROM original") ?? 0
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let index = try index?.size() ?? 0
            return (((attributes[.size] as? Int) ?? 0) + index, originals, index)
        } catch {
            throw Self.storeError(error, doing: "measure the store")
        }
    }

    /// Rows per table, for consistency checks.
    public func tableCounts() throws(StoreError) -> [String: Int] {
        do {
            return try pool.read { db in
                var counts: [String: Int] = [:]
                for table in ["document", "original", "tag", "person", "directive", "failure", "duplicate"] {
                    counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                }
                counts["documents without original"] =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM document WHERE id NOT IN (SELECT document_id FROM original)")
                    ?? 0
                counts["documents without tags"] =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM document WHERE id NOT IN (SELECT document_id FROM tag)") ?? 0
                return counts
            }
        } catch {
            throw Self.storeError(error, doing: "count rows")
        }
    }

    /// A document by id, or by a prefix of its sha256 (at least six hex digits).
    public func notice(reference: String) throws(StoreError) -> StoredNotice? {
        do {
            return try pool.read { db -> StoredNotice? in
                let row: Row?
                if let id = Int64(reference) {
                    row = try Row.fetchOne(db, sql: "SELECT * FROM document WHERE id = ?", arguments: [id])
                } else {
                    guard reference.count >= 6, reference.allSatisfy(\.isHexDigit) else {
                        throw StoreError("'\(reference)' is neither a document id nor a sha256 prefix of 6+ hex digits")
                    }
                    let rows = try Row.fetchAll(
                        db, sql: "SELECT * FROM document WHERE sha256 LIKE ? LIMIT 2",
                        arguments: [reference.lowercased() + "%"])
                    if rows.count > 1 { throw StoreError("sha256 prefix '\(reference)' names several documents") }
                    row = rows.first
                }
                return try row.map { try Self.stored($0, db) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, doing: "read document \(reference)")
        }
    }

    /// The bytes exactly as dropped.
    public func original(id: Int64) throws(StoreError) -> [UInt8]? {
        do {
            return try pool.read { db -> [UInt8]? in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql:
                            "SELECT o.data, d.bytes FROM original o JOIN document d ON d.id = o.document_id WHERE o.document_id = ?",
                        arguments: [id])
                else { return nil }
                let data: Data = row["data"]
                let bytes: Int = row["bytes"]
                return Compression.inflate([UInt8](data), count: bytes)
            }
        } catch {
            throw Self.storeError(error, doing: "read the original of document \(id)")
        }
    }

    static func stored(_ row: Row, _ db: Database) throws -> StoredNotice {
        var record = DocumentRecord()
        record.id = row["id"]
        record.sha256 = row["sha256"]
        record.file = row["file"]
        record.collection = row["collection"]
        record.bytes = row["bytes"]
        record.encoding = row["encoding"]
        record.script = row["script"]
        record.title = row["title"]
        record.titleSource = row["title_source"]
        record.published = row["published"]
        record.eventDate = row["event_date"]
        record.agency = row["agency"]
        record.regionCode = row["region_code"]
        record.regionName = row["region_name"]
        record.level = row["level"]
        record.kind = row["kind"]
        record.official = row["official"]
        record.metadata = row["metadata"]
        record.quality = row["quality"]
        record.text = row["text"]
        record.simplifiedZlib = row["simplified_zlib"] ?? Data()
        record.cluster = row["cluster"]
        record.ingestedAt = row["ingested_at"]
        record.pipelineVersion = row["pipeline_version"]
        record.attachmentOf = row["attachment_of"]
        let id = record.id
        return StoredNotice(
            record: record,
            people: try Row.fetchAll(
                db, sql: "SELECT name, positions FROM person WHERE document_id = ? ORDER BY ordinal", arguments: [id]
            ).map { ($0["name"], $0["positions"]) },
            directives: try Row.fetchAll(
                db, sql: "SELECT start, length, text FROM directive WHERE document_id = ? ORDER BY ordinal",
                arguments: [id]
            ).map { ($0["start"], $0["length"], $0["text"]) },
            tags: try Row.fetchAll(db, sql: "SELECT tag, evidence FROM tag WHERE document_id = ?", arguments: [id])
                .map { ($0["tag"], $0["evidence"]) })
    }

    public func hasPage(drop key: String, since: Date) throws(StoreError) -> Bool {
        do {
            return try pool.read { db in
                try Bool.fetchOne(
                    db,
                    sql:
                        "SELECT EXISTS (SELECT 1 FROM document WHERE drop_key = ? AND format = 'html' AND ingested_at >= ?)",
                    arguments: [key, Self.timestamp(since)]) ?? false
            }
        } catch {
            throw Self.storeError(error, doing: "look for the page of drop \(key)")
        }
    }

    /// The attachments stored for page `id`, in arrival order: id, file name and title.
    public func attachments(of id: Int64) throws(StoreError) -> [(id: Int64, file: String, title: String?)] {
        do {
            return try pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT id, file, title FROM document WHERE attachment_of = ? ORDER BY id",
                    arguments: [id]
                ).map { ($0[0], $0[1], $0[2]) }
            }
        } catch {
            throw Self.storeError(error, doing: "read the attachments of document \(id)")
        }
    }

    /// Every document (optionally since a publication or ingestion date), in id order, streamed.
    public func eachNotice(since: String? = nil, _ body: (StoredNotice) throws -> Void) throws(StoreError) {
        do {
            try pool.read { db in
                let sql =
                    since == nil
                    ? "SELECT * FROM document ORDER BY id"
                    : "SELECT * FROM document WHERE coalesce(published, substr(ingested_at, 1, 10)) >= ? ORDER BY id"
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: since.map { [$0] } ?? [])
                while let row = try cursor.next() { try body(try Self.stored(row, db)) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, doing: "read documents")
        }
    }

    /// Ids to reprocess: all, those published (or ingested) since a date, or those with a tag.
    public func ids(since: String? = nil, tag: String? = nil) throws(StoreError) -> [Int64] {
        do {
            return try pool.read { db in
                if let tag {
                    return try Int64.fetchAll(
                        db, sql: "SELECT document_id FROM tag WHERE tag = ? ORDER BY document_id", arguments: [tag])
                }
                if let since {
                    return try Int64.fetchAll(
                        db,
                        sql:
                            "SELECT id FROM document WHERE coalesce(published, substr(ingested_at, 1, 10)) >= ? ORDER BY id",
                        arguments: [since])
                }
                return try Int64.fetchAll(db, sql: "SELECT id FROM document ORDER BY id")
            }
        } catch {
            throw Self.storeError(error, doing: "list documents")
        }
    }

    /// Grouped counts for `noticed stats`.
    public func stats() throws(StoreError) -> StoreStats {
        do {
            return try pool.read { db in
                func pairs(_ sql: String) throws -> [(String, Int)] {
                    try Row.fetchAll(db, sql: sql).map { ($0[0] as String? ?? "(none)", $0[1]) }
                }
                return StoreStats(
                    documents: try Int.fetchOne(db, sql: "SELECT count(*) FROM document") ?? 0,
                    duplicates: try Int.fetchOne(db, sql: "SELECT count(*) FROM duplicate") ?? 0,
                    clusters: try Int.fetchOne(db, sql: "SELECT count(DISTINCT cluster) FROM document") ?? 0,
                    multiDocumentClusters: try Int.fetchOne(
                        db,
                        sql: "SELECT count(*) FROM (SELECT cluster FROM document GROUP BY cluster HAVING count(*) > 1)")
                        ?? 0,
                    failures: try Int.fetchOne(db, sql: "SELECT count(*) FROM failure") ?? 0,
                    byTag: try pairs("SELECT tag, count(*) FROM tag GROUP BY tag ORDER BY 2 DESC, 1"),
                    byRegion: try pairs(
                        "SELECT coalesce(region_name || ' ' || region_code, level), count(*) FROM document GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 30"
                    ),
                    byAgency: try pairs(
                        "SELECT agency, count(*) FROM document GROUP BY agency ORDER BY 2 DESC, 1 LIMIT 30"),
                    byMonth: try pairs(
                        "SELECT substr(published, 1, 7), count(*) FROM document GROUP BY 1 ORDER BY 1 DESC LIMIT 24"),
                    recentFailures: try Row.fetchAll(
                        db, sql: "SELECT at, file, stage, error, message FROM failure ORDER BY id DESC LIMIT 10"
                    ).map {
                        "\($0["at"] as String) \($0["file"] as String) [\($0["stage"] as String)/\($0["error"] as String)] \($0["message"] as String)"
                    },
                    lastIngest: try String.fetchOne(db, sql: "SELECT max(ingested_at) FROM document"))
            }
        } catch {
            throw Self.storeError(error, doing: "compute statistics")
        }
    }
}
