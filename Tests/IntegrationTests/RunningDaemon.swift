import Daemon
import Foundation
import Pipeline
import Store

/// The real `noticed serve` on a temporary spool and store, its stderr in a file.
final class RunningDaemon {
    let dir: URL
    let spool: URL
    let db: String
    let logURL: URL
    private(set) var process: Process
    private let extra: [String]

    var incoming: URL { spool.appendingPathComponent("incoming") }
    var done: URL { spool.appendingPathComponent("done") }
    var failed: URL { spool.appendingPathComponent("failed") }

    init(extra: [String] = [], prepare: ((URL) throws -> Void)? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-serve-\(UUID().uuidString)")
        spool = dir.appendingPathComponent("spool")
        db = dir.appendingPathComponent("n.sqlite").path
        logURL = dir.appendingPathComponent("serve.log")
        self.extra = extra
        for sub in ["incoming", "done", "failed"] {
            try FileManager.default.createDirectory(
                at: spool.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try prepare?(spool.appendingPathComponent("incoming"))
        process = Process()
        try start()
    }

    /// Starts (or restarts) the daemon and waits until it says it is ready.
    func start() throws {
        if !FileManager.default.fileExists(atPath: logURL.path) {
            _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        }
        process = Process()
        process.executableURL = NoticedBinary.url
        process.arguments =
            ["serve", "--spool", spool.path, "--db", db, "--log-target", "stderr", "--settle-delay", "0.3"] + extra
        let handle = try FileHandle(forWritingTo: logURL)
        handle.seekToEndOfFile()
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Ready: the state file names this process as running (written after READY=1, whatever the log target).
        let pid = process.processIdentifier
        try waitFor("ready", timeout: 30) {
            guard let state = StateFile(database: db).read() else { return false }
            return state.pid == Int(pid) && state.state == "running"
        }
    }

    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    func count(_ event: String) -> Int { log.components(separatedBy: "NOTICE_EVENT=\(event) ").count - 1 }

    /// Polls `condition` until it holds or the deadline passes (then throws, with the log).
    func waitFor(_ what: String, timeout: Double = 60, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(20_000)
        }
        throw Timeout(what: what, log: String(log.suffix(3000)))
    }

    struct Timeout: Error, CustomStringConvertible {
        var what: String
        var log: String
        var description: String { "timed out waiting for \(what); log tail:\n\(log)" }
    }

    /// SIGTERM, then the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func kill9() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func documents() throws -> Int { try NoticeStore(path: db, readOnly: true).count() }

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
        if process.isRunning { kill9() }
        try? FileManager.default.removeItem(at: dir)
    }
}
