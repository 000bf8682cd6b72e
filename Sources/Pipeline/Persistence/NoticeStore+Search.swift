internal import Foundation
internal import GRDB

/// Full-text search: the index for the documents it holds, a direct reading for those stored
/// since (see `SearchIndex`), snippets cut from the stored text.
extension NoticeStore {
    /// How many of the newest indexed matches a broad query ranks.
    public static let rankingWindow = 2000

    /// Documents per index transaction. Each commit flushes FTS5's pending terms into a new
    /// segment to merge later, so fewer commits fill the index faster (50,000 notices: 2,450
    /// docs/s at 256 per transaction, 2,950 at 2,048, 3,170 at 8,192); documents are read
    /// `SearchIndex.readChunk` at a time, so memory does not grow with it.
    public static let indexBatch = 2048

    /// Indexes the documents stored since the last call (all of them after a `reprocess` that
    /// changed texts); returns how many. A store opened read-only has nothing to do.
    @discardableResult
    public func indexPending(batch: Int = indexBatch) throws(StoreError) -> Int {
        guard let index else { return 0 }
        do {
            return try index.catchUp(from: self, batch: batch)
        } catch {
            throw Self.storeError(error, doing: "update the search index")
        }
    }

    /// How many stored documents the index does not hold yet.
    public func unindexedCount() throws(StoreError) -> Int {
        do {
            return try pool.read { db in
                let floor = try Self.indexFloor(db)
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE id > ?", arguments: [floor]) ?? 0
            }
        } catch {
            throw Self.storeError(error, doing: "count unindexed documents")
        }
    }

    /// The store's epoch and the next documents after `id`, read in one snapshot: at most
    /// `limit` of them and, beyond the first, no more than `budget` bytes of title and text
    /// (one 16 MB document must not make a read of 256 such documents). `exhausted`: no
    /// document after the last one returned.
    func pendingForIndex(after id: Int64, limit: Int, budget: Int = SearchIndex.readBudget) throws -> (
        epoch: Int64, documents: [(id: Int64, title: String, text: String)], exhausted: Bool
    ) {
        try pool.read { db in
            let epoch = try Int64.fetchOne(db, sql: "SELECT epoch FROM search_epoch") ?? 0
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, coalesce(title, '') AS title, simplified_zlib FROM document
                    WHERE id > ? ORDER BY id LIMIT ?
                    """,
                arguments: [id, limit])
            var documents: [(id: Int64, title: String, text: String)] = []
            var bytes = 0
            while documents.count < limit, bytes < budget {
                guard let row = try rows.next() else { return (epoch, documents, true) }
                let document: (id: Int64, title: String, text: String) = (
                    row["id"], row["title"], Compression.simplified(row["simplified_zlib"])
                )
                bytes += document.title.utf8.count + document.text.utf8.count
                documents.append(document)
            }
            return (epoch, documents, false)
        }
    }

    /// The last document id the attached index answers for: 0 when there is no index or it
    /// indexed texts that `reprocess` has since rewritten.
    static func indexFloor(_ db: Database) throws -> Int64 {
        try indexState(db).floor
    }

    /// The index's floor (as `indexFloor`) and the store's epoch, which together name the state
    /// of the index a query reads (0 and 0 without an index).
    static func indexState(_ db: Database) throws -> (floor: Int64, epoch: Int64) {
        guard
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) > 0 FROM pragma_database_list WHERE name = 'search'")) == true,
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT epoch, through FROM search.indexed"))
        else { return (0, 0) }
        let epoch = try Int64.fetchOne(db.cachedStatement(sql: "SELECT epoch FROM search_epoch")) ?? 0
        return (row["epoch"] == epoch ? row["through"] : 0, epoch)
    }

    public func search(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), limit: Int = 20)
        throws(StoreError) -> [SearchHit]
    {
        // The documents stored since the index's last batch are read and matched directly, and
        // come first (they are the newest). Then the index, so that a query matching most of the
        // store stays fast: one pass over the newest `rankingWindow` matches, by rowid, with their
        // bm25 statistics, ranked here (`WindowRanking`); then details for the `limit` best.
        let (filter, filterArguments) = Self.filterClause(filters)
        do {
            return try pool.read { db in
                let floor = try Self.indexFloor(db)
                var hits: [(id: Int64, score: Double)] = []
                if limit > 0 {
                    try Self.eachRecentMatch(query, after: floor, filter: filter, filterArguments, db) { id in
                        hits.append((id, 0))
                        return hits.count < limit
                    }
                }
                if hits.count < limit, floor > 0 {
                    // Without filters the index answers alone; a join would read every match's row.
                    let source =
                        filter.isEmpty
                        ? "search.document_fts f" : "search.document_fts f JOIN document d ON d.id = f.rowid"
                    let window = try Row.fetchAll(
                        db.cachedStatement(
                            sql: """
                                SELECT f.rowid, noticed_bm25_stats(f.document_fts, \(WindowRanking.weights)) FROM \(source)
                                WHERE document_fts MATCH ? AND f.rowid <= ?\(filter)
                                ORDER BY f.rowid DESC LIMIT ?
                                """),
                        arguments: StatementArguments(
                            [query.expression, floor] + filterArguments + [Self.rankingWindow])
                    ).map { (id: $0[0] as Int64, stats: WindowRanking.stats($0[1])) }
                    var ranked = WindowRanking.rank(window, complete: window.count < Self.rankingWindow)
                    ranked.sort { $0.score > $1.score || ($0.score == $1.score && $0.id > $1.id) }
                    hits += ranked.prefix(limit - hits.count)
                }
                return try hits.compactMap { hit in try Self.hit(hit.id, score: hit.score, terms: query.terms, db) }
            }
        } catch {
            throw Self.searchError(error)
        }
    }

    /// The documents stored after the index's `floor` that pass `filter` and match `query`, read
    /// and matched directly (newest first), those `keep` refuses skipped unread; `body` returns
    /// false to stop.
    static func eachRecentMatch(
        _ query: SearchQuery, after floor: Int64, filter: String, _ filterArguments: [(any DatabaseValueConvertible)?],
        _ db: Database, keeping keep: (Int64) -> Bool = { _ in true }, _ body: (Int64) throws -> Bool
    ) throws {
        // Nothing recent: a filter's subquery would still be planned and run (a tag filter's
        // took 80 % of a search of 100,000 documents).
        guard try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM document")) ?? 0 > floor else { return }
        let matcher = QueryMatcher(query)
        let recent = try Row.fetchCursor(
            db,
            sql: """
                SELECT d.id, coalesce(d.title, '') AS title, d.simplified_zlib
                FROM document d WHERE d.id > ?\(filter) ORDER BY d.id DESC
                """,
            arguments: StatementArguments([floor] + filterArguments))
        while let row = try recent.next() {
            guard keep(row["id"]) else { continue }
            let title: String = row["title"]
            let text = Compression.inflate([UInt8](row["simplified_zlib"] as Data), count: nil) ?? []
            if matcher.matches(Array(title.utf8) + [0x0A] + text), try !body(row["id"]) { return }
        }
    }

    /// A failed search in one sentence of ours: SQLite's own wording (`fts5: parser stack
    /// overflow`, `fts5: syntax error near …`) means nothing to an analyst.
    static func searchError(_ error: any Error) -> StoreError {
        guard let db = error as? DatabaseError else {
            return error as? StoreError ?? StoreError("cannot search: the store could not run this query")
        }
        switch db.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_CORRUPT, .SQLITE_NOTADB,
            .SQLITE_CANTOPEN:
            return storeError(error, doing: "search")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError("cannot search the store: permission denied")
        case .SQLITE_NOMEM:
            return StoreError("cannot search: out of memory; try a simpler query", isTransient: true)
        case .SQLITE_INTERRUPT:
            return StoreError("cannot search: the search was interrupted", isTransient: true)
        case .SQLITE_IOERR:
            return StoreError("cannot search: the store could not be read (I/O error)", isTransient: true)
        default:
            return StoreError(
                "cannot search: the store could not run this query (error \(db.resultCode.primaryResultCode.rawValue)); "
                    + "try a simpler query")
        }
    }

    /// The SQL conditions (each starting with ` AND `) for the filters, on the document `d`.
    static func filterClause(_ filters: SearchFilters) -> (String, [(any DatabaseValueConvertible)?]) {
        var sql = ""
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let tag = filters.tag {
            sql += " AND d.id IN (SELECT document_id FROM tag WHERE tag = ?)"
            arguments.append(tag)
        }
        if let code = filters.regionCode {
            sql += " AND d.region_code LIKE ? ESCAPE '\\'"
            arguments.append(likeEscaped(regionPrefix(code)) + "%")
        }
        if let agency = filters.agency {
            // A substring: `%` and `_` in it are characters, not wildcards.
            sql += " AND d.agency LIKE ? ESCAPE '\\'"
            arguments.append("%" + likeEscaped(agency) + "%")
        }
        if let since = filters.since {
            sql += " AND d.published >= ?"
            arguments.append(since)
        }
        if let until = filters.until {
            sql += " AND d.published <= ?"
            arguments.append(until)
        }
        if let level = filters.level {
            sql += " AND d.level = ?"
            arguments.append(level)
        }
        if let kind = filters.kind {
            sql += " AND d.kind = ?"
            arguments.append(kind)
        }
        return (sql, arguments)
    }

    /// What a region filter's codes begin with: a province or prefecture includes what lies
    /// inside it.
    package static func regionPrefix(_ code: String) -> String {
        switch AdministrativeLevel(regionCode: code) {
        case .provincial: String(code.prefix(2))
        case .prefectural: String(code.prefix(4))
        default: code
        }
    }

    /// `text` for a LIKE pattern escaped by backslashes: its wildcards taken literally.
    package static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    static func hit(_ id: Int64, score: Double, terms: [String], _ db: Database) throws -> SearchHit? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT d.file, d.title, d.agency, d.published, d.simplified_zlib, d.attachment_of,
                            (SELECT group_concat(tag, ',') FROM tag WHERE document_id = d.id) AS tags
                        FROM document d WHERE d.id = ?
                        """), arguments: [id])
        else { return nil }
        let file: String = row["file"]
        let tags: String? = row["tags"]
        return SearchHit(
            id: id, file: (file as NSString).lastPathComponent, title: row["title"], agency: row["agency"],
            published: row["published"], tags: tags.map { $0.split(separator: ",").map(String.init).sorted() } ?? [],
            score: score, snippet: Snippet.make(Compression.simplified(row["simplified_zlib"]), terms: terms),
            attachmentOf: row["attachment_of"])
    }
}
