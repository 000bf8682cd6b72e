import Dispatch
import Foundation
import Logging
import Pipeline
import Store
import TestKit
import Testing

@testable import Daemon

/// The scheduler and the committer in process, on a temporary spool and SQLite store: the
/// write path's promises checked without starting the binary.
@Suite("Write path: scheduler and committer, in process")
struct WritePathTests {
    /// A spool, a store and the write path over them, as `Service` wires it.
    final class Rig: @unchecked Sendable {
        let dir: URL
        let layout: SpoolLayout
        let tree: SpoolTree
        let control = DispatchQueue(label: "test.control")
        let counters = SharedCounters()
        let committer: Committer
        let scheduler: Scheduler
        let database: String

        /// `storeFails`: every open of the store fails as a full disk would.
        init(maxInFlight: Int = 8, batch: Int = 8, storeFails: Bool = false) throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-unit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            layout = SpoolLayout(root: dir.appendingPathComponent("spool").path, ignoreGlobs: [])
            try FileManager.default.createDirectory(atPath: layout.root, withIntermediateDirectories: true)
            tree = try SpoolTree(root: layout.root)
            database = dir.appendingPathComponent("n.sqlite").path
            let store = StoreHandle { [database] () throws(StoreError) in
                if storeFails { throw StoreError("the disk is full", isTransient: true) }
                return try NoticeStore(path: database)
            }
            var config = ServiceConfig()
            config.maxInFlight = maxInFlight
            config.batch = batch
            config.workers = 2
            let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
            let settings = RunSettings(.init(layout: layout, pipeline: NoticePipeline(), after: .archive))
            let journal = FileJournal(logger: logger, settings: settings)
            committer = Committer(
                store: store, disposal: Disposal(tree: tree, settings: settings, journal: journal, counters: counters),
                counters: counters, batch: batch, indexDelay: .milliseconds(10))
            scheduler = Scheduler(
                config: config, settings: settings, tree: tree, committer: committer, control: control,
                logger: logger, counters: counters)
        }

        deinit { try? FileManager.default.removeItem(at: dir) }

        func drop(_ count: Int) throws {
            for n in 0..<count {
                let seed = Fixtures.seedNames()[n % 5]
                let bytes = Data(Fixtures.seed(seed).bytes) + Data("\n附件编号：\(n)\n".utf8)
                try bytes.write(to: URL(fileURLWithPath: layout.incoming).appendingPathComponent("f\(n).txt"))
            }
        }

        func offer(_ names: [String]) -> [Bool] { control.sync { names.map { scheduler.offer($0) } } }

        func files(in folder: String) -> [String] {
            (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter {
                $0.hasSuffix(".txt")
            }
        }
    }

    @Test("every offered file is committed once and archived; the counters agree")
    func commitsAll() throws {
        let rig = try Rig()
        try rig.drop(40)
        #expect(rig.offer((0..<40).map { "f\($0).txt" }).allSatisfy { $0 })
        // Offering a path already waiting or in flight takes nothing twice.
        _ = rig.offer(["f0.txt", "f1.txt"])
        try Deadline.wait("40 files archived", timeout: 60) { rig.files(in: rig.layout.done).count == 40 }
        try Deadline.wait("the counters", timeout: 10) { rig.counters.snapshot.queued == 0 }
        #expect(rig.files(in: rig.layout.incoming).isEmpty)
        #expect(rig.counters.snapshot.ingested == 40)
        #expect(try NoticeStore(path: rig.database, readOnly: true).count() == 40)
    }

    @Test("the waiting list refuses offers past 8 × max_in_flight; the file stays for a later scan")
    func backpressure() throws {
        let rig = try Rig(maxInFlight: 1)
        // Names that do not exist: each worker finds its file gone, so nothing else moves,
        // but the offers beyond room are refused whatever the workers do.
        let (verdicts, room) = rig.control.sync {
            ((0..<100).map { rig.scheduler.offer("missing-\($0).txt") }, rig.scheduler.room)
        }
        // One goes to the worker at once, eight wait; the ninth waiting path is refused.
        #expect(verdicts.prefix(9).allSatisfy { $0 })
        #expect(verdicts.dropFirst(9).allSatisfy { !$0 })
        #expect(room == 0)
    }

    @Test("a store that cannot be opened commits nothing: the files stay in incoming/ and are retried")
    func storeFailureRetries() throws {
        let rig = try Rig(storeFails: true)
        try rig.drop(3)
        _ = rig.offer(["f0.txt", "f1.txt", "f2.txt"])
        try Deadline.wait("three retries counted", timeout: 30) { rig.counters.snapshot.retries >= 3 }
        #expect(rig.files(in: rig.layout.incoming).count == 3)
        #expect(rig.files(in: rig.layout.done).isEmpty)
        #expect(rig.counters.snapshot.ingested == 0)
    }

    @Test("a file that cannot be read as a notice goes to failed/ beside its sidecar")
    func quarantines() throws {
        let rig = try Rig()
        try Data([0, 1, 2, 3, 0, 0xFF, 0xFE]).write(
            to: URL(fileURLWithPath: rig.layout.incoming).appendingPathComponent("bin.txt"))
        _ = rig.offer(["bin.txt"])
        try Deadline.wait("bin.txt in failed/", timeout: 30) {
            FileManager.default.fileExists(atPath: rig.layout.failed + "/bin.txt")
        }
        #expect(FileManager.default.fileExists(atPath: rig.layout.failed + "/bin.txt.error.json"))
        try Deadline.wait("the failure counted", timeout: 10) { rig.counters.snapshot.failed == 1 }
    }

    @Test("group commit: now when the group is full or nothing else is coming, else wait; backoff doubles to 60 s")
    func timingRules() {
        #expect(GroupCommit.decision(buffered: 0, outstanding: 5, minimum: 64) == .nothing)
        #expect(GroupCommit.decision(buffered: 1, outstanding: 0, minimum: 64) == .now)
        #expect(GroupCommit.decision(buffered: 64, outstanding: 9, minimum: 64) == .now)
        #expect(GroupCommit.decision(buffered: 3, outstanding: 9, minimum: 64) == .wait)
        #expect((0..<9).map { GroupCommit.retryDelay(attempt: $0) } == [0.5, 1, 2, 4, 8, 16, 32, 60, 60])
    }
}
