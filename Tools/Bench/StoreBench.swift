import Corpus
import Dispatch
import Foundation
import Pipeline
import Store
import TestKit

/// The store's figures: durable write throughput, `noticed ingest` end to end against the
/// pipeline's own rate, search latency on a large store, and bytes on disk per document.
struct StoreBench {
    let sources: [[String]]
    let documents: Int
    let ingestFiles: Int
    let batch: Int
    var runs = 5
    var summary: Summary?

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// `raws` through the pipeline on every core, ready to store (a notice that fails is left out).
    static func arrivals(_ raws: [RawNotice], pipeline: NoticePipeline) -> [Arrival] {
        let slots = Slots<Arrival>(count: raws.count)
        DispatchQueue.concurrentPerform(iterations: raws.count) { i in
            if let n = try? pipeline.process(raws[i]) {
                slots.set(i, Arrival.prepare(n, original: raws[i].bytes, collection: "bench"))
            }
        }
        return slots.values
    }

    /// Distinct, varied notices (see `NoticeCorpus`).
    func corpus(_ count: Int, seed: UInt64) -> [RawNotice] {
        NoticeCorpus(sources: sources).generate(count, seed: seed)
    }

    func run() throws {
        let pipeline = NoticePipeline()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-bench-store-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        // 1. Durable write throughput and size, on `documents` notices.
        print("store: generating \(documents) notices…")
        let raws = corpus(documents, seed: 1)
        let rawBytes = raws.reduce(0) { $0 + $1.bytes.count }
        let store = try NoticeStore(path: dir.appendingPathComponent("store.sqlite").path)
        var pipelineNs: UInt64 = 0
        var persistNs: UInt64 = 0
        // One durable-write figure per slice of documents/runs, so the write rate has runs too.
        let slice = max(1, (raws.count + runs - 1) / runs)
        var sliceNs = [UInt64](repeating: 0, count: runs + 1)
        var sliceDocs = [Int](repeating: 0, count: runs + 1)
        var persistWritten = 0
        for start in stride(from: 0, to: raws.count, by: 4096) {
            let chunk = Array(raws[start..<min(start + 4096, raws.count)])
            let t0 = Self.now()
            let arrivals = Self.arrivals(chunk, pipeline: pipeline)
            let t1 = Self.now()
            for b in stride(from: 0, to: arrivals.count, by: batch) {
                let tb = Self.now()
                let part = Array(arrivals[b..<min(b + batch, arrivals.count)])
                let written = ProcessProbe.bytesWritten(getpid()) ?? 0
                _ = try store.persist(part)
                persistWritten += (ProcessProbe.bytesWritten(getpid()) ?? 0) - written
                let which = min((start + b) / slice, runs)
                sliceNs[which] += Self.now() - tb
                sliceDocs[which] += part.count
            }
            pipelineNs += t1 - t0
            persistNs += Self.now() - t1
        }
        let sliceRates = zip(sliceDocs, sliceNs).filter { $0.0 > 0 }.map { Double($0.0) / (Double($0.1) / 1e9) }
        print(
            "store writes per slice of \(slice), in order: "
                + sliceRates.map { String(format: "%.0f", $0) }.joined(separator: ", ") + " documents/s")
        // The search index, filled after the commits as `noticed ingest` does (transactions
        // of `NoticeStore.indexBatch`), timed apart: commits never wait for it.
        let indexStart = Self.now()
        let indexed = try store.indexPending()
        let indexSeconds = Double(Self.now() - indexStart) / 1e9
        print(
            String(
                format: "search index filled after the commits: %d documents in %.1f s = %.0f documents/s (one core)",
                indexed, indexSeconds, Double(indexed) / indexSeconds))
        let floor = try sqliteBaseline(Array(raws.prefix(slice)), in: dir)
        let stored = try store.count()
        let size = try store.size()
        print(
            String(
                format:
                    "store writes: %d documents in batches of %d, durable commits: %.0f documents/s (pipeline excluded; %.1f s; %.0f KB written per document, WAL and checkpoints)",
                stored, batch, Double(stored) / (Double(persistNs) / 1e9), Double(persistNs) / 1e9,
                Double(persistWritten) / Double(stored) / 1e3))
        print(
            String(
                format: "pipeline on %d cores for the same notices: %.0f notices/s",
                ProcessInfo.processInfo.activeProcessorCount,
                Double(raws.count) / (Double(pipelineNs) / 1e9)))
        print(
            String(
                format:
                    "size: raw input %.1f MB; store with its search index %.1f MB = %.2f× raw (%.0f bytes/document; index %.1f MB); without originals %.1f MB = %.2f× (%.0f bytes/document)",
                Double(rawBytes) / 1e6, Double(size.file) / 1e6, Double(size.file) / Double(rawBytes),
                Double(size.file) / Double(stored), Double(size.index) / 1e6, Double(size.file - size.originals) / 1e6,
                Double(size.file - size.originals) / Double(rawBytes),
                Double(size.file - size.originals) / Double(stored)))

        summary?.add(
            "store durable writes (batches of \(batch), sync=FULL), per \(slice) docs", sliceRates,
            unit: "docs/s", format: "%.0f", baseline: ("sqlite3 CLI, same texts, 1 transaction", floor))
        summary?.add(
            "search index fill after the commits (\(indexed) docs)", [Double(indexed) / indexSeconds], unit: "docs/s",
            format: "%.0f")
        summary?.add(
            "store size over raw input (\(stored) docs)", [Double(size.file) / Double(rawBytes)], unit: "×",
            format: "%.2f")

        // 2. Search latency on that store, opened read-only as `noticed search` opens it; then
        // the web server over it under 16 concurrent clients.
        try searchLatency(NoticeStore(path: store.path, readOnly: true))
        try WebBench(database: store.path, runs: min(runs, 3), summary: summary).run()

        // 3. `noticed ingest` end to end against the pipeline's own rate on the same files.
        let files = Array(raws.prefix(ingestFiles))
        let drop = dir.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        for raw in files {
            guard
                FileManager.default.createFile(
                    atPath: drop.appendingPathComponent(raw.file).path, contents: Data(raw.bytes))
            else {
                throw StoreError("cannot write the benchmark files under \(drop.path)")
            }
        }
        var pipelineRates: [Double] = []
        var ingestRates: [Double] = []
        for run in 0..<runs {
            let t0 = Self.now()
            DispatchQueue.concurrentPerform(iterations: files.count) { i in _ = try? pipeline.process(files[i]) }
            pipelineRates.append(Double(files.count) / (Double(Self.now() - t0) / 1e9))
            ingestRates.append(
                try IngestRun.filesPerSecond(
                    drop, files: files.count, db: dir.appendingPathComponent("ingest-\(run).sqlite")))
        }
        summary?.add(
            "noticed ingest of \(files.count) files, all cores", ingestRates, unit: "files/s", format: "%.0f",
            baseline: ("pipeline alone, no store", pipelineRates))
        let ingest = Summary.Stat(ingestRates)
        let alone = Summary.Stat(pipelineRates)
        print(
            String(
                format:
                    "noticed ingest of %d files: %.0f files/s (median of %d; min %.0f, max %.0f) vs pipeline alone %.0f files/s = %.0f%%",
                files.count, ingest.median, runs, ingest.min, ingest.max, alone.median,
                100 * ingest.median / alone.median))
    }

    /// Search latency on `store`: every query of a fixed set, `1 + 4 × runs` rounds (the first
    /// counts the hits and is not timed), p50 and p95 per run of four rounds.
    func searchLatency(_ store: any NoticeStoring, label: String = "") throws {
        let stored = try store.count()
        let queries = [
            "养老", "低保", "一老一小", "疫情 AND 婚姻登记", "\"社会救助\"", "殡葬 OR 遗体", "养", "救", "養老服務",
            "督查 NOT 暗访", "困难群众基本生活保障", "(养老 OR 儿童) AND 疫苗", "李纪恒", "社区防控", "福利彩票", "新冠肺炎",
        ]
        var latencies: [Double] = []
        var perQuery: [String: [Double]] = [:]
        var matches: [String: Int] = [:]
        var runP50: [Double] = []
        var runP95: [Double] = []
        for round in 0..<(1 + 4 * runs) {
            for q in queries {
                let query = try SearchQuery(q, folding: .simplified)
                let t0 = Self.now()
                _ = try store.search(query, filters: SearchFilters(), limit: 20)
                let ms = Double(Self.now() - t0) / 1e6
                if round > 0 {
                    latencies.append(ms)
                    perQuery[q, default: []].append(ms)
                } else {
                    matches[q] = try store.search(query, filters: SearchFilters(), limit: 1_000_000).count
                }
            }
        }
        let slowest = perQuery.map { ($0.key, $0.value.sorted()[$0.value.count / 2]) }.sorted { $0.1 > $1.1 }
        print(
            "search medians, slowest first: "
                + slowest.map { String(format: "%@ %.1f ms (%d hits ranked)", $0.0, $0.1, matches[$0.0] ?? 0) }.joined(
                    separator: "; "))
        // Each run: four rounds of every query (round 0, counting the hits, is not timed).
        for run in 0..<runs {
            let group = latencies[(run * 4 * queries.count)..<((run + 1) * 4 * queries.count)].sorted()
            runP50.append(group[group.count / 2])
            runP95.append(group[group.count * 95 / 100])
        }
        summary?.add("search p50 on \(stored) docs\(label) (limit 20)", runP50, unit: "ms", format: "%.2f")
        summary?.add("search p95 on \(stored) docs\(label) (limit 20)", runP95, unit: "ms", format: "%.2f")
        latencies.sort()
        print(
            "search on \(stored) documents\(label)"
                + String(
                    format: " (%d queries, limit 20): p50 %.2f ms, p95 %.2f ms, max %.2f ms", latencies.count,
                    latencies[latencies.count / 2], latencies[latencies.count * 95 / 100], latencies.last!)
        )

    }

    /// The store's floor: the `sqlite3` command line inserting the same texts into a plain table
    /// in one transaction (no index, no full-text), `runs` times; documents/s.
    func sqliteBaseline(_ raws: [RawNotice], in dir: URL) throws -> [Double] {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { return [] }
        var sql = "BEGIN;\nCREATE TABLE document(file TEXT, text TEXT);\n"
        for raw in raws {
            let text = String(decoding: raw.bytes, as: UTF8.self).replacingOccurrences(of: "'", with: "''")
            sql += "INSERT INTO document VALUES('\(raw.file)', '\(text)');\n"
        }
        sql += "COMMIT;\n"
        let script = dir.appendingPathComponent("baseline.sql")
        try sql.write(to: script, atomically: false, encoding: .utf8)
        var rates: [Double] = []
        for run in 0..<runs {
            let db = dir.appendingPathComponent("baseline-\(run).sqlite")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            p.arguments = [db.path]
            p.standardInput = try FileHandle(forReadingFrom: script)
            p.standardOutput = FileHandle.nullDevice
            let t0 = Self.now()
            try p.run()
            p.waitUntilExit()
            rates.append(Double(raws.count) / (Double(Self.now() - t0) / 1e9))
            try? FileManager.default.removeItem(at: db)
        }
        return rates
    }
}
