private import CRank
public import Foundation
internal import GRDB
internal import Synchronization

/// The SQLite store: documents, their original bytes, tags with evidence, people,
/// directives, failures, near-duplicate clusters and a Chinese full-text index.
///
/// Promises: a batch given to `persist` is one transaction, durable on disk
/// (WAL with `synchronous=FULL`) before `persist` returns, so callers may
/// delete or archive the inputs afterwards; the same bytes are never stored
/// twice (sha256 is unique; a repeat is reported as a duplicate of the
/// existing id). Failures are `StoreError`s that say whether a retry may help.
public final class NoticeStore: Sendable {
    public static let pipelineVersion = "noticed-1"
    static let pageSize = 16384

    public let path: String
    let pool: DatabasePool
    /// The search index's file, written by `indexPending` (nil when opened read-only).
    let index: SearchIndex?
    /// The clusters' bands for near-duplicate lookups, filled by the writer as it goes.
    let clusterBands = Mutex(ClusterBands())

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    ///
    /// `cacheMiB` bounds SQLite's page cache per connection and `mapped` lets readers map the
    /// file: the analyst's commands want both; the long-running daemon keeps a small cache and
    /// no map so its resident memory stays flat however large the store grows.
    public init(path: String, readOnly: Bool = false, cacheMiB: Int = 64, mapped: Bool = true) throws(StoreError) {
        self.path = path
        let indexPath = SearchIndex.path(forStore: path)
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(10)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            db.add(tokenizer: BigramTokenizer.self)
            guard noticed_register_rank(db.sqliteConnection) == SQLITE_OK else {
                throw StoreError("cannot register the search ranking function with SQLite")
            }
            if !readOnly {
                // New stores only (SQLite ignores it once the file has pages): rows of 2–3 KB
                // (compressed text, compressed originals) leave a third of 4 KiB pages empty.
                try db.execute(sql: "PRAGMA page_size = \(Self.pageSize); PRAGMA synchronous = FULL")
            }
            // The full-text index merges segments as it grows: keep its pages in memory.
            try db.execute(
                sql: "PRAGMA cache_size = -\(cacheMiB * 1024); PRAGMA mmap_size = \(mapped ? 268_435_456 : 0)")
            // Read-only: the index only if some writer made it (else search reads every document).
            if FileManager.default.fileExists(atPath: indexPath) {
                try db.execute(sql: "ATTACH DATABASE ? AS search", arguments: [indexPath])
            }
        }
        do {
            if !readOnly {
                let dir = (path as NSString).deletingLastPathComponent
                if !dir.isEmpty {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                }
                try StoreFile.create(path)
            } else {
                try Self.checkReadable(path)
            }
            index = readOnly ? nil : try SearchIndex(path: indexPath, cacheMiB: cacheMiB / 4)
            pool = try DatabasePool(path: path, configuration: config)
            let migrator = Schema.migrator
            let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                throw StoreError(
                    "\(path) was written by a newer noticed (its schema has migrations this binary does not know); "
                        + "upgrade noticed")
            }
            if !readOnly { try migrator.migrate(pool) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, doing: "open \(path)")
        }
    }

    /// A store to read must exist and be readable: "no store" and "permission denied" are
    /// different problems, with different cures.
    static func checkReadable(_ path: String) throws(StoreError) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd >= 0 {
            close(fd)
            return
        }
        switch errno {
        case ENOENT, ENOTDIR: throw StoreError("no store at \(path) (ingest something first)")
        case EACCES, EPERM: throw StoreError("cannot read the store at \(path): permission denied")
        case let code: throw StoreError("cannot read the store at \(path): \(String(cString: strerror(code)))")
        }
    }

    static func storeError(_ error: any Error, doing: String) -> StoreError {
        guard let db = error as? DatabaseError else { return StoreError("cannot \(doing): \(error)") }
        let transient: Bool
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CANTOPEN,
            .SQLITE_PROTOCOL:
            transient = true
        default: transient = false
        }
        let reason: String
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: reason = "the database is locked by another process"
        case .SQLITE_FULL: reason = "the disk is full"
        case .SQLITE_READONLY: reason = "the database is read-only"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: reason = "the database file is damaged or not a database"
        case .SQLITE_CANTOPEN: reason = "the database file cannot be opened"
        default: reason = db.message ?? "\(db.resultCode)"
        }
        return StoreError("cannot \(doing): \(reason)", isTransient: transient)
    }

    /// UTC, ISO 8601, to the second: `2026-11-23T01:19:43Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    // MARK: Writing

    /// Stores a batch in one durable transaction; exact duplicates become `.duplicate`.
    public func persist(_ batch: [Arrival], at date: Date = Date()) throws(StoreError) -> [PersistOutcome] {
        guard !batch.isEmpty else { return [] }
        let now = Self.timestamp(date)
        do {
            return try pool.write { db in
                try clusterBands.withLock { bands in
                    try Self.loadClusters(into: &bands, db)
                    return try batch.map { try Self.insert($0, at: now, bands: &bands, db) }
                }
            }
        } catch {
            // The rollback may have undone clusters the bands hold (and SQLite reuses their ids).
            clusterBands.withLock { $0 = ClusterBands() }
            throw Self.storeError(error, doing: "store \(batch.count) document(s)")
        }
    }

    /// Clusters stored since the bands last looked, by this process or another writer.
    private static func loadClusters(into bands: inout ClusterBands, _ db: Database) throws {
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT id, simhash FROM cluster WHERE id > ? ORDER BY id"),
            arguments: [bands.lastID])
        while let row = try rows.next() {
            bands.add(id: row[0], signature: UInt64(bitPattern: row[1]))
        }
    }

    private static func insert(_ arrival: Arrival, at now: String, bands: inout ClusterBands, _ db: Database) throws
        -> PersistOutcome
    {
        let clean = arrival.notice.clean
        if let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, file FROM document WHERE sha256 = ?"), arguments: [clean.sha256])
        {
            let existing: Int64 = row[0]
            if row[1] as String == clean.file { return .retaken(id: existing) }
            try db.execute(
                sql: "INSERT INTO duplicate(document_id, file, at) VALUES (?, ?, ?)",
                arguments: [existing, clean.file, now])
            return .duplicate(id: existing)
        }
        let prepared = arrival.prepared
        let cluster = try Self.cluster(for: prepared.simhash, bands: &bands, db)
        try db.cachedStatement(
            sql: """
                INSERT INTO document(sha256, file, collection, bytes, encoding, script, title, title_source, published,
                    event_date, agency, region_code, region_name, level, kind, doc_number, official, metadata, quality,
                    text, simplified_zlib, simhash, cluster, ingested_at, pipeline_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: StatementArguments(
                [clean.sha256, clean.file, arrival.collection, clean.byteCount]
                    + columns(arrival.notice, prepared)
                    + [Int64(bitPattern: prepared.simhash), cluster, now, pipelineVersion]
                    as [(any DatabaseValueConvertible)?]))
        let id = db.lastInsertedRowID
        if let original = prepared.compressedOriginal {
            try db.cachedStatement(sql: "INSERT INTO original(document_id, compression, data) VALUES (?, 'zlib', ?)")
                .execute(arguments: [id, original])
        }
        try insertChildren(id, arrival.notice, prepared, db)
        return .stored(id: id, cluster: cluster)
    }

    /// The near-duplicate cluster of a SimHash: the closest cluster signature within the
    /// threshold (found through any shared band), else a new cluster with this signature.
    /// Comparing with one signature per cluster keeps the work per insert small however
    /// many reposts a notice has.
    private static func cluster(for hash: UInt64, bands: inout ClusterBands, _ db: Database) throws -> Int64 {
        if let id = bands.nearest(hash) { return id }
        try db.cachedStatement(sql: "INSERT INTO cluster(simhash) VALUES (?)")
            .execute(arguments: [Int64(bitPattern: hash)])
        let id = db.lastInsertedRowID
        bands.add(id: id, signature: hash)
        return id
    }

    /// The document columns from `encoding` to `simplified_zlib`, in insertion order.
    private static func columns(_ n: TaggedNotice, _ prepared: PreparedColumns) -> [(any DatabaseValueConvertible)?] {
        let p = n.parsed
        let c = p.clean
        return [
            c.encoding.rawValue, c.script.rawValue, p.title, p.titleSource?.rawValue, p.published, p.eventDate,
            p.agency, p.region?.code, p.region?.name, p.level?.rawValue, p.kind.rawValue, p.official.docNumber,
            prepared.official, prepared.metadata, prepared.quality, prepared.compressedText,
            prepared.compressedSimplified,
        ]
    }

    private static func insertChildren(_ id: Int64, _ n: TaggedNotice, _ prepared: PreparedColumns, _ db: Database)
        throws
    {
        let tag = try db.cachedStatement(sql: "INSERT INTO tag(document_id, tag, evidence) VALUES (?, ?, ?)")
        for (t, evidence) in zip(n.tags, prepared.evidence) { try tag.execute(arguments: [id, t, evidence]) }
        let person = try db.cachedStatement(
            sql: "INSERT INTO person(document_id, ordinal, name, positions) VALUES (?, ?, ?, ?)")
        for (i, p) in prepared.people.enumerated() { try person.execute(arguments: [id, i, p.name, p.positions]) }
        let directive = try db.cachedStatement(
            sql: "INSERT INTO directive(document_id, ordinal, start, length, text) VALUES (?, ?, ?, ?, ?)")
        for (i, d) in prepared.directives.enumerated() {
            try directive.execute(arguments: [id, i, d.start, d.length, d.text])
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        text.flatMap { try? JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    /// Records inputs that failed, for `stats` and `status`.
    public func recordFailures(_ failures: [(error: PipelineError, sha256: String?)], at date: Date = Date())
        throws(StoreError)
    {
        guard !failures.isEmpty else { return }
        let now = Self.timestamp(date)
        do {
            try pool.write { db in
                for (error, sha) in failures {
                    try db.execute(
                        sql: "INSERT INTO failure(file, sha256, stage, error, message, at) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [error.file, sha, error.stage.rawValue, error.code.rawValue, error.message, now])
                }
            }
        } catch {
            throw Self.storeError(error, doing: "record failures")
        }
    }

    /// Replaces a document's pipeline results in place (after new rules or a new pipeline).
    public func replace(id: Int64, with notice: TaggedNotice) throws(StoreError) {
        let prepared = PreparedColumns(notice, original: nil)
        do {
            try pool.write { db in
                // The index holds the old text; a contentless index is rebuilt to forget it.
                try db.execute(
                    sql: """
                        UPDATE search_epoch SET epoch = epoch + 1 WHERE EXISTS (
                            SELECT 1 FROM document WHERE id = ? AND (title IS NOT ? OR simplified_zlib IS NOT ?))
                        """, arguments: [id, notice.parsed.title, prepared.compressedSimplified])
                try db.execute(
                    sql: """
                        UPDATE document SET encoding = ?, script = ?, title = ?, title_source = ?, published = ?,
                            event_date = ?, agency = ?, region_code = ?, region_name = ?, level = ?, kind = ?,
                            doc_number = ?, official = ?, metadata = ?, quality = ?, text = ?, simplified_zlib = ?,
                            pipeline_version = ?
                        WHERE id = ?
                        """,
                    arguments: StatementArguments(Self.columns(notice, prepared) + [Self.pipelineVersion, id]))
                for table in ["tag", "person", "directive"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE document_id = ?", arguments: [id])
                }
                try Self.insertChildren(id, notice, prepared, db)
            }
        } catch {
            throw Self.storeError(error, doing: "update document \(id)")
        }
    }

    // MARK: Reading

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
        let id: Int64 = row["id"]
        let simplified = Compression.simplified(row["simplified_zlib"])
        let ownScript: String? = (row["text"] as Data?).flatMap(Compression.text)
        let clean = CleanText(
            file: row["file"], sha256: row["sha256"], byteCount: row["bytes"],
            encoding: TextEncoding(rawValue: row["encoding"]) ?? .utf8,
            script: Script(rawValue: row["script"]) ?? .simplified,
            text: ownScript ?? simplified, simplified: simplified,
            quality: decode(Quality.self, row["quality"]) ?? Quality(),
            metadata: decode(SiteMetadata.self, row["metadata"]) ?? SiteMetadata())
        var parsed = ParsedNotice(clean: clean)
        parsed.title = row["title"]
        parsed.titleSource = (row["title_source"] as String?).flatMap(ParsedNotice.TitleSource.init(rawValue:))
        parsed.published = row["published"]
        parsed.eventDate = row["event_date"]
        parsed.agency = row["agency"]
        if let code: String = row["region_code"] { parsed.region = Region(code: code, name: row["region_name"] ?? "") }
        parsed.level = (row["level"] as String?).flatMap(AdministrativeLevel.init(rawValue:))
        parsed.kind = DocumentKind(rawValue: row["kind"]) ?? .other
        parsed.official = decode(OfficialElements.self, row["official"]) ?? OfficialElements()
        parsed.people = try Row.fetchAll(
            db, sql: "SELECT name, positions FROM person WHERE document_id = ? ORDER BY ordinal", arguments: [id]
        ).map { Person(name: $0["name"], positions: decode([String].self, $0["positions"]) ?? []) }
        let utf8 = Array(simplified.utf8)
        parsed.directives = try Row.fetchAll(
            db, sql: "SELECT start, length, text FROM directive WHERE document_id = ? ORDER BY ordinal", arguments: [id]
        ).map { row in
            if let text: String = row["text"] { return text }
            let start: Int = row["start"]
            let length: Int = row["length"]
            guard start >= 0, start + length <= utf8.count else { return "" }
            return String(decoding: utf8[start..<(start + length)], as: UTF8.self)
        }
        var tags: [String] = []
        var evidence: [String: [KeywordCount]] = [:]
        for t in try Row.fetchAll(db, sql: "SELECT tag, evidence FROM tag WHERE document_id = ?", arguments: [id]) {
            let tag: String = t["tag"]
            tags.append(tag)
            evidence[tag] = StoredJSON.decodeEvidence(t["evidence"])
        }
        tags = Taxonomy.ordered(tags)
        return StoredNotice(
            id: id, cluster: row["cluster"], collection: row["collection"], ingestedAt: row["ingested_at"],
            pipelineVersion: row["pipeline_version"],
            notice: TaggedNotice(parsed: parsed, tags: tags, evidence: evidence))
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

/// What `noticed stats` prints.
public struct StoreStats: Sendable {
    public var documents: Int
    public var duplicates: Int
    public var clusters: Int
    public var multiDocumentClusters: Int
    public var failures: Int
    public var byTag: [(String, Int)]
    public var byRegion: [(String, Int)]
    public var byAgency: [(String, Int)]
    public var byMonth: [(String, Int)]
    public var recentFailures: [String]
    public var lastIngest: String?
}
