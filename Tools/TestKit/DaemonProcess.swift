package import Daemon
public import Foundation

/// The real `noticed serve` on a spool and store of the harness's own, as the proof
/// harnesses drive it: started, signalled, killed, restarted, watched through its state
/// file (the same file `noticed status` reads) and its stderr log.
public final class DaemonProcess {
    public let binary: URL
    public let spool: URL
    public let db: String
    public let logURL: URL
    public var arguments: [String]
    /// Runs the daemon through this command (e.g. setpriv to drop root); empty runs it directly.
    public var wrapper: [String] = []
    public private(set) var process = Process()

    public var incoming: URL { spool.appendingPathComponent("incoming") }
    public var done: URL { spool.appendingPathComponent("done") }
    public var failed: URL { spool.appendingPathComponent("failed") }
    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    public init(binary: URL, spool: URL, db: String, log: URL, extra: [String] = []) throws {
        self.binary = binary
        self.spool = spool
        self.db = db
        self.logURL = log
        self.arguments = ["serve", "--spool", spool.path, "--db", db, "--log-target", "stderr"] + extra
        for sub in ["incoming", "done", "failed"] {
            try FileManager.default.createDirectory(
                at: spool.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
    }

    /// The `noticed` binary next to the running harness.
    public static var siblingBinary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("noticed")
    }

    /// Starts the daemon; with `ready`, waits until its state file names it as running.
    public func start(ready: Bool = true, timeout: Double = 60) throws {
        process = Process()
        if wrapper.isEmpty {
            process.executableURL = binary
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: wrapper[0])
            process.arguments = Array(wrapper.dropFirst()) + [binary.path] + arguments
        }
        let handle = try FileHandle(forWritingTo: logURL)
        handle.seekToEndOfFile()
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        if ready {
            try Deadline.wait("the daemon to be ready", timeout: timeout) {
                if !process.isRunning { throw TestKitError("the daemon exited at start:\n\(logTail)") }
                guard let state = state() else { return false }
                return state.pid == Int(process.processIdentifier) && state.state == "running"
            }
        }
    }

    /// SIGTERM, then the exit status.
    @discardableResult
    public func stop() -> Int32 { process.terminateAndWait() }

    public func kill9() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to exit by itself; its status.
    public func waitForExit(timeout: Double) throws -> Int32 {
        try Deadline.wait("the daemon to exit", timeout: timeout) { !process.isRunning }
        return process.terminationStatus
    }

    /// The daemon's state file, read through its owner.
    package func state() -> StateFile.Snapshot? {
        StateFile(database: ServiceConfig.localStateBase(database: db, spool: spool.path)).read()
    }

    public var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }
    public var logTail: String { String(log.suffix(2000)) }

    /// How many log lines carry `NOTICE_EVENT=event`.
    public func count(_ event: String) -> Int { log.components(separatedBy: "NOTICE_EVENT=\(event) ").count - 1 }

    deinit { kill9() }
}
