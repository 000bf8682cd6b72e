import Foundation
import GRDB
import TestKit
import Testing

@testable import Pipeline
@testable import Store

/// `browse` (the web page's search) filters and counts from in-memory columns and caches what
/// a query costs: its answers must be the SQL filters' answers, follow the index as it grows,
/// and see fields that `reprocess` rewrites.
@Suite("Browse")
struct BrowseTests {
    /// 240 generated notices, the first 180 indexed: every search reads both the index and the
    /// documents it does not hold yet.
    static func store(_ dir: URL, queryCacheMiB: Int = 16) throws -> NoticeStore {
        let store = try NoticeStore(path: dir.appendingPathComponent("s.sqlite").path, queryCacheMiB: queryCacheMiB)
        let pipeline = NoticePipeline()
        let raws = try NoticeCorpus().generate(240, seed: 17)
        let arrivals = try raws.map { raw in
            Arrival.prepare(try pipeline.process(raw), original: raw.bytes, collection: nil)
        }
        _ = try store.persist(Array(arrivals.prefix(180)))
        try store.indexPending()
        _ = try store.persist(Array(arrivals.dropFirst(180)))
        return store
    }

    /// Filters drawn from what the store holds, alone and combined, with edge cases.
    static func filters(_ store: NoticeStore) throws -> [SearchFilters] {
        let (tags, regions, levels, kinds) = try store.pool.read { db in
            (
                try String.fetchAll(db, sql: "SELECT tag FROM tag GROUP BY tag ORDER BY count(*) DESC LIMIT 3"),
                try String.fetchAll(
                    db, sql: "SELECT region_code FROM document WHERE region_code IS NOT NULL GROUP BY 1 LIMIT 3"),
                try String.fetchAll(db, sql: "SELECT DISTINCT level FROM document WHERE level IS NOT NULL"),
                try String.fetchAll(db, sql: "SELECT DISTINCT kind FROM document WHERE kind IS NOT NULL")
            )
        }
        var all: [SearchFilters] = [SearchFilters()]
        for tag in tags + ["no-such-tag"] { all.append(SearchFilters(tag: tag)) }
        for code in regions {
            all.append(SearchFilters(regionCode: code))
            all.append(SearchFilters(regionCode: String(code.prefix(2)) + "0000"))
            all.append(SearchFilters(regionCode: String(code.prefix(4)) + "00"))
        }
        for level in levels { all.append(SearchFilters(level: level)) }
        for kind in kinds { all.append(SearchFilters(kind: kind)) }
        for agency in ["民政局", "民政", "%", "_", "no such body"] { all.append(SearchFilters(agency: agency)) }
        all.append(SearchFilters(since: "2015-01-01"))
        all.append(SearchFilters(until: "2018-06-30"))
        all.append(SearchFilters(since: "2012", until: "2019-12"))
        if let tag = tags.first, let level = levels.first {
            all.append(SearchFilters(tag: tag, since: "2014-01-01", level: level))
        }
        return all
    }

    /// The ids passing `filters` by SQL (`filterClause`, as `noticed search` filters).
    static func sqlIDs(_ store: NoticeStore, _ filters: SearchFilters) throws -> Set<Int64> {
        let (clause, arguments) = NoticeStore.filterClause(filters)
        return try store.pool.read { db in
            Set(
                try Int64.fetchAll(
                    db, sql: "SELECT d.id FROM document d WHERE 1\(clause)", arguments: StatementArguments(arguments)))
        }
    }

    @Test("filters, totals and facets agree with SQL, for queries and for browsing without one")
    func agreesWithSQL() throws {
        let dir = try temporaryFolder("browse")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.store(dir)
        var nonEmpty = 0
        for filters in try Self.filters(store) {
            let passing = try Self.sqlIDs(store, filters)
            let all = try store.browse(nil, filters: filters, limit: 0)
            #expect(all.total == passing.count, "\(filters)")
            for q in ["养老", "社会救助", "民政 NOT 疫情", "婚姻 OR 殡葬", "养"] {
                let query = try SearchQuery(q, folding: .simplified)
                // `search` filters in SQL and returns every match when there are fewer than its window.
                let expected = try store.search(query, filters: filters, limit: 10_000)
                let (ids, total) = try store.matchingIDs(query, filters: filters, cap: 10_000)
                #expect(Set(ids) == Set(expected.map(\.id)), "\(q) \(filters)")
                #expect(total == expected.count, "\(q) \(filters)")
                let page = try store.browse(query, filters: filters, limit: 20)
                #expect(page.total == expected.count, "\(q) \(filters)")
                #expect(page.hits.map(\.id) == expected.prefix(20).map(\.id), "ranked as search ranks: \(q) \(filters)")
                // The second page continues the first.
                let next = try store.browse(query, filters: filters, offset: 20, limit: 20)
                #expect(next.hits.map(\.id) == expected.dropFirst(20).prefix(20).map(\.id), "\(q) \(filters)")
                // Facets count every match.
                let list = ids.isEmpty ? "0" : ids.map(String.init).joined(separator: ",")
                let tagCounts = try store.pool.read { db in
                    try Row.fetchAll(
                        db, sql: "SELECT tag, count(*) FROM tag WHERE document_id IN (\(list)) GROUP BY tag"
                    )
                    .reduce(into: [String: Int]()) { $0[$1[0]] = $1[1] }
                }
                let facetTags = (page.facets["tag"] ?? []).reduce(into: [String: Int]()) { $0[$1.value] = $1.count }
                #expect(facetTags == tagCounts, "\(q) \(filters)")
                #expect(page.timeline.map(\.count).reduce(0, +) <= page.total)
                if page.total > 0 { nonEmpty += 1 }
            }
        }
        #expect(nonEmpty > 20, "the cases must match something")
    }

    @Test("a cached query follows the index: documents indexed or stored since are counted")
    func cacheFollowsIndex() throws {
        let dir = try temporaryFolder("browse")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.store(dir)
        let query = try SearchQuery("民政局", folding: .simplified)
        let before = try store.browse(query, limit: 5).total
        #expect(before == 240)
        try store.indexPending()
        #expect(try store.browse(query, limit: 5).total == before)
        let pipeline = NoticePipeline()
        let more = try NoticeCorpus().generate(30, seed: 99, prefix: "m").map { raw in
            Arrival.prepare(try pipeline.process(raw), original: raw.bytes, collection: nil)
        }
        _ = try store.persist(more)
        #expect(try store.browse(query, limit: 5).total == before + 30, "stored, not indexed yet")
        try store.indexPending()
        #expect(try store.browse(query, limit: 5).total == before + 30, "indexed")
        #expect(try store.matchingIDs(query, cap: 1000).total == before + 30)
    }

    @Test("fields rewritten in place (reprocess) are seen once the columns reload in the background")
    func rewrittenFields() throws {
        let dir = try temporaryFolder("browse")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.store(dir)
        let id: Int64 = 7
        let kind = try #require(
            try store.pool.read { db in
                try String.fetchOne(db, sql: "SELECT kind FROM document WHERE id = ?", arguments: [id])
            })
        let other = kind == "meeting" ? "notice" : "meeting"
        let before = try store.browse(nil, filters: SearchFilters(kind: other), limit: 0).total
        // A notice of the other kind, stored in place of document 7.
        let pipeline = NoticePipeline()
        let text =
            other == "meeting"
            ? "某市民政局召开养老服务工作会议\n会议由局长主持。会议强调，要做好养老服务。\n某市民政局\n2020年3月1日"
            : "某市民政局关于做好养老服务工作的通知\n各区民政局：\n现将有关事项通知如下。\n某市民政局\n2020年3月1日"
        let replacement = try pipeline.process(RawNotice(file: "r.txt", bytes: Array(text.utf8)))
        try #require(replacement.parsed.kind.rawValue == other)
        try store.replace(id: id, with: replacement)
        try Deadline.wait("the columns to reload after the rewrite", timeout: 30) {
            (try? store.browse(nil, filters: SearchFilters(kind: other), limit: 0).total) == before + 1
        }
        #expect(
            try store.browse(nil, filters: SearchFilters(kind: kind), limit: 0).total
                == Self.sqlIDs(store, SearchFilters(kind: kind)).count)
    }

    @Test("the query cache keeps what fits, least recently used out first; a budget of 0 keeps nothing")
    func queryCache() {
        let cache = QueryCache<String, [Int]>(budget: 10)
        cache.store([1, 2, 3, 4], cost: 4, for: "a")
        cache.store([5, 6, 7, 8], cost: 4, for: "b")
        #expect(cache.value("a") == [1, 2, 3, 4])
        cache.store([9, 10, 11], cost: 3, for: "c")
        #expect(cache.value("b") == nil, "b was the least recently used")
        #expect(cache.value("a") != nil && cache.value("c") != nil)
        cache.store(Array(0..<11), cost: 11, for: "d")
        #expect(cache.value("d") == nil, "larger than the budget")
        let none = QueryCache<String, Int>(budget: 0)
        none.store(1, cost: 1, for: "x")
        #expect(none.value("x") == nil)
    }
}
