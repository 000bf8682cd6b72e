internal import Foundation
internal import GRDB
internal import Synchronization

/// A page of results with the counts an analyst narrows by (the web page's and `/api/search`'s
/// answer): hits, the total, facet counts and matches per month.
///
/// Facets and the timeline are counted over the newest `facetWindow` matches: a query that
/// matches most of a large store is answered in milliseconds, and the page says when the
/// counts are of a sample (`sampled`). The total is exact.
extension NoticeStore {
    /// How many of the newest matches facets and the timeline count.
    public static let facetWindow = 5000

    public func browse(
        _ query: SearchQuery?, filters: SearchFilters = SearchFilters(), offset: Int = 0, limit: Int = 20
    )
        throws(StoreError) -> ResultPage
    {
        let hits: [SearchHit]
        if let query {
            hits = Array(try search(query, filters: filters, limit: offset + limit).dropFirst(offset))
        } else {
            hits = try newest(filters: filters, offset: offset, limit: limit)
        }
        do {
            return try pool.read { db in
                let (ids, total) = try Self.matches(query, filters: filters, cap: Self.facetWindow, db)
                var page = ResultPage(total: total, sampled: total > ids.count, hits: hits)
                try facetColumns.withLock { columns in
                    try columns.refresh(db)
                    columns.count(ids, into: &page)
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
            return try pool.read { db in try Self.matches(query, filters: filters, cap: cap, db) }
        } catch {
            throw Self.searchError(error)
        }
    }

    static func matches(_ query: SearchQuery?, filters: SearchFilters, cap: Int, _ db: Database) throws -> (
        ids: [Int64], total: Int
    ) {
        let (filter, filterArguments) = Self.filterClause(filters)
        let floor = try Self.indexFloor(db)
        // Recent documents the index does not hold yet, matched directly, then the index's.
        var ids: [Int64] = []
        var total = 0
        if let query {
            try Self.eachRecentMatch(query, after: floor, filter: filter, filterArguments, db) { id in
                total += 1
                if ids.count < cap { ids.append(id) }
                return true
            }
            if floor > 0 {
                let source =
                    filter.isEmpty ? "search.document_fts f" : "search.document_fts f JOIN document d ON d.id = f.rowid"
                let room = cap - ids.count
                let indexed = try Int64.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT f.rowid FROM \(source) WHERE document_fts MATCH ? AND f.rowid <= ?\(filter)
                            ORDER BY f.rowid DESC LIMIT ?
                            """),
                    arguments: StatementArguments([query.expression, floor] + filterArguments + [room]))
                ids += indexed
                if indexed.count < room {
                    total += indexed.count
                } else {
                    total +=
                        try Int.fetchOne(
                            db.cachedStatement(
                                sql:
                                    "SELECT count(*) FROM \(source) WHERE document_fts MATCH ? AND f.rowid <= ?\(filter)"
                            ),
                            arguments: StatementArguments([query.expression, floor] + filterArguments)) ?? 0
                }
            }
        } else {
            ids = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT d.id FROM document d WHERE 1\(filter) ORDER BY d.id DESC LIMIT ?"),
                arguments: StatementArguments(filterArguments + [cap]))
            total =
                ids.count < cap
                ? ids.count
                : try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT count(*) FROM document d WHERE 1\(filter)"),
                    arguments: StatementArguments(filterArguments)) ?? 0
        }
        return (ids, total)
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
    func newest(filters: SearchFilters, offset: Int, limit: Int) throws(StoreError) -> [SearchHit] {
        let (filter, filterArguments) = Self.filterClause(filters)
        do {
            return try pool.read { db in
                let ids = try Int64.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT d.id FROM document d WHERE 1\(filter)
                            ORDER BY d.published DESC, d.id DESC LIMIT ? OFFSET ?
                            """),
                    arguments: StatementArguments(filterArguments + [limit, offset]))
                return try ids.compactMap { try Self.hit($0, score: 0, terms: [], db) }
            }
        } catch {
            throw Self.searchError(error)
        }
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
    /// The facets and timeline count the newest `facetWindow` matches, not all of them.
    public var sampled: Bool
    public var hits: [SearchHit]
    /// Facet name (`tag`, `region` (province code), `level`, `kind`, `agency`, `year`) → counts, largest first.
    public var facets: [String: [FacetCount]] = [:]
    /// Matches per month (`2020-02`), oldest first.
    public var timeline: [FacetCount] = []
}
