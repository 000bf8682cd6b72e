internal import Foundation
internal import GRDB
internal import Synchronization

/// A page of results with the counts an analyst narrows by (the web page's and `/api/search`'s
/// answer): hits, the total, facet counts and matches per month, all exact.
///
/// One read of the index per query, kept in `MatchCache`: every match's id, newest first.
/// Filters, facets and the timeline come from `FacetColumns` in memory, not from the rows.
/// Ranking reads bm25 statistics for the newest `rankingWindow` matches that pass the filters,
/// as `search` does; the page lists those by rank, then the other matches newest first.
extension NoticeStore {
    /// How many index matches ranking reads statistics for at most, when filters leave fewer
    /// than `rankingWindow` among the newest: a narrow filter ranks the newest of its matches.
    public static let rankingSpan = 8 * rankingWindow

    public func browse(
        _ query: SearchQuery?, filters: SearchFilters = SearchFilters(), offset: Int = 0, limit: Int = 20
    )
        throws(StoreError) -> ResultPage
    {
        do {
            return try pool.read { db in
                let columns = try browsingColumns(db)
                let filter = columns.filter(filters)
                guard let query else {
                    let ids = columns.all(passing: filter)
                    var page = ResultPage(total: ids.count, sampled: false, hits: [])
                    columns.count(ids, into: &page)
                    page.hits = limit > 0 ? try Self.newest(filters: filters, offset: offset, limit: limit, db) : []
                    return page
                }
                let found = try matches(query, filters: filters, columns: columns, filter: filter, db)
                let recent = found.recent
                var filtered = found.filtered
                var page = filtered.counts
                if !recent.isEmpty {
                    page = ResultPage(total: recent.count + filtered.matched.count, sampled: false, hits: [])
                    columns.count(recent + filtered.matched, into: &page)
                }
                let wanted = offset + limit
                // The unindexed (newest) first, then the ranked window, then the rest by recency.
                var order: [(id: Int64, score: Double)] = recent.prefix(wanted).map { ($0, 0) }
                if limit > 0, order.count < wanted, offset < page.total {
                    let ranked = try filtered.ranked ?? Self.rank(query, filtered.matched, among: found.indexed, db)
                    filtered.ranked = ranked
                    order += ranked.prefix(wanted - order.count)
                    if order.count < wanted {
                        order += filtered.matched.dropFirst(ranked.count).prefix(wanted - order.count).map { ($0, 0) }
                    }
                }
                // Kept again once it holds the ranking it did not have.
                if found.filtered.ranked == nil && filtered.ranked != nil {
                    filteredCache.store(filtered, cost: filtered.cost, for: found.key)
                }
                page.hits = try order.dropFirst(offset).prefix(limit).compactMap { hit in
                    try Self.hit(hit.id, score: hit.score, terms: query.terms, db)
                }
                return page
            }
        } catch {
            throw Self.searchError(error)
        }
    }

    /// The ids of the newest `cap` documents that match (all that pass the filters when `query`
    /// is nil), newest first, and how many match in all.
    public func matchingIDs(_ query: SearchQuery?, filters: SearchFilters = SearchFilters(), cap: Int)
        throws(StoreError) -> (ids: [Int64], total: Int)
    {
        do {
            return try pool.read { db in
                let columns = try browsingColumns(db)
                let filter = columns.filter(filters)
                guard let query else {
                    let ids = columns.all(passing: filter)
                    return (Array(ids.prefix(cap)), ids.count)
                }
                let found = try matches(query, filters: filters, columns: columns, filter: filter, db)
                let matched = found.filtered.matched
                return (Array((found.recent + matched).prefix(cap)), found.recent.count + matched.count)
            }
        } catch {
            throw Self.searchError(error)
        }
    }

    /// The matches of `query` that pass the filters: those stored since the index's last batch
    /// (newest first, read directly), and the index's with their facet counts, from the caches
    /// when the same index and columns answered the same query before (else computed and kept).
    func matches(
        _ query: SearchQuery, filters: SearchFilters, columns: FacetColumns, filter: ColumnFilter?, _ db: Database
    ) throws -> (recent: [Int64], indexed: [Int64], filtered: FilteredMatches, key: FilteredQueryKey) {
        let state = try Self.indexState(db)
        let recent = try Self.recentMatches(query, after: state.floor, passing: filter, of: columns, db)
        let key = IndexedQueryKey(expression: query.expression, epoch: state.epoch, floor: state.floor)
        let indexed = try indexedMatches(query, key, db)
        let filteredKey = FilteredQueryKey(
            query: key, filters: filters, columnsLoadedAt: columns.loadedAt.timeIntervalSince1970)
        if let cached = filteredCache.value(filteredKey) { return (recent, indexed, cached, filteredKey) }
        let matched = filter.map { f in indexed.filter { columns.passes($0, f) } } ?? indexed
        var counts = ResultPage(total: matched.count, sampled: false, hits: [])
        columns.count(matched, into: &counts)
        let filtered = FilteredMatches(matched: matched, counts: counts)
        filteredCache.store(filtered, cost: filtered.cost, for: filteredKey)
        return (recent, indexed, filtered, filteredKey)
    }

    /// Loads the facet columns when the server starts, so the first search does not wait for
    /// them (about 2 s for 100,000 documents).
    public func prepareForBrowsing() {
        _ = try? pool.read { db in try browsingColumns(db) }
    }

    /// The facet columns, brought up to the store's largest id. A full reload, when due, is
    /// built in the background while requests go on with the columns they have.
    func browsingColumns(_ db: Database) throws -> FacetColumns {
        let (columns, due) = try facetColumns.withLock { columns in
            let due = try columns.refresh(db)
            return (columns, due)
        }
        if due,
            columnReload.withLock({ running in
                defer { running = true }
                return !running
            })
        {
            DispatchQueue.global(qos: .utility).async { [self] in
                defer { columnReload.withLock { $0 = false } }
                let fresh = try? pool.read { db in
                    var fresh = FacetColumns()
                    _ = try fresh.refresh(db)
                    return fresh
                }
                if let fresh { facetColumns.withLock { $0 = fresh } }
            }
        }
        return columns
    }

    /// Every document the index holds up to `key.floor` that matches, newest first (from the
    /// cache when the same index answered the same query before).
    func indexedMatches(_ query: SearchQuery, _ key: IndexedQueryKey, _ db: Database) throws -> [Int64] {
        guard key.floor > 0 else { return [] }
        if let ids = matchCache.value(key) { return ids }
        let ids = try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT rowid FROM search.document_fts WHERE document_fts MATCH ? AND rowid <= ?
                    ORDER BY rowid DESC
                    """),
            arguments: [query.expression, key.floor])
        matchCache.store(ids, cost: ids.count, for: key)
        return ids
    }

    /// The documents stored after the index's `floor` that match and pass the filter, newest
    /// first, filtered by the columns before they are read.
    static func recentMatches(
        _ query: SearchQuery, after floor: Int64, passing filter: ColumnFilter?, of columns: FacetColumns,
        _ db: Database
    ) throws -> [Int64] {
        var ids: [Int64] = []
        let keep: (Int64) -> Bool = { id in filter.map { columns.passes(id, $0) } ?? true }
        try Self.eachRecentMatch(query, after: floor, filter: "", [], db, keeping: keep) { id in
            ids.append(id)
            return true
        }
        return ids
    }

    /// The newest `rankingWindow` of `matched` (the filtered subset of `indexed`, both newest
    /// first) by bm25, best first: statistics are read for the index's matches in their id
    /// range, no more than `rankingSpan` of them, and kept for those in `matched`.
    static func rank(_ query: SearchQuery, _ matched: [Int64], among indexed: [Int64], _ db: Database) throws -> [(
        id: Int64, score: Double
    )] {
        guard let newest = matched.first, let start = indexed.firstIndex(of: newest) else { return [] }
        var window = Array(matched.prefix(rankingWindow))
        let spanFloor = indexed[min(indexed.count, start + rankingSpan) - 1]
        if let last = window.last, last < spanFloor { window = window.filter { $0 >= spanFloor } }
        guard let oldest = window.last else { return [] }
        // Unfiltered, the window is every match in its range; else only the window's rows get
        // statistics (`noticed_bm25_stats_in`; the others are NULL, their positions unread).
        let rows: [Row]
        if matched.count == indexed.count {
            rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT rowid, noticed_bm25_stats(document_fts, \(WindowRanking.weights)) FROM search.document_fts
                        WHERE document_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC
                        """),
                arguments: [query.expression, oldest, newest])
        } else {
            let wanted = window.reversed().withUnsafeBufferPointer { Data(buffer: $0) }
            rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT rowid, noticed_bm25_stats_in(document_fts, ?, \(WindowRanking.weights))
                        FROM search.document_fts
                        WHERE document_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC
                        """),
                arguments: [wanted, query.expression, oldest, newest])
        }
        var stats: [(id: Int64, stats: [Double])] = []
        stats.reserveCapacity(window.count)
        for row in rows {
            guard let blob = row[1] as Data? else { continue }
            stats.append((row[0], WindowRanking.stats(blob)))
        }
        var ranked = WindowRanking.rank(stats, complete: matched.count <= window.count)
        ranked.sort { $0.score > $1.score || ($0.score == $1.score && $0.id > $1.id) }
        return ranked
    }

    /// The hits for `ids`, in that order, their snippets around `terms`.
    public func hits(_ ids: [Int64], terms: [String]) throws(StoreError) -> [SearchHit] {
        do {
            return try pool.read { db in try ids.compactMap { try Self.hit($0, score: 0, terms: terms, db) } }
        } catch {
            throw Self.searchError(error)
        }
    }

    /// The newest documents that pass the filters, by publication date (undated last: SQLite
    /// sorts NULL lowest), read along the `published` index.
    static func newest(filters: SearchFilters, offset: Int, limit: Int, _ db: Database) throws -> [SearchHit] {
        let (filter, filterArguments) = Self.filterClause(filters)
        let ids = try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT d.id FROM document d WHERE 1\(filter)
                    ORDER BY d.published DESC, d.id DESC LIMIT ? OFFSET ?
                    """),
            arguments: StatementArguments(filterArguments + [limit, offset]))
        return try ids.compactMap { try Self.hit($0, score: 0, terms: [], db) }
    }
}

/// One value of a facet and how many matches have it.
public struct FacetCount: Sendable, Hashable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// What `browse` answers: a page of hits, the exact total, facets and the month timeline.
public struct ResultPage: Sendable {
    public var total: Int
    /// Whether facets and the timeline counted a sample of the matches (no longer: they count
    /// all of them; kept for `/api/search`'s shape).
    public var sampled: Bool
    public var hits: [SearchHit]
    /// Facet name (`tag`, `region` (province code), `level`, `kind`, `agency`, `year`) → counts, largest first.
    public var facets: [String: [FacetCount]] = [:]
    /// Matches per month (`2020-02`), oldest first.
    public var timeline: [FacetCount] = []

    package init(total: Int, sampled: Bool, hits: [SearchHit]) {
        self.total = total
        self.sampled = sampled
        self.hits = hits
    }
}
