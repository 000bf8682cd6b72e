import Foundation
import GRDB
import TestKit
import Testing

@testable import Pipeline
@testable import Store

/// The search index filled after the commit: documents are found before it has them, the same
/// ones after; a rewritten text rebuilds it; a lost index file is rebuilt; older stores upgrade.
@Suite("Search index")
struct SearchIndexTests {
    static let queries = [
        "养老", "養老", "一老一小", "低保", "疫情 AND 婚姻登记", "\"社会救助\"", "养", "殡葬 OR 婚姻", "疫情 NOT 低保",
        "(养老 OR 儿童) AND 疫苗", "COVID",
    ]

    @Test("the matcher follows the query's operators, on contiguous Simplified text")
    func matcher() throws {
        let text = Array("关于做好养老服务和社会救助工作的通知\n加强COVID-19疫情防控".utf8)
        let cases: [(String, Bool)] = [
            ("养老", true), ("社会救助", true), ("社会 救助", true), ("\"社会 救助\"", false), ("養老服務", true),
            ("养老 AND 低保", false), ("养老 OR 低保", true), ("养老 NOT 低保", true), ("养老 NOT 救助", false),
            ("covid", true), ("(低保 OR 疫情) AND 通知", true), ("养", true), ("婚", false),
        ]
        for (query, expected) in cases {
            #expect(QueryMatcher(try SearchQuery(query, folding: .simplified)).matches(text) == expected, "\(query)")
        }
    }

    @Test("snippets mark every match in a window around the first")
    func snippet() {
        let text = String(repeating: "前文", count: 30) + "做好养老服务，推进养老机构建设" + String(repeating: "后文", count: 30)
        let s = Snippet.make(text, terms: ["养老"])
        #expect(s.hasPrefix("…") && s.hasSuffix("…"))
        #expect(s.contains("做好[养老]服务，推进[养老]机构"))
        #expect(Snippet.make("短文", terms: ["长"]) == "短文")
    }

    static func store(_ dir: URL) throws -> NoticeStore {
        let store = try NoticeStore(path: dir.appendingPathComponent("s.sqlite").path)
        let pipeline = NoticePipeline()
        let arrivals = try Fixtures.seedNames().map { name in
            let raw = Fixtures.seed(name)
            return Arrival.prepare(try pipeline.process(raw), original: raw.bytes, collection: nil)
        }
        _ = try store.persist(arrivals)
        return store
    }

    static func results(_ store: NoticeStore) throws -> [String: Set<Int64>] {
        var out: [String: Set<Int64>] = [:]
        for q in queries {
            out[q] = Set(try store.search(try SearchQuery(q, folding: .simplified), limit: 100).map(\.id))
        }
        return out
    }

    @Test("ranking a window that holds every match gives FTS5's bm25 for one-phrase and OR queries")
    func windowRanking() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.store(dir)
        try store.indexPending()
        for q in ["养老", "\"社会救助\"", "养", "殡葬 OR 婚姻", "民政"] {
            let expression = try SearchQuery(q, folding: .simplified).expression
            let (ours, fts5) = try store.pool.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT rowid, noticed_bm25_stats(document_fts, \(WindowRanking.weights)), rank
                        FROM search.document_fts WHERE document_fts MATCH ? ORDER BY rowid DESC
                        """, arguments: [expression])
                let ours = WindowRanking.rank(rows.map { ($0[0], WindowRanking.stats($0[1])) }, complete: true)
                return (ours, rows.map { (id: $0[0] as Int64, score: -($0[2] as Double)) })
            }
            #expect(!fts5.isEmpty, "\(q)")
            #expect(ours.map(\.id) == fts5.map(\.id), "\(q)")
            for (a, b) in zip(ours, fts5) { #expect(abs(a.score - b.score) < 1e-9 * max(1, abs(b.score)), "\(q)") }
        }
    }

    @Test("a committed document is found at once; the index, once filled, finds the same ones")
    func beforeAndAfter() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.store(dir)
        #expect(try store.unindexedCount() == 5)
        let direct = try Self.results(store)
        #expect(direct["养老"] == [1, 2, 3, 4])
        #expect(try store.indexPending() == 5)
        #expect(try store.unindexedCount() == 0)
        #expect(try Self.results(store) == direct)
        #expect(
            try store.search(try SearchQuery("养老", folding: .simplified)).allSatisfy {
                $0.score > 0 && $0.snippet.contains("[养老]")
            })
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("reprocess that rewrites a text makes the index start over; no stale match meanwhile")
    func epoch() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.store(dir)
        try store.indexPending()
        let before = try Self.results(store)
        // Document 1 now says something else entirely.
        let replacement = try NoticePipeline().process(
            RawNotice(file: "x.txt", bytes: Array("关于殡葬改革的通知\n推进殡葬改革。".utf8)))
        try store.replace(id: 1, with: replacement)
        let stale = try Self.results(store)
        #expect(stale["养老"] == before["养老"]!.subtracting([1]))
        #expect(stale["殡葬 OR 婚姻"]!.contains(1))
        #expect(try store.indexPending() == 5)
        #expect(try Self.results(store) == stale)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("a deleted index file is rebuilt from the store")
    func lostIndex() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try { () throws -> String in
            let store = try Self.store(dir)
            try store.indexPending()
            return store.path
        }()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + "-search" + suffix) }
        let reopened = try NoticeStore(path: path)
        #expect(try reopened.unindexedCount() == 5)
        #expect(try reopened.indexPending() == 5)
        #expect(try reopened.search(try SearchQuery("低保", folding: .simplified)).count > 0)
    }

    @Test("a store of schema v2 (index inside, text and evidence uncompressed) upgrades and is searchable")
    func upgrade() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        do {
            var config = Configuration()
            config.prepareDatabase { db in db.add(tokenizer: BigramTokenizer.self) }
            let old = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(old, upTo: "v2: search index page size")
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO document(sha256, file, bytes, encoding, script, title, kind, official, metadata, quality,
                            text_simplified, simhash, cluster, ingested_at, pipeline_version)
                        VALUES ('ab', 'old.txt', 10, 'UTF-8', 'simplified', '旧通知', 'notice', '{}', '{}', '{}',
                            '做好城乡低保工作', 0, 1, '2026-01-01T00:00:00Z', 'noticed-1')
                        """)
                try db.execute(
                    sql: """
                        INSERT INTO tag(document_id, tag, evidence)
                        VALUES (1, 'social-assistance', '[{"keyword":"低保","count":2},{"keyword":"城乡","count":1}]')
                        """)
            }
        }
        let store = try NoticeStore(path: path)
        #expect(try store.search(try SearchQuery("低保", folding: .simplified)).map(\.id) == [1])
        try store.indexPending()
        #expect(try store.search(try SearchQuery("低保", folding: .simplified)).map(\.id) == [1])
        let upgraded = try #require(try store.notice(reference: "1"))
        #expect(upgraded.notice.parsed.clean.simplified == "做好城乡低保工作")
        #expect(
            upgraded.notice.evidence["social-assistance"] == [
                KeywordCount(keyword: "低保", count: 2), KeywordCount(keyword: "城乡", count: 1),
            ])
        #expect(try store.integrityCheck() == "ok")
    }

    func temporaryDirectory() throws -> URL { try temporaryFolder("index") }
}
