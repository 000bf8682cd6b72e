internal import Foundation
internal import PostgresNIO
public import Store
internal import Synchronization

/// What a recent query's matches were read for: the query, and the store as the facet columns
/// saw it (its largest id, and its revision, which `replace` moves).
struct BrowseKey: Hashable, Sendable {
    var expression: String
    var through: Int64
    var revision: Int64
}

/// `noticed web` on PostgreSQL: the same pages as on SQLite (see `BrowsingStore`).
///
/// The GIN index finds every match (ids only, newest first, kept in `matchCache`); filters,
/// facets and the timeline come from `FacetColumns` in memory, loaded from the rows as the
/// SQLite store loads them, so both backends count alike; the newest `rankingWindow` matches
/// that pass the filters are ranked as `search` ranks them. A full reload of the columns (after
/// a `reprocess`, or every `FacetColumns.reloadInterval`) is made in the request that finds it
/// due: about a second for 100,000 documents.
extension PostgresStore {
    public func browse(
        _ query: SearchQuery?, filters: SearchFilters = SearchFilters(), offset: Int = 0, limit: Int = 20
    ) throws(StoreError) -> ResultPage {
        try withSession("search") { s in
            let (columns, revision) = try browsingColumns(s)
            let filter = columns.filter(filters)
            guard let query else {
                let ids = columns.all(passing: filter)
                var page = ResultPage(total: ids.count, sampled: false, hits: [])
                columns.count(ids, into: &page)
                page.hits = limit > 0 ? try newest(filters: filters, offset: offset, limit: limit, s) : []
                return page
            }
            let matched = try matches(query, columns: columns, revision: revision, filter: filter, s)
            var page = ResultPage(total: matched.count, sampled: false, hits: [])
            columns.count(matched, into: &page)
            let wanted = offset + limit
            var order: [(id: Int64, score: Double)] = []
            if limit > 0, offset < matched.count {
                let window = Array(matched.prefix(NoticeStore.rankingWindow))
                let ranked = try rank(query, window, complete: matched.count <= window.count, s)
                order = Array(ranked.prefix(wanted))
                if order.count < wanted {
                    order += matched.dropFirst(ranked.count).prefix(wanted - order.count).map { ($0, 0) }
                }
            }
            page.hits = try Self.hits(Array(order.dropFirst(offset).prefix(limit)), terms: query.terms, s)
            return page
        }
    }

    public func matchingIDs(_ query: SearchQuery?, filters: SearchFilters = SearchFilters(), cap: Int)
        throws(StoreError) -> (ids: [Int64], total: Int)
    {
        try withSession("search") { s in
            let (columns, revision) = try browsingColumns(s)
            let filter = columns.filter(filters)
            let ids =
                try query.map { try matches($0, columns: columns, revision: revision, filter: filter, s) }
                ?? columns.all(passing: filter)
            return (Array(ids.prefix(cap)), ids.count)
        }
    }

    public func hits(_ ids: [Int64], terms: [String]) throws(StoreError) -> [SearchHit] {
        try withSession("read search hits") { s in try Self.hits(ids.map { ($0, 0) }, terms: terms, s) }
    }

    public func prepareForBrowsing() {
        _ = try? withSession("load the facet columns") { s in try browsingColumns(s) }
    }

    /// Every match of `query` the columns hold that passes `filter`, newest first: the index's
    /// ids from the cache when the same query was read at the same store state.
    func matches(
        _ query: SearchQuery, columns: FacetColumns, revision: Int64, filter: ColumnFilter?, _ s: PostgresSession
    ) throws -> [Int64] {
        let key = BrowseKey(expression: query.expression, through: columns.through, revision: revision)
        let all: [Int64]
        if let cached = matchCache.value(key) {
            all = cached
        } else {
            all = try s.query(
                "SELECT id FROM document WHERE search @@ $1::tsquery AND id <= $2 ORDER BY id DESC",
                [BigramVector.query(query.root), columns.through]
            ).map { try $0.get(0, Int64.self) }
            matchCache.store(all, cost: all.count, for: key)
        }
        return filter.map { f in all.filter { columns.passes($0, f) } } ?? all
    }

    /// `ids` (newest first) ranked by bm25 as `search` ranks its window, best first.
    func rank(_ query: SearchQuery, _ ids: [Int64], complete: Bool, _ s: PostgresSession) throws -> [(
        id: Int64, score: Double
    )] {
        guard !ids.isEmpty else { return [] }
        let counting = PhraseCounting(terms: query.terms)
        let window = try s.query(
            """
            SELECT d.id, coalesce(d.title, ''), d.tokens,
                ts_filter(setweight(d.search, 'C', $2::text[]), '{c}')::text\(counting.needsText ? ", d.simplified_zlib" : "")
            FROM document d WHERE d.id = ANY($1::int8[]) ORDER BY d.id DESC
            """, [ids, counting.lexemes])
        return try Self.ranked(window, counting: counting, complete: complete, s)
    }

    /// The newest documents that pass the filters, by publication date (undated last, as on
    /// SQLite), then id.
    func newest(filters: SearchFilters, offset: Int, limit: Int, _ s: PostgresSession) throws -> [SearchHit] {
        let (filter, values) = Self.filterClause(filters, from: 3)
        let ids = try s.query(
            """
            SELECT d.id FROM document d WHERE true\(filter)
            ORDER BY d.published COLLATE "C" DESC NULLS LAST, d.id DESC LIMIT $1 OFFSET $2
            """, [Int64(limit), Int64(offset)] + values
        ).map { try $0.get(0, Int64.self) }
        return try Self.hits(ids.map { ($0, 0) }, terms: [], s)
    }

    /// The facet columns brought up to the store's largest id (reloaded in full when due), and
    /// the store's revision they answer for.
    func browsingColumns(_ s: PostgresSession) throws -> (FacetColumns, Int64) {
        let state = try s.query(
            "SELECT (SELECT revision FROM search_totals), (SELECT coalesce(max(id), 0) FROM document)")[0]
        let revision = try state.get(0, Int64.self)
        let top = try state.get(1, Int64.self)
        let reader: FacetColumns.Reader = { after, through, add, addTag in
            for row in try s.query(
                "SELECT id, region_code, level, kind, agency, published FROM document WHERE id > $1 AND id <= $2",
                [after, through])
            {
                add(
                    FacetColumns.Row(
                        id: try row.get(0, Int64.self), regionCode: try row.get(1, String?.self),
                        level: try row.get(2, String?.self), kind: try row.get(3, String?.self),
                        agency: try row.get(4, String?.self), published: try row.get(5, String?.self)))
            }
            for row in try s.query(
                "SELECT document_id, tag FROM tag WHERE document_id > $1 AND document_id <= $2", [after, through])
            {
                addTag(try row.get(0, Int64.self), try row.get(1, String.self))
            }
        }
        let columns = try facetColumns.withLock { columns in
            if try columns.refresh(revision: revision, top: top, read: reader) {
                var fresh = FacetColumns()
                _ = try fresh.refresh(revision: revision, top: top, read: reader)
                columns = fresh
            }
            return columns
        }
        return (columns, revision)
    }
}

/// The lists the web page shows beside its results.
extension PostgresStore {
    public func clusterMembers(_ cluster: Int64, except id: Int64, limit: Int = 50) throws(StoreError)
        -> [ListedDocument]
    {
        try listed(
            "WHERE cluster = $1 AND id <> $2 ORDER BY id LIMIT $3", [cluster, id, Int64(limit)], doing: "read a cluster"
        )
    }

    public func recentIngests(limit: Int = 20) throws(StoreError) -> [ListedDocument] {
        try listed("ORDER BY id DESC LIMIT $1", [Int64(limit)], doing: "read the latest ingests")
    }

    public func recentFailures(limit: Int = 50) throws(StoreError) -> [RecordedFailure] {
        try withSession("read the latest failures") { s in
            try s.query("SELECT at, file, stage, error, message FROM failure ORDER BY id DESC LIMIT $1", [Int64(limit)])
                .map {
                    RecordedFailure(
                        at: try $0.get(0, String.self), file: try $0.get(1, String.self),
                        stage: try $0.get(2, String.self), error: try $0.get(3, String.self),
                        message: try $0.get(4, String.self))
                }
        }
    }

    private func listed(
        _ clause: String, _ values: [(any PostgresThrowingDynamicTypeEncodable)?], doing: String
    ) throws(StoreError) -> [ListedDocument] {
        try withSession(doing) { s in
            try s.query("SELECT id, file, title, agency, published, ingested_at, bytes FROM document \(clause)", values)
                .map {
                    ListedDocument(
                        id: try $0.get(0, Int64.self),
                        file: (try $0.get(1, String.self) as NSString).lastPathComponent,
                        title: try $0.get(2, String?.self), agency: try $0.get(3, String?.self),
                        published: try $0.get(4, String?.self), ingestedAt: try $0.get(5, String.self),
                        bytes: Int(try $0.get(6, Int64.self)))
                }
        }
    }
}
