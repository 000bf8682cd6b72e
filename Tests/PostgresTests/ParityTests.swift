import Foundation
import TestKit
import Testing

@testable import Pipeline
@testable import PostgresStore
@testable import Store

/// The same corpus and the same queries against SQLite and PostgreSQL: the same documents come
/// back, the same hits, ranked alike.
@Suite("PostgreSQL parity", .enabled(if: TestServer.available))
struct ParityTests {
    /// The real fixtures (seeds, real, held-out: every format) and 150 generated notices.
    static func corpus() throws -> [Arrival] {
        let pipeline = NoticePipeline()
        var raws: [RawNotice] = []
        for folder in ["seeds", "real", "heldout"] {
            let root = Fixtures.directory.appendingPathComponent(folder)
            let files =
                FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath && $0.pathExtension != "md" }
                .sorted { $0.path < $1.path } ?? []
            for url in files {
                raws.append(RawNotice(file: url.lastPathComponent, bytes: [UInt8](try Data(contentsOf: url))))
            }
        }
        raws += try NoticeCorpus().generate(150, seed: 18)
        return raws.compactMap { raw in
            (try? pipeline.process(raw)).map { Arrival.prepare($0, original: raw.bytes, collection: "parity") }
        }
    }

    static let queries = [
        "养老", "社会救助", "民政 NOT 疫情", "婚姻 OR 殡葬", "养", "“最低生活保障”", "儿童 福利", "疫情防控 AND 养老",
        "低保 OR 特困", "社会组织", "殯葬", "(养老 OR 儿童) NOT 会议", "残疾人", "2021", "民政局",
    ]

    @Test("exports, stats and search hits agree between SQLite and PostgreSQL")
    func parity() throws {
        let arrivals = try Self.corpus()
        #expect(arrivals.count > 200)
        let dir = try temporaryFolder("parity")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sqlite = try NoticeStore(path: dir.appendingPathComponent("s.sqlite").path)
        let postgres = try TestServer.store("parity")
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        for start in stride(from: 0, to: arrivals.count, by: 64) {
            let batch = Array(arrivals[start..<min(start + 64, arrivals.count)])
            #expect(try sqlite.persist(batch, at: date) == postgres.persist(batch, at: date))
        }
        try sqlite.indexPending()

        // Every document reads back the same (the export objects, as JSON).
        var exported: [String: String] = [:]
        try sqlite.eachNotice { exported[$0.notice.parsed.clean.sha256] = $0.json.serialized() }
        var compared = 0
        try postgres.eachNotice { stored in
            #expect(exported[stored.notice.parsed.clean.sha256] == stored.json.serialized(), "\(stored.id)")
            compared += 1
        }
        #expect(compared == exported.count)

        let (a, b) = (try sqlite.stats(), try postgres.stats())
        #expect(a.documents == b.documents)
        #expect(a.clusters == b.clusters)
        #expect(a.multiDocumentClusters == b.multiDocumentClusters)
        #expect(a.byTag.map { "\($0.0)=\($0.1)" } == b.byTag.map { "\($0.0)=\($0.1)" })
        #expect(a.byAgency.map { "\($0.0)=\($0.1)" } == b.byAgency.map { "\($0.0)=\($0.1)" })
        #expect(a.byMonth.map { "\($0.0)=\($0.1)" } == b.byMonth.map { "\($0.0)=\($0.1)" })

        var topAgree = 0
        for q in Self.queries {
            let query = try SearchQuery(q, folding: NoticePipeline().cleaner.converter)
            let all = (try sqlite.search(query, limit: 10_000), try postgres.search(query, limit: 10_000))
            #expect(Set(all.0.map(\.id)) == Set(all.1.map(\.id)), "hit sets differ for \(q)")
            #expect(!all.0.isEmpty || q == "no such", "\(q) finds nothing")
            let (top0, top1) = (all.0.prefix(5).map(\.id), all.1.prefix(5).map(\.id))
            if top0 == top1 { topAgree += 1 }
            #expect(Set(top0).intersection(top1).count >= min(top0.count, 4), "top 5 for \(q): \(top0) vs \(top1)")
            for filters in [
                SearchFilters(tag: "elderly-care"), SearchFilters(agency: "民政厅"), SearchFilters(since: "2020"),
            ] {
                let f = (
                    try sqlite.search(query, filters: filters, limit: 10_000),
                    try postgres.search(query, filters: filters, limit: 10_000)
                )
                #expect(Set(f.0.map(\.id)) == Set(f.1.map(\.id)), "\(q) with \(filters)")
            }
        }
        print(
            "parity: \(arrivals.count) documents, \(Self.queries.count) queries, top 5 in the same order for \(topAgree)"
        )
        #expect(topAgree >= Self.queries.count - 2)
        try browsingParity(sqlite, postgres)
    }

    /// `noticed web`'s answers: totals, facets and the timeline equal; the same matches for
    /// feeds and exports; the first page's top results agree; browsing without a query lists
    /// the same documents in the same order.
    func browsingParity(_ sqlite: NoticeStore, _ postgres: PostgresStore) throws {
        func counts(_ page: ResultPage) -> String {
            page.facets.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.map { "\($0.value)=\($0.count)" })" }
                .joined(separator: "; ") + " | "
                + page.timeline.map { "\($0.value)=\($0.count)" }.joined(separator: ",")
        }
        let filterSets = [
            SearchFilters(), SearchFilters(tag: "elderly-care"), SearchFilters(agency: "民政厅", since: "2020"),
            SearchFilters(regionCode: "440000"), SearchFilters(until: "2021-06-30", kind: "notice"),
        ]
        var pages = 0
        for q in [nil] + Self.queries {
            let query = try q.map { try SearchQuery($0, folding: NoticePipeline().cleaner.converter) }
            for filters in filterSets {
                let a = try sqlite.browse(query, filters: filters, offset: 0, limit: 10)
                let b = try postgres.browse(query, filters: filters, offset: 0, limit: 10)
                let label = "\(q ?? "(all)") with \(filters)"
                #expect(a.total == b.total, "\(label)")
                #expect(counts(a) == counts(b), "\(label)")
                if query == nil {
                    #expect(a.hits.map { $0.id } == b.hits.map { $0.id }, "\(label)")
                } else {
                    let top0 = a.hits.prefix(5).map { $0.id }
                    let top1 = b.hits.prefix(5).map { $0.id }
                    #expect(Set(top0).intersection(top1).count >= min(top0.count, 4), "\(label): \(top0) vs \(top1)")
                }
                let second = (
                    try sqlite.browse(query, filters: filters, offset: 10, limit: 10),
                    try postgres.browse(query, filters: filters, offset: 10, limit: 10)
                )
                #expect(second.0.hits.count == second.1.hits.count, "\(label), page 2")
                let m = (
                    try sqlite.matchingIDs(query, filters: filters, cap: 50),
                    try postgres.matchingIDs(query, filters: filters, cap: 50)
                )
                #expect(m.0.total == m.1.total && m.0.ids == m.1.ids, "\(label): matching ids")
                if a.total > 0 { pages += 1 }
            }
        }
        #expect(pages >= 40)
        let newest = try sqlite.recentIngests(limit: 20).map(\.id)
        #expect(newest == (try postgres.recentIngests(limit: 20).map(\.id)))
        #expect(try sqlite.recentFailures(limit: 50) == postgres.recentFailures(limit: 50))
        let id = try #require(newest.first)
        let cluster = try #require(try postgres.notice(reference: String(id))).cluster
        #expect(
            try sqlite.clusterMembers(try #require(try sqlite.notice(reference: String(id))).cluster, except: id).map(
                \.file) == postgres.clusterMembers(cluster, except: id).map(\.file))
    }
}
