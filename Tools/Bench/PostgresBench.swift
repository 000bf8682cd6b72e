import Backends
import Dispatch
import Foundation
import Pipeline
import Store
import TestKit

/// The PostgreSQL figures of issue 18, on the real `noticed serve` binary and the private server
/// `scripts/with-postgres.sh` starts (fsync on, `synchronous_commit` on, a Unix socket):
///
/// - the drain rate of a backlog for one daemon on SQLite, one daemon on PostgreSQL and three
///   daemons (three spools, a third of the files each) on one PostgreSQL database, each run on
///   a fresh store, medians of `runs`, the PostgreSQL figures as ratios to SQLite's;
/// - search p50/p95 on `documents` notices stored in both backends (the same notices, the same
///   queries as the SQLite store's own figure).
struct PostgresBench {
    let corpus: [RawNotice]
    let documents: [RawNotice]
    var runs = 3
    var summary: Summary?
    let daemons: DaemonBench

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func run() throws {
        guard let url = PostgresTestServer.url, let password = PostgresTestServer.passwordFile else {
            print(
                "PostgreSQL figures skipped: no server (make bench runs the benchmark through scripts/with-postgres.sh)"
            )
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-bench-pg-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        print("PostgreSQL: \(url.replacingOccurrences(of: "%2F", with: "/")) (fsync on, synchronous_commit on)")
        if !corpus.isEmpty { try drain(dir, password: password) }
        if !documents.isEmpty { try search(dir) }
    }

    /// Drain rates: `corpus` dropped as a backlog, timed from the daemons' start until every
    /// `incoming/` is empty (each file gone only after its commit), the store counted after.
    func drain(_ dir: URL, password: String) throws {
        let source = dir.appendingPathComponent("files")
        try daemons.write(corpus, to: source)
        var rates: [String: [Double]] = [:]
        let setups: [(label: String, daemons: Int, postgres: Bool)] = [
            ("1 daemon, SQLite", 1, false), ("1 daemon, PostgreSQL", 1, true), ("3 daemons, PostgreSQL", 3, true),
        ]
        for run in 0..<runs {
            for setup in setups {
                let db =
                    setup.postgres
                    ? try PostgresTestServer.database("bench")
                    : dir.appendingPathComponent("drain\(run).sqlite").path
                var spools: [URL] = []
                for d in 0..<setup.daemons {
                    let spool = dir.appendingPathComponent("spool-\(run)-\(setup.daemons)-\(setup.postgres)-\(d)")
                    let incoming = spool.appendingPathComponent("incoming")
                    try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
                    for (i, raw) in corpus.enumerated() where i % setup.daemons == d {
                        try FileManager.default.copyItem(
                            at: source.appendingPathComponent(raw.file), to: incoming.appendingPathComponent(raw.file))
                    }
                    spools.append(spool)
                }
                let t0 = Self.now()
                let processes = try spools.map { spool in
                    try daemons.serve(
                        spool: spool, db: db, log: spool.appendingPathComponent("log"),
                        passwordFile: setup.postgres ? password : nil)
                }
                try daemons.waitUntil(poll: 0.005) { spools.allSatisfy { daemons.incomingEmpty($0) } }
                let seconds = Double(Self.now() - t0) / 1e9
                for p in processes {
                    p.terminate()
                    p.waitUntilExit()
                }
                let stored = try StoreOpener.open(db, passwordFile: password, readOnly: true).count()
                guard stored == corpus.count else {
                    throw StoreError("benchmark: \(setup.label) stored \(stored) of \(corpus.count) files")
                }
                rates[setup.label, default: []].append(Double(corpus.count) / seconds)
                if setup.postgres, let name = db.split(separator: "/").last {
                    try PostgresTestServer.sql(PostgresTestServer.url!, "DROP DATABASE \(name)")
                }
            }
        }
        let sqlite = rates[setups[0].label]!
        for setup in setups {
            let stat = Summary.Stat(rates[setup.label]!)
            print(
                "drain of \(corpus.count) files, \(setup.label): "
                    + String(
                        format: "%.0f files/s (median of %d; min %.0f, max %.0f) = %.2fx SQLite", stat.median, runs,
                        stat.min, stat.max, stat.median / Summary.Stat(sqlite).median))
            summary?.add(
                "daemon drain, \(corpus.count) files, \(setup.label)", rates[setup.label]!, unit: "files/s",
                format: "%.0f", baseline: setup.postgres ? ("1 daemon on SQLite, same run", sqlite) : nil)
        }
    }

    /// Search latency on `documents` notices in both backends: processed once, stored in each
    /// (batches of 1024 in one transaction each), the SQLite index filled, then the same queries.
    func search(_ dir: URL) throws {
        print("search: processing \(documents.count) notices for both stores…")
        let arrivals = StoreBench.arrivals(documents, pipeline: NoticePipeline())
        let sqlite = try NoticeStore(path: dir.appendingPathComponent("search.sqlite").path)
        let postgres = try StoreOpener.open(
            try PostgresTestServer.database("search"), passwordFile: PostgresTestServer.passwordFile)
        for (label, store) in [("SQLite", sqlite as any NoticeStoring), ("PostgreSQL", postgres)] {
            let t0 = Self.now()
            for b in stride(from: 0, to: arrivals.count, by: 1024) {
                _ = try store.persist(Array(arrivals[b..<min(b + 1024, arrivals.count)]))
            }
            try store.indexPending()
            let seconds = Double(Self.now() - t0) / 1e9
            print(
                "\(label): "
                    + String(
                        format: "%d documents stored and indexed in %.1f s = %.0f documents/s", arrivals.count, seconds,
                        Double(arrivals.count) / seconds))
        }
        var bench = StoreBench(sources: [], documents: 0, ingestFiles: 0, batch: 1024, runs: runs)
        bench.summary = summary
        try bench.searchLatency(sqlite, label: ", SQLite")
        try bench.searchLatency(postgres, label: ", PostgreSQL")
    }
}
