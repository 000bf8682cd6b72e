import ArgumentParser
import Corpus
import Daemon
import Foundation
import Pipeline
import Store
import TestKit

/// `make crashtest`: SIGKILL the daemon at random moments while it takes a spool full of
/// files, restart it, and show that every file dropped is stored once or in `failed/`.
struct CrashTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash", abstract: "Kill the daemon at random moments; count lost and doubled files.")

    @Option(help: "Kill-and-restart cycles.") var cycles = 50
    @Option(help: "Files dropped in all (spread over the cycles; 1 in 50 is binary and must fail).") var files = 2000
    @Option(help: "Random seed (the same seed gives the same files and kill moments).") var seed: UInt64 = 1
    @Option(help: "The noticed binary.") var binary: String?

    /// Where a cycle aims its SIGKILL.
    enum Moment: String, CaseIterable {
        case scan = "during the start-up scan"
        case batch = "mid-batch"
        case reload = "during a reload"
        case idle = "while files arrive"
    }

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-crash-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let staging = dir.appendingPathComponent("staging")
        let daemon = try DaemonProcess(
            binary: binary.map { URL(fileURLWithPath: $0) } ?? DaemonProcess.siblingBinary,
            spool: dir.appendingPathComponent("spool"), db: dir.appendingPathComponent("n.sqlite").path,
            log: dir.appendingPathComponent("serve.log"), extra: ["--settle-delay", "0.1"])

        // The files: distinct notices, and every 50th one random bytes (it must end in failed/).
        print("crashtest: \(files) files, \(cycles) cycles, seed \(seed)")
        var rng = SplitMix64(seed: seed)
        let notices = try NoticeCorpus().generate(files, seed: seed, prefix: "c")
        var dropped: [(name: String, bytes: [UInt8])] = []
        for (i, notice) in notices.enumerated() {
            if i % 50 == 49 {
                dropped.append(("c\(i).bin", (0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }))
            } else {
                // Some go into a subfolder (a collection), as operators drop them.
                dropped.append((i % 7 == 0 ? "col\(i % 3)/\(notice.file)" : notice.file, notice.bytes))
            }
        }
        try SpoolFiles.write(dropped, to: staging)
        let shas = Dictionary(
            dropped.map { (SHA256Digest.hex(of: $0.bytes), $0.name) }, uniquingKeysWith: { a, _ in a })
        let mustFail = Set(dropped.filter { $0.name.hasSuffix(".bin") }.map { SHA256Digest.hex(of: $0.bytes) })

        var kills: [Moment: Int] = [:]
        var committedNotArchived = Set<String>()
        // Each cycle drops three cycles' share, so a backlog builds up and most kills land on
        // work in flight; the last cycles may find nothing new to drop.
        var chunks = dropped.chunked(into: max(1, 3 * (dropped.count + cycles - 1) / cycles))
        for cycle in 0..<cycles {
            let moment = Moment.allCases.randomElement(using: &rng)!
            kills[moment, default: 0] += 1
            let chunk = chunks.isEmpty ? [] : chunks.removeFirst()
            if moment == .scan {
                try move(chunk, from: staging, to: daemon.incoming)
                try daemon.start(ready: false)
                usleep(UInt32.random(in: 0...300_000, using: &rng))
            } else {
                try daemon.start()
                let before = daemon.count("ingested")
                try move(chunk, from: staging, to: daemon.incoming)
                switch moment {
                case .batch:
                    try? Deadline.wait("a first commit", timeout: 10) { daemon.count("ingested") > before }
                    usleep(UInt32.random(in: 0...100_000, using: &rng))
                case .reload:
                    daemon.send(SIGHUP)
                    usleep(UInt32.random(in: 0...30_000, using: &rng))
                default:
                    usleep(UInt32.random(in: 0...300_000, using: &rng))
                }
            }
            daemon.kill9()
            committedNotArchived.formUnion(try storedButWaiting(daemon))
            if cycle % 10 == 9 { print("  cycle \(cycle + 1)/\(cycles)") }
        }
        // The rest of the files, then one last run to the end.
        for chunk in chunks { try move(chunk, from: staging, to: daemon.incoming) }
        try daemon.start()
        try Deadline.wait("the spool to drain", timeout: 600, poll: 100_000) {
            SpoolFiles.isEmpty(daemon.incoming) && daemon.state()?.queued == 0
        }
        let exit = daemon.stop()

        // The count.
        let store = try NoticeStore(path: daemon.db)
        let stored = try store.storedDigests()
        let failedShas = Set(
            SpoolFiles.list(daemon.failed).filter {
                !$0.hasSuffix(".error.json") && !($0.split(separator: "/").last ?? "").hasPrefix(".noticed-sidecar-")
            }
            .compactMap { SpoolFiles.sha256(daemon.failed.appendingPathComponent($0).path) })
        let lost = shas.keys.filter { stored[$0] == nil && !failedShas.contains($0) }
        let doubled = stored.values.filter { $0 > 1 }.count
        let wronglyFailed = failedShas.subtracting(mustFail).count
        let integrity = try store.integrityCheck()
        let archived = SpoolFiles.list(daemon.done).count

        print("")
        print("files dropped          \(dropped.count) (\(mustFail.count) binary, must fail)")
        print("documents stored       \(stored.count)")
        print("in failed/             \(failedShas.count) (wrongly: \(wronglyFailed))")
        print("archived in done/      \(archived)")
        print("lost                   \(lost.count)")
        print("doubled                \(doubled)")
        print("integrity_check        \(integrity)")
        print(
            "kills                  \(cycles): "
                + Moment.allCases.map { "\($0.rawValue) \(kills[$0, default: 0])" }.joined(separator: ", "))
        print(
            "committed, not archived at a kill: \(committedNotArchived.count) distinct file(s), each stored once after restart"
        )
        print("last run's exit        \(exit)")
        for sha in lost.prefix(10) { print("  lost: \(shas[sha]!)") }
        let ok =
            lost.isEmpty && doubled == 0 && integrity == "ok" && wronglyFailed == 0
            && stored.count + failedShas.count == dropped.count && exit == 0
        print(ok ? "crashtest: 1 passed, 0 failed" : "crashtest: 0 passed, 1 failed")
        if !ok { throw ExitCode.failure }
    }

    /// Moves files from staging into incoming/ (rename: each appears whole).
    func move(_ chunk: [(name: String, bytes: [UInt8])], from staging: URL, to incoming: URL) throws {
        for file in chunk {
            let target = incoming.appendingPathComponent(file.name)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: staging.appendingPathComponent(file.name), to: target)
        }
    }

    /// Files still in incoming/ whose contents are already stored: the kill fell between the
    /// commit and the archive (the next run must see them as duplicates, not store them again).
    func storedButWaiting(_ daemon: DaemonProcess) throws -> Set<String> {
        let stored = try NoticeStore(path: daemon.db).storedDigests()
        return Set(
            SpoolFiles.list(daemon.incoming).compactMap { name in
                SpoolFiles.sha256(daemon.incoming.appendingPathComponent(name).path)
            }.filter { stored[$0] != nil })
    }
}

extension Array {
    func chunked(into size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
