import Backends
import Daemon
import Foundation
import Store
import TestKit

/// The real `noticed serve` on a temporary spool and store, its stderr in a file: TestKit's
/// `DaemonProcess` (the one way the tests, the bench and the proofs start the daemon) in a
/// folder of its own that goes when the test ends, plus the tests' helpers.
final class RunningDaemon {
    let dir: URL
    let daemon: DaemonProcess

    var spool: URL { daemon.spool }
    var db: String { daemon.db }
    var logURL: URL { daemon.logURL }
    var process: Process { daemon.process }
    var incoming: URL { daemon.incoming }
    var done: URL { daemon.done }
    var failed: URL { daemon.failed }

    /// The store: `database` (a PostgreSQL URL, say), else a SQLite file in the run's folder.
    init(database: String? = nil, extra: [String] = [], prepare: ((URL) throws -> Void)? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-serve-\(UUID().uuidString)")
        daemon = try DaemonProcess(
            binary: NoticedBinary.url, spool: dir.appendingPathComponent("spool"),
            db: database ?? dir.appendingPathComponent("n.sqlite").path, log: dir.appendingPathComponent("serve.log"),
            extra: ["--settle-delay", "0.3"] + extra)
        try prepare?(daemon.incoming)
        try start()
    }

    /// Starts (or restarts) the daemon and waits until its state file names it as running
    /// (written after READY=1, whatever the log target).
    func start() throws { try daemon.start(ready: true, timeout: 30) }

    var log: String { daemon.log }

    func count(_ event: String) -> Int { daemon.count(event) }

    /// Polls `condition` until it holds or the deadline passes (then throws, with the log).
    func waitFor(_ what: String, timeout: Double = 60, _ condition: () throws -> Bool) throws {
        do {
            try Deadline.wait(what, timeout: timeout, condition)
        } catch let timeout as TestKitError {
            throw TestKitError("\(timeout); log tail:\n\(log.suffix(3000))")
        }
    }

    /// SIGTERM, then the exit status.
    @discardableResult
    func stop() -> Int32 { daemon.stop() }

    func kill9() { daemon.kill9() }

    func documents() throws -> Int {
        try StoreOpener.open(db, passwordFile: PostgresTestServer.passwordFile, readOnly: true).count()
    }

    /// Files (not folders) under `url`, relative paths.
    func files(_ url: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: url.path) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if (walker.fileAttributes?[.type] as? FileAttributeType) != .typeDirectory { found.append(relative) }
        }
        return found.sorted()
    }

    deinit {
        daemon.kill9()
        try? FileManager.default.removeItem(at: dir)
    }
}
