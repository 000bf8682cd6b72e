public import Foundation
internal import GRDB
internal import Synchronization

/// Writing: batches in one durable transaction, failures, reprocessed notices.
extension NoticeStore {
    /// Stores a batch in one durable transaction; exact duplicates become `.duplicate`.
    public func persist(_ batch: [Arrival], at date: Date = Date()) throws(StoreError) -> [PersistOutcome] {
        guard !batch.isEmpty else { return [] }
        let now = Self.timestamp(date)
        let since = Self.timestamp(date.addingTimeInterval(-Drop.window))
        do {
            return try pool.write { db in
                try clusterBands.withLock { bands in
                    try Self.loadClusters(into: &bands, db)
                    // Pages first, so a batch's attachments find their page (and its link titles).
                    let order = batch.indices.sorted { i, j in
                        let (a, b) = (batch[i].notice.clean.format == .html, batch[j].notice.clean.format == .html)
                        return a != b ? a : i < j
                    }
                    var outcomes = [PersistOutcome?](repeating: nil, count: batch.count)
                    for i in order { outcomes[i] = try Self.insert(batch[i], at: now, since: since, bands: &bands, db) }
                    return outcomes.compactMap { $0 }
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

    private static func insert(
        _ arrival: Arrival, at now: String, since: String, bands: inout ClusterBands, _ db: Database
    ) throws -> PersistOutcome {
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
        // A text-less attachment is nobody's repost: a cluster of its own, never matched.
        let cluster =
            clean.simplified.isEmpty
            ? try Self.newCluster(prepared.simhash, db) : try Self.cluster(for: prepared.simhash, bands: &bands, db)
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
        try link(id, arrival, since: since, db)
        if let original = prepared.compressedOriginal {
            try db.cachedStatement(sql: "INSERT INTO original(document_id, compression, data) VALUES (?, 'zlib', ?)")
                .execute(arguments: [id, original])
        }
        try insertChildren(id, arrival.notice, prepared, db)
        return .stored(id: id, cluster: cluster)
    }

    /// Links a new document to its drop (DESIGN §8): a page takes the unlinked attachments
    /// of its drop, an attachment takes its drop's page. Where the drop holds more than one
    /// page in the window, only a page whose attachment links name the file is linked to it.
    private static func link(_ id: Int64, _ arrival: Arrival, since: String, _ db: Database) throws {
        let format = arrival.notice.clean.format
        try db.cachedStatement(sql: "UPDATE document SET format = ?, drop_key = ?, drop_name = ? WHERE id = ?")
            .execute(arguments: [format.rawValue, arrival.drop?.key, arrival.drop?.name, id])
        guard let drop = arrival.drop else { return }
        let pages = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, metadata FROM document
                    WHERE drop_key = ? AND format = 'html' AND id != ? AND ingested_at >= ? ORDER BY id
                    """),
            arguments: [drop.key, id, since]
        ).map { row -> (id: Int64, links: [PageInfo.Attachment]) in
            (row[0], decode(StoredJSON.Metadata.self, row[1])?.page?.attachments ?? [])
        }
        if format == .html {
            let links = arrival.notice.clean.page?.attachments ?? []
            let orphans = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, drop_name, metadata FROM document
                        WHERE drop_key = ? AND format != 'html' AND attachment_of IS NULL AND id != ?
                            AND ingested_at >= ?
                        """),
                arguments: [drop.key, id, since])
            for row in orphans {
                let name: String = row[1] ?? ""
                let link = links.first { Drop.names($0, file: name) }
                guard link != nil || pages.isEmpty else { continue }
                let ownTitle = decode(StoredJSON.Metadata.self, row[2])?.page?.title != nil
                try attach(row[0], to: id, title: ownTitle ? nil : link.flatMap(Drop.title(from:)), db)
            }
        } else {
            let named = pages.last { $0.links.contains { Drop.names($0, file: drop.name) } }
            guard let page = named?.id ?? (pages.count == 1 ? pages[0].id : nil) else { return }
            // The document's own title (DOCX core.xml, PDF Info) first, else the page's link text.
            let link = (named ?? pages[0]).links.first { Drop.names($0, file: drop.name) }
            let title = arrival.notice.clean.page?.title == nil ? link.flatMap(Drop.title(from:)) : nil
            try attach(id, to: page, title: title, db)
        }
    }

    /// Sets `attachment_of`, and the title the page's link gives when the document has none
    /// of its own. (A title changed after the document was indexed for search keeps its old
    /// words in the index's title column until a rebuild; `persist` stores a batch's pages
    /// first so that a page and its attachments committed together never need that.)
    private static func attach(_ id: Int64, to page: Int64, title: String?, _ db: Database) throws {
        if let title {
            try db.cachedStatement(
                sql: "UPDATE document SET attachment_of = ?, title = ?, title_source = 'explicit' WHERE id = ?"
            ).execute(arguments: [page, title, id])
        } else {
            try db.cachedStatement(sql: "UPDATE document SET attachment_of = ? WHERE id = ?")
                .execute(arguments: [page, id])
        }
    }

    /// The near-duplicate cluster of a SimHash: the closest cluster signature within the
    /// threshold (found through any shared band), else a new cluster with this signature.
    /// Comparing with one signature per cluster keeps the work per insert small however
    /// many reposts a notice has.
    private static func cluster(for hash: UInt64, bands: inout ClusterBands, _ db: Database) throws -> Int64 {
        if let id = bands.nearest(hash) { return id }
        let id = try newCluster(hash, db)
        bands.add(id: id, signature: hash)
        return id
    }

    /// A cluster row of its own for `hash` (not put in the bands: nothing is matched to it
    /// in this process unless `cluster(for:)` adds it).
    private static func newCluster(_ hash: UInt64, _ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO cluster(simhash) VALUES (?)")
            .execute(arguments: [Int64(bitPattern: hash)])
        return db.lastInsertedRowID
    }

    /// The document columns from `encoding` to `simplified_zlib`, in insertion order.
    private static func columns(_ n: TaggedNotice, _ prepared: PreparedColumns) -> [(any DatabaseValueConvertible)?] {
        let r = DocumentRecord(n, prepared)
        return [
            r.encoding, r.script, r.title, r.titleSource, r.published, r.eventDate, r.agency, r.regionCode,
            r.regionName, r.level, r.kind, r.docNumber, r.official, r.metadata, r.quality, r.text, r.simplifiedZlib,
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

    package static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        text.flatMap { try? JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    /// Marks document `id` as an attachment of page `page`.
    public func attach(_ id: Int64, to page: Int64) throws(StoreError) {
        do {
            try pool.write { db in try Self.attach(id, to: page, title: nil, db) }
        } catch {
            throw Self.storeError(error, doing: "link document \(id) to its page")
        }
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
                try db.execute(sql: "UPDATE search_epoch SET revision = revision + 1")
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
}
