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
    }
}
