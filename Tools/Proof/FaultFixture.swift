import Foundation
import Pipeline
import Store
import TestKit

/// One fault case's world: a spool, a store (on a small tmpfs when the case fills the disk)
/// and the daemon, run as `nobody` when the harness is root.
final class Fixture {
    let dir: URL
    let daemon: DaemonProcess
    private let asNobody: Bool
    private var mount: URL?
    private var filler: URL?

    init(binary: URL, asNobody: Bool, name: String, smallDisk: Bool) throws {
        let slug = name.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-fault-\(getpid())-\(slug)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        self.asNobody = asNobody
        var dbDir = dir
        if smallDisk {
            let point = dir.appendingPathComponent("dbfs")
            try FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
            try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=6m,mode=0755", "tmpfs", point.path])
            mount = point
            dbDir = point
        }
        daemon = try DaemonProcess(
            binary: binary, spool: dir.appendingPathComponent("spool"),
            db: dbDir.appendingPathComponent("n.sqlite").path,
            log: dir.appendingPathComponent("serve.log"), extra: ["--settle-delay", "0.2"])
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        if asNobody {
            // CAP_LEASE as the unit grants it: the daemon sees whether a file is still open for writing.
            daemon.wrapper = [
                "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=+lease",
                "--ambient-caps=+lease", "--",
            ]
            try Self.run("/bin/chown", ["-R", "65534:65534", dir.path])
        }
        try daemon.start()
    }

    var staging: URL { dir.appendingPathComponent("staging") }

    func own(_ url: URL) {
        if asNobody { chown(url.path, 65534, 65534) }
    }

    /// Drops a file the safe way (written beside the spool, renamed in).
    func drop(_ name: String, _ bytes: [UInt8]) throws {
        let staged = staging.appendingPathComponent(UUID().uuidString)
        guard FileManager.default.createFile(atPath: staged.path, contents: Data(bytes)) else {
            throw TestKitError("cannot write \(staged.path)")
        }
        guard rename(staged.path, daemon.incoming.path + "/" + name) == 0 else {
            throw TestKitError("cannot rename into incoming/: errno \(errno)")
        }
    }

    /// Drops a file that must end in failed/.
    func permanent(_ name: String, _ bytes: [UInt8]) throws -> FaultTest.Outcome {
        try drop(name, bytes)
        return try awaitFailed(name)
    }

    /// Waits for `name` in failed/ with its sidecar and a `failed` log line.
    func awaitFailed(_ name: String) throws -> FaultTest.Outcome {
        let sidecar = daemon.failed.appendingPathComponent(name + ".error.json")
        try Deadline.wait("\(name) in failed/", timeout: 30) {
            FileManager.default.fileExists(atPath: sidecar.path) && daemon.count("failed") > 0
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(contentsOf: sidecar))) as? [String: Any] ?? [:]
        let moved = Self.kind(daemon.failed.appendingPathComponent(name).path) != "none"
        let left = Self.kind(daemon.incoming.appendingPathComponent(name).path) != "none"
        let error = json["error"] as? String ?? "?"
        let message = json["message"] as? String ?? "?"
        return FaultTest.Outcome(
            seen: "failed/ + sidecar: \(error) (\(message.prefix(60)))\(daemon.isRunning ? "" : "; DAEMON DOWN")",
            ok: moved && !left && daemon.isRunning)
    }

    /// Waits for `count` documents in the store (and `also`).
    func stored(_ count: Int, _ what: String, timeout: Double = 60, also: () -> Bool = { true }) throws
        -> FaultTest.Outcome
    {
        try Deadline.wait(what, timeout: timeout, poll: 50_000) { (try documents()) >= count && also() }
        return FaultTest.Outcome(seen: "\(try documents()) document(s), \(what)", ok: daemon.isRunning)
    }

    func documents() throws -> Int {
        guard FileManager.default.fileExists(atPath: daemon.db) else { return 0 }
        return try NoticeStore(path: daemon.db, readOnly: true).count()
    }

    /// Another process holding an exclusive lock on the store for `seconds` (python3's sqlite3).
    func lockDatabase(seconds: Double) throws -> Process {
        let locker = Process()
        locker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        locker.arguments = [
            "python3", "-c",
            "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(float(sys.argv[2]))",
            daemon.db, String(seconds),
        ]
        let out = Pipe()
        locker.standardOutput = out
        try locker.run()
        let line = out.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).contains("locked") else {
            throw TestKitError("python3 could not lock the store")
        }
        return locker
    }

    /// Fills the tmpfs under the store to the last byte.
    func fillDisk() throws {
        guard let mount else { throw TestKitError("no small disk for this case") }
        let url = mount.appendingPathComponent("filler")
        let fd = open(url.path, O_CREAT | O_WRONLY, 0o600)
        guard fd >= 0 else { throw TestKitError("cannot create the filler") }
        let chunk = [UInt8](repeating: 0x5A, count: 65536)
        var size = chunk.count
        while size > 0 {
            let n = chunk.withUnsafeBytes { write(fd, $0.baseAddress, size) }
            if n < 0 { if errno == ENOSPC { size /= 2 } else { break } }
        }
        close(fd)
        filler = url
    }

    func freeDisk() {
        if let filler { try? FileManager.default.removeItem(at: filler) }
        filler = nil
    }

    func tearDown() {
        daemon.send(SIGCONT)
        daemon.kill9()
        if let mount { try? Self.run("/bin/umount", [mount.path]) }
        try? FileManager.default.removeItem(at: dir)
    }

    /// A stderr log line without its timestamp, pid and fields: what a person reads.
    static func message(_ line: Substring) -> String {
        var text = line.split(separator: ": ", maxSplits: 1).last.map(String.init) ?? String(line)
        if let fields = text.range(of: " NOTICE_") { text = String(text[..<fields.lowerBound]) }
        return String(text.prefix(110))
    }

    static func kind(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0 else { return "none" }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return "link"
        case S_IFREG: return "file"
        case S_IFIFO: return "fifo"
        case S_IFDIR: return "folder"
        default: return "other"
        }
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestKitError("\(tool) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus))")
        }
    }
}
