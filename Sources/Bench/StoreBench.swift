import Corpus
import Dispatch
import Foundation
import Harness
import Pipeline

/// The store's figures: durable write throughput, `noticed ingest` end to end against the
/// pipeline's own rate, search latency on a large store, and bytes on disk per document.
struct StoreBench {
    let sources: [[String]]
    let documents: Int
    let ingestFiles: Int
    let batch: Int

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

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
        for start in stride(from: 0, to: raws.count, by: 4096) {
            let chunk = Array(raws[start..<min(start + 4096, raws.count)])
            let t0 = Self.now()
            let slots = Slots<Arrival>(count: chunk.count)
            DispatchQueue.concurrentPerform(iterations: chunk.count) { i in
                if let n = try? pipeline.process(chunk[i]) {
                    slots.set(i, Arrival(notice: n, original: chunk[i].bytes, collection: "bench"))
                }
            }
            let arrivals = slots.values
            let t1 = Self.now()
            for b in stride(from: 0, to: arrivals.count, by: batch) {
                _ = try store.persist(Array(arrivals[b..<min(b + batch, arrivals.count)]))
            }
            pipelineNs += t1 - t0
            persistNs += Self.now() - t1
        }
        let stored = try store.count()
        let size = try store.size()
        print(
            String(
                format:
                    "store writes: %d documents in batches of %d, durable commits: %.0f documents/s (pipeline excluded; %.1f s)",
                stored, batch, Double(stored) / (Double(persistNs) / 1e9), Double(persistNs) / 1e9))
        print(
            String(
                format: "pipeline on %d cores for the same notices: %.0f notices/s",
                ProcessInfo.processInfo.activeProcessorCount,
                Double(raws.count) / (Double(pipelineNs) / 1e9)))
        print(
            String(
                format:
                    "size: raw input %.1f MB; store %.1f MB = %.2f× raw (%.0f bytes/document); without originals %.1f MB = %.2f× (%.0f bytes/document)",
                Double(rawBytes) / 1e6, Double(size.file) / 1e6, Double(size.file) / Double(rawBytes),
                Double(size.file) / Double(stored), Double(size.file - size.originals) / 1e6,
                Double(size.file - size.originals) / Double(rawBytes),
                Double(size.file - size.originals) / Double(stored)))

        // 2. Search latency on that store.
        let queries = [
            "养老", "低保", "一老一小", "疫情 AND 婚姻登记", "\"社会救助\"", "殡葬 OR 遗体", "养", "救", "養老服務",
            "督查 NOT 暗访", "困难群众基本生活保障", "(养老 OR 儿童) AND 疫苗", "李纪恒", "社区防控", "福利彩票", "新冠肺炎",
        ]
        var latencies: [Double] = []
        var perQuery: [String: [Double]] = [:]
        var matches: [String: Int] = [:]
        for round in 0..<20 {
            for q in queries {
                let query = try SearchQuery(q)
                let t0 = Self.now()
                _ = try store.search(query, limit: 20)
                let ms = Double(Self.now() - t0) / 1e6
                if round > 0 {
                    latencies.append(ms)
                    perQuery[q, default: []].append(ms)
                } else {
                    matches[q] = try store.search(query, limit: 1_000_000).count
                }
            }
        }
        let slowest = perQuery.map { ($0.key, $0.value.sorted()[$0.value.count / 2]) }.sorted { $0.1 > $1.1 }
        print(
            "search medians, slowest first: "
                + slowest.map { String(format: "%@ %.1f ms (%d hits)", $0.0, $0.1, matches[$0.0] ?? 0) }.joined(
                    separator: "; "))
        latencies.sort()
        print(
            String(
                format: "search on %d documents (%d queries, limit 20): p50 %.2f ms, p95 %.2f ms, max %.2f ms", stored,
                latencies.count, latencies[latencies.count / 2], latencies[latencies.count * 95 / 100], latencies.last!)
        )

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
        for run in 0..<3 {
            let t0 = Self.now()
            DispatchQueue.concurrentPerform(iterations: files.count) { i in _ = try? pipeline.process(files[i]) }
            pipelineRates.append(Double(files.count) / (Double(Self.now() - t0) / 1e9))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("noticed")
            process.arguments = ["ingest", drop.path, "--db", dir.appendingPathComponent("ingest-\(run).sqlite").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let t1 = Self.now()
            try process.run()
            process.waitUntilExit()
            ingestRates.append(Double(files.count) / (Double(Self.now() - t1) / 1e9))
        }
        pipelineRates.sort()
        ingestRates.sort()
        print(
            String(
                format:
                    "noticed ingest of %d files: %.0f files/s (median of 3; min %.0f, max %.0f) vs pipeline alone %.0f files/s = %.0f%%",
                files.count, ingestRates[1], ingestRates[0], ingestRates[2], pipelineRates[1],
                100 * ingestRates[1] / pipelineRates[1]))
    }
}
