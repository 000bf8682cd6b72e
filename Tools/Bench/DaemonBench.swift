import Daemon
import Dispatch
import Foundation
import Pipeline
import Store
import TestKit

/// The daemon's figures, on the real `noticed serve` binary: drain rate of a backlog against
/// `noticed ingest` on the same files, drop-to-log latency at a steady rate, and RSS while a
/// large backlog drains.
struct DaemonBench {
    let corpus: [RawNotice]
    let backlog: Int
    let rate: Int
    let seconds: Int
    var runs = 5
    var summary: Summary?
    /// Only the latency figure (no drain, no backlog).
    var latencyOnly = false

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-bench-daemon-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        defer { try? FileManager.default.removeItem(at: dir) }

        if !latencyOnly { try drain(dir) }
        try latency(dir)
        if !latencyOnly { try backlogRSS(dir) }
    }

    /// 1. Backlog drain vs noticed ingest, same files (the first 10,000 or fewer).
    func drain(_ dir: URL) throws {
        let drainFiles = min(10_000, corpus.count)
        let source = dir.appendingPathComponent("files")
        try write(Array(corpus.prefix(drainFiles)), to: source)
        var drains: [Double] = []
        var ingests: [Double] = []
        for run in 0..<runs {
            let spool = dir.appendingPathComponent("spool\(run)")
            try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: spool.appendingPathComponent("incoming"))
            let db = dir.appendingPathComponent("drain\(run).sqlite").path
            let t0 = Self.now()
            let daemon = try serve(spool: spool, db: db, log: dir.appendingPathComponent("drain\(run).log"))
            // Not the state file: it is written once a second, which rounded every drain up to
            // the next whole second after start (stops 9–12 reported drains ~10 % slow).
            try waitUntil(poll: 0.005) { incomingEmpty(spool) }
            drains.append(Double(drainFiles) / (Double(Self.now() - t0) / 1e9))
            daemon.terminate()
            daemon.waitUntilExit()
            ingests.append(
                try IngestRun.filesPerSecond(
                    source, files: drainFiles, db: dir.appendingPathComponent("ingest\(run).sqlite")))
        }
        let drain = Summary.Stat(drains)
        let ingest = Summary.Stat(ingests)
        print(
            String(
                format:
                    "daemon backlog drain of %d files (durable commits): %.0f files/s (median of %d; min %.0f, max %.0f) vs noticed ingest %.0f files/s = %.0f%%",
                drainFiles, drain.median, runs, drain.min, drain.max, ingest.median, 100 * drain.median / ingest.median)
        )
        summary?.add(
            "daemon backlog drain, \(drainFiles) files, durable", drains, unit: "files/s", format: "%.0f",
            baseline: ("noticed ingest, same files", ingests))
    }

    /// 2. Drop-to-log latency at a steady rate, `runs` times.
    func latency(_ dir: URL) throws {
        var p50s: [Double] = []
        var p99s: [Double] = []
        var all: [Double] = []
        for run in 0..<runs {
            let latencies = try latencyRun(dir: dir, run: run)
            p50s.append(latencies[latencies.count / 2])
            p99s.append(latencies[latencies.count * 99 / 100])
            all += latencies
        }
        all.sort()
        let p50 = Summary.Stat(p50s)
        let p99 = Summary.Stat(p99s)
        print(
            String(
                format:
                    "drop-to-log latency at %d files/s, %d runs of %d s: p50 %.1f ms [%.1f–%.1f], p99 %.1f ms [%.1f–%.1f], max %.1f ms (%d files)",
                rate, runs, seconds, p50.median, p50.min, p50.max, p99.median, p99.min, p99.max, all.last!, all.count))
        summary?.add("drop-to-log latency p50 at \(rate) files/s", p50s, unit: "ms")
        summary?.add("drop-to-log latency p99 at \(rate) files/s", p99s, unit: "ms")
    }

    /// 3. RSS while a large backlog drains.
    func backlogRSS(_ dir: URL) throws {
        if backlog > 0 {
            let big = dir.appendingPathComponent("big")
            try write(
                (0..<backlog).map { i in
                    RawNotice(file: "b\(i).txt", bytes: corpus[i % corpus.count].bytes + Array("\nNo. \(i)\n".utf8))
                }, to: big.appendingPathComponent("incoming"))
            let db = dir.appendingPathComponent("big.sqlite").path
            let t0 = Self.now()
            let daemon = try serve(spool: big, db: db, log: dir.appendingPathComponent("big.log"))
            var samples: [Int] = []
            try waitUntil(timeout: 3600) {
                if let rss = ProcessProbe.rss(daemon.processIdentifier) { samples.append(rss) }
                return StateFile(database: db).read()?.queued == 0 && incomingEmpty(big)
            }
            let elapsed = Double(Self.now() - t0) / 1e9
            daemon.terminate()
            daemon.waitUntilExit()
            let q = samples.count / 4
            print(
                String(
                    format:
                        "RSS during a %d-file backlog (%.0f s, %.0f files/s): start %.1f MiB, max %.1f MiB, end %.1f MiB; first-quarter mean %.1f, last-quarter mean %.1f MiB",
                    backlog, elapsed, Double(backlog) / elapsed, Double(samples.first ?? 0) / 1024,
                    Double(samples.max() ?? 0) / 1024, Double(samples.last ?? 0) / 1024,
                    Double(samples.prefix(max(q, 1)).reduce(0, +)) / Double(max(q, 1)) / 1024,
                    Double(samples.suffix(max(q, 1)).reduce(0, +)) / Double(max(q, 1)) / 1024))
            summary?.add("RSS max during a \(backlog)-file backlog", [Double(samples.max() ?? 0) / 1024], unit: "MiB")
            summary?.add(
                "RSS last-quarter mean − first-quarter mean",
                [
                    (Double(samples.suffix(max(q, 1)).reduce(0, +)) - Double(samples.prefix(max(q, 1)).reduce(0, +)))
                        / Double(max(q, 1)) / 1024
                ], unit: "MiB")
        }
    }

    /// One steady run: files renamed into incoming/ at `rate`, the daemon's `ingested` line read
    /// from its stderr as it is written; the sorted latencies in ms.
    func latencyRun(dir: URL, run: Int) throws -> [Double] {
        let spool = dir.appendingPathComponent("steady\(run)")
        try FileManager.default.createDirectory(
            at: spool.appendingPathComponent("incoming"), withIntermediateDirectories: true)
        let staging = dir.appendingPathComponent("staging\(run)")
        let count = rate * seconds
        try write(
            (0..<count).map { corpus[$0 % corpus.count] }.enumerated().map { i, raw in
                RawNotice(file: "s\(i).txt", bytes: raw.bytes + Array("\nNo. \(i)\n".utf8))
            }, to: staging)
        let pipe = Pipe()
        let daemon = try serve(spool: spool, db: dir.appendingPathComponent("steady\(run).sqlite").path, stderr: pipe)
        let seen = LineTimes()
        let reader = Thread {
            var pending = Data()
            let handle = pipe.fileHandleForReading
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                let at = Self.now()
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    if line.contains("NOTICE_EVENT=ready") { seen.markReady() }
                    if let range = line.range(of: "NOTICE_FILE=incoming/"), line.contains("NOTICE_EVENT=ingested") {
                        let name = line[range.upperBound...].prefix { $0 != " " }
                        seen.set(String(name), at)
                    }
                }
            }
        }
        reader.start()
        // Steady state: files start arriving once the daemon says it is ready (its start-up,
        // schema creation included, is not what this figure measures).
        try waitUntil(timeout: 60) { seen.isReady }
        var dropped: [String: UInt64] = [:]
        let start = Self.now()
        for i in 0..<count {
            let due = start + UInt64(i) * 1_000_000_000 / UInt64(rate)
            let now = Self.now()
            if due > now { usleep(UInt32((due - now) / 1000)) }
            let name = "s\(i).txt"
            dropped[name] = Self.now()
            try FileManager.default.moveItem(
                at: staging.appendingPathComponent(name), to: spool.appendingPathComponent("incoming/\(name)"))
        }
        try waitUntil { seen.count == count }
        daemon.terminate()
        daemon.waitUntilExit()
        return dropped.compactMap { name, at in seen.get(name).map { Double($0 - at) / 1e6 } }.sorted()
    }

    /// Whether `incoming/` holds nothing: files leave it only once committed (archived) or
    /// failed. Reads the folder only up to its first entry, so polling a folder of 10,000 files
    /// costs the daemon under test nothing.
    func incomingEmpty(_ spool: URL) -> Bool {
        guard let dir = opendir(spool.appendingPathComponent("incoming").path) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { return false }
        }
        return true
    }

    func write(_ raws: [RawNotice], to dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for raw in raws {
            guard
                FileManager.default.createFile(
                    atPath: dir.appendingPathComponent(raw.file).path, contents: Data(raw.bytes))
            else { throw StoreError("cannot write benchmark files under \(dir.path)") }
        }
    }

    func serve(spool: URL, db: String, log: URL? = nil, stderr: Pipe? = nil, passwordFile: String? = nil) throws
        -> Process
    {
        let process = Process()
        process.executableURL = IngestRun.binary
        process.arguments =
            [
                "serve", "--spool", spool.path, "--db", db, "--log-target", "stderr", "--settle-delay", "0.2",
            ] + (passwordFile.map { ["--password-file", $0] } ?? [])
        if let log {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: log)
        } else {
            process.standardError = stderr
        }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func waitUntil(timeout: Double = 600, poll: Double = 0.05, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(UInt32(poll * 1e6))
        }
        throw StoreError("benchmark: timed out")
    }
}

/// When each file's log line was read.
final class LineTimes: @unchecked Sendable {
    private var times: [String: UInt64] = [:]
    private var ready = false
    private let lock = NSLock()
    func markReady() { lock.withLock { ready = true } }
    var isReady: Bool { lock.withLock { ready } }
    func set(_ name: String, _ at: UInt64) { lock.withLock { times[name] = at } }
    func get(_ name: String) -> UInt64? { lock.withLock { times[name] } }
    var count: Int { lock.withLock { times.count } }
}
