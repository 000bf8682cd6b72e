import Corpus
import Foundation
import TestKit
import Testing

@testable import Pipeline
@testable import PostgresStore
@testable import Store

/// Several writers on one database, as several hosts are: each input stored once, clusters as
/// one writer makes them, and the faults a network brings.
@Suite("PostgreSQL writers", .enabled(if: TestServer.available))
struct ConcurrencyTests {
    static func arrivals(_ raws: [RawNotice]) throws -> [Arrival] {
        let pipeline = NoticePipeline()
        return try raws.map { Arrival.prepare(try pipeline.process($0), original: $0.bytes, collection: nil) }
    }

    /// Runs `bodies` at once on threads of their own; rethrows the first error.
    static func concurrently(_ bodies: [@Sendable () throws -> Void]) throws {
        let errors = Slots<String>(count: bodies.count)
        DispatchQueue.concurrentPerform(iterations: bodies.count) { i in
            do { try bodies[i]() } catch { errors.set(i, "\(error)") }
        }
        let failed = errors.values
        #expect(failed.isEmpty, "\(failed)")
    }

    @Test("two writers taking the same files at once: each stored once, the other a duplicate sighting")
    func sameFilesAtOnce() throws {
        let url = try TestServer.database("dedup")
        let all = try Self.arrivals(NoticeCorpus().generate(90, seed: 5))
        // Three writers, overlapping thirds, in batches of 10, all at once.
        let shares = [Array(all[0..<60]), Array(all[30..<90]), Array(all[0..<30]) + Array(all[60..<90])]
        let stores = try shares.indices.map { _ in try TestServer.store("dedup", url: url) }
        let outcomes = Slots<[PersistOutcome]>(count: 3)
        try Self.concurrently(
            shares.indices.map { w in
                { @Sendable in
                    var mine: [PersistOutcome] = []
                    for start in stride(from: 0, to: shares[w].count, by: 10) {
                        mine += try stores[w].persist(Array(shares[w][start..<min(start + 10, shares[w].count)]))
                    }
                    outcomes.set(w, mine)
                }
            })
        let flat = outcomes.values.flatMap { $0 }
        let unique = Set(all.map(\.notice.parsed.clean.sha256)).count
        #expect(flat.count == 180)
        #expect(flat.filter { if case .stored = $0 { true } else { false } }.count == unique)
        let digests = try stores[0].storedDigests()
        #expect(digests.count == unique)
        #expect(digests.values.allSatisfy { $0 == 1 })
        let counts = try stores[0].tableCounts()
        #expect(
            counts["duplicate"]! + counts["document"]! == 180
                - flat.filter { if case .retaken = $0 { true } else { false } }.count)
    }

    @Test("two damaged copies of each notice taken by two writers at once end in one cluster, as with one writer")
    func clustersAcrossWriters() throws {
        let generator = try #require(DamageGenerator())
        let documents = Fixtures.cleanDocuments()
        var first: [RawNotice] = []
        var second: [RawNotice] = []
        for (d, lines) in documents.enumerated() {
            for copy in 0..<6 {
                let sample = generator.damage(lines, name: "d\(d)-c\(copy).txt", seed: UInt64(d * 100 + copy))
                let raw = RawNotice(file: "d\(d)-c\(copy).txt", bytes: sample.bytes)
                if copy % 2 == 0 { first.append(raw) } else { second.append(raw) }
            }
        }
        let (a, b) = (try Self.arrivals(first), try Self.arrivals(second))
        // One writer: the reference clustering.
        let single = try TestServer.store("cluster1")
        for arrival in zip(a, b).flatMap({ [$0, $1] }) { _ = try single.persist([arrival]) }
        // Two writers at once, one copy each, a document per transaction.
        let url = try TestServer.database("cluster2")
        let stores = [try TestServer.store("c", url: url), try TestServer.store("c", url: url)]
        try Self.concurrently(
            [a, b].indices.map { w in
                { @Sendable in for arrival in [a, b][w] { _ = try stores[w].persist([arrival]) } }
            })
        func groups(_ store: PostgresStore) throws -> Set<Set<String>> {
            var byCluster: [Int64: Set<String>] = [:]
            try store.eachNotice { byCluster[$0.cluster, default: []].insert($0.notice.parsed.clean.sha256) }
            return Set(byCluster.values)
        }
        let reference = try groups(single)
        #expect(reference.count == documents.count, "each notice's copies in one cluster")
        #expect(try groups(stores[0]) == reference)
    }

    @Test("a database written by a newer noticed is refused")
    func newerSchema() throws {
        let url = try TestServer.database("newer")
        _ = try TestServer.store("newer", url: url)
        try TestServer.sql(url, "INSERT INTO noticed_migration(name) VALUES ('v99: from the future')")
        #expect {
            try TestServer.store("newer", url: url)
        } throws: { error in
            (error as? StoreError)?.message.contains("newer noticed") == true
        }
    }

    @Test("a lost connection is a transient error, and the next call connects again")
    func reconnects() throws {
        let url = try TestServer.database("lost")
        let store = try TestServer.store("lost", url: url)
        let batch = try Self.arrivals(NoticeCorpus().generate(4, seed: 9))
        _ = try store.persist(Array(batch.prefix(2)))
        // Kill the store's backend from another session, as a server restart would.
        try TestServer.sql(
            url,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'noticed' AND datname = current_database()"
        )
        var lost: StoreError?
        do { _ = try store.persist(Array(batch.suffix(2))) } catch { lost = error }
        if let lost {
            #expect(lost.isTransient, "\(lost)")
            #expect(lost.message.contains("unreachable"), "\(lost)")
        }
        // Whether the first call noticed or not, the batch is stored exactly once after a retry.
        _ = try store.persist(Array(batch.suffix(2)))
        #expect(try store.count() == 4)
    }

    @Test("the password stays out of URLs and error messages")
    func password() throws {
        let base = try #require(TestServer.url)
        #expect {
            try PostgresLocation(url: base.replacingOccurrences(of: "noticed@", with: "noticed:secret@"))
        } throws: { error in
            let message = (error as? StoreError)?.message ?? ""
            return message.contains("password") && !message.contains("secret")
        }
        let dir = try temporaryFolder("pw")
        defer { try? FileManager.default.removeItem(at: dir) }
        let wrong = dir.appendingPathComponent("wrong").path
        try "not-the-password-4711\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        #expect {
            try PostgresStore(url: base, passwordFile: wrong)
        } throws: { error in
            let message = "\(error)"
            return !message.contains("4711") && message.contains("login")
        }
    }
}
