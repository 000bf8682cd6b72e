import Daemon
import Foundation
import Pipeline
import Store
import TestKit

/// Issue 13's rows of the fault table: hostile and clumsy writers (a folder swapped for a
/// symlink, a hostile rules file, slow and running writers, appenders, exhausted inotify
/// watches, unwritable folders, long names, hard links, very large files).
extension FaultTest {
    func spoolCases(seed: [RawNotice]) -> [Case] {
        // An ASCII serial: the seeds come in four encodings, and UTF-8 after GB18030 is undecodable.
        let text = { (i: Int) in seed[i % seed.count].bytes + Array("\nNo. \(i)\n".utf8) }
        return [
            Case(name: "symlinked folder swap", expected: "decoys outside untouched; link in failed/") { f in
                let decoy = f.dir.appendingPathComponent("decoy")
                try FileManager.default.createDirectory(at: decoy, withIntermediateDirectories: true)
                let decoyDB = Data("SQLite format 3\0".utf8 + [UInt8](repeating: 7, count: 8000))
                try decoyDB.write(to: decoy.appendingPathComponent("n.sqlite"))
                try Data(text(500)).write(to: decoy.appendingPathComponent("notice.txt"))
                chmod(decoy.path, 0o777)
                let backlog = f.staging.appendingPathComponent("backlog")
                try FileManager.default.createDirectory(at: backlog, withIntermediateDirectories: true)
                for i in 0..<400 { try Data(text(i)).write(to: backlog.appendingPathComponent("b\(i).txt")) }
                f.ownTree(backlog)
                try FileManager.default.moveItem(at: backlog, to: f.daemon.incoming.appendingPathComponent("backlog"))
                try Deadline.wait("the backlog under way", timeout: 30) { try f.documents() > 0 }
                let sub = f.daemon.incoming.appendingPathComponent("sub")
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
                try Data("SQLite format 3\0".utf8).write(to: sub.appendingPathComponent("n.sqlite"))
                try Data(text(501)).write(to: sub.appendingPathComponent("notice.txt"))
                f.ownTree(sub)
                try FileManager.default.moveItem(at: sub, to: f.daemon.incoming.appendingPathComponent("sub.old"))
                try FileManager.default.createSymbolicLink(at: sub, withDestinationURL: decoy)
                try Deadline.wait("incoming/ emptied", timeout: 120) { SpoolFiles.list(f.daemon.incoming).isEmpty }
                let intact =
                    (try? Data(contentsOf: decoy.appendingPathComponent("n.sqlite"))) == decoyDB
                    && (try? Data(contentsOf: decoy.appendingPathComponent("notice.txt"))) == Data(text(500))
                let link = Fixture.kind(f.daemon.failed.appendingPathComponent("sub").path)
                let documents = try f.documents()
                return Outcome(
                    seen:
                        "decoys \(intact ? "byte-identical" : "CHANGED"), \(documents) documents, sub in failed/ as a \(link)",
                    ok: intact && documents == 401 && link == "link" && f.daemon.isRunning)
            },
            Case(name: "hostile regex", expected: "refused by check, or linear; the file behind it stored") { f in
                let rules = f.dir.appendingPathComponent("rules.toml")
                try Data(
                    """
                    [[tag]]
                    id = "nested"
                    regex = ["(a+)+$", "关于.*救灾"]
                    """.utf8
                ).write(to: rules)
                chmod(rules.path, 0o644)
                f.daemon.stop()
                f.daemon.arguments += ["--rules", rules.path, "--workers", "1"]
                try f.daemon.start()
                try f.drop("evil.txt", Array("关于".utf8) + Array(repeating: 0x61, count: 20) + Array("!\n".utf8))
                // One 300 KB line with 关于 and without 救灾: quadratic for a backtracking engine.
                try f.drop("long.txt", Array(("关于" + String(repeating: "民政", count: 50_000) + "\n民政局通知\n").utf8))
                try f.drop("good.txt", text(1))
                let t0 = Date()
                let after = try f.stored(2, "good and long stored", timeout: 30) {
                    SpoolFiles.list(f.daemon.incoming).isEmpty
                }
                return Outcome(
                    seen: "\(after.seen) in \(String(format: "%.1f", Date().timeIntervalSince(t0))) s", ok: after.ok)
            },
            Case(name: "GBK name during a slow write", expected: "escaped once settled, stored whole") { f in
                let name: [UInt8] = [0xC3, 0xF1, 0xD5, 0xFE] + Array(".txt".utf8)
                let bytes = text(2)
                let fd = try f.create(raw: name)
                _ = bytes.prefix(80).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                usleep(1_000_000)  // the writer pauses for five settle delays
                _ = bytes.dropFirst(80).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
                _ = try f.stored(1, "stored")
                let size = try f.storedBytes("incoming/%C3%F1%D5%FE.txt")
                return Outcome(
                    seen: "stored as %C3%F1%D5%FE.txt with \(size.map(String.init) ?? "no") of \(bytes.count) bytes",
                    ok: size == bytes.count)
            },
            Case(name: "writer running at start", expected: "stored whole, once") { f in
                f.daemon.stop()
                let bytes = text(3)
                let path = f.daemon.incoming.appendingPathComponent("slow.txt").path
                let fd = open(path, O_CREAT | O_WRONLY, 0o644)
                guard fd >= 0 else { throw TestKitError("cannot create slow.txt") }
                f.own(URL(fileURLWithPath: path))
                _ = bytes.prefix(62).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                try f.daemon.start()
                usleep(1_500_000)  // longer than the settle delay
                _ = bytes.dropFirst(62).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
                return try f.storedWhole("incoming/slow.txt", bytes.count)
            },
            Case(name: "appender", expected: "> then >> twice: one document") { f in
                let bytes = text(4)
                let path = f.daemon.incoming.appendingPathComponent("appended.txt").path
                let third = bytes.count / 3
                for (i, part) in [bytes[..<third], bytes[third..<(2 * third)], bytes[(2 * third)...]].enumerated() {
                    let fd = open(path, O_CREAT | O_WRONLY | (i == 0 ? O_TRUNC : O_APPEND), 0o644)
                    _ = Array(part).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                    close(fd)
                }
                return try f.storedWhole("incoming/appended.txt", bytes.count)
            },
            Case(name: "watch exhaustion", expected: "one warning; unwatched folders scanned", needsRoot: true) { f in
                let key = "/proc/sys/fs/inotify/max_user_watches"
                let saved = try String(contentsOfFile: key, encoding: .utf8)
                defer { try? saved.write(toFile: key, atomically: false, encoding: .utf8) }
                f.daemon.stop()
                try "40\n".write(toFile: key, atomically: false, encoding: .utf8)
                for i in 0..<60 {
                    let folder = f.daemon.incoming.appendingPathComponent("c\(i)")
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try Data(text(10 + i)).write(to: folder.appendingPathComponent("a.txt"))
                    f.ownTree(folder)
                }
                try f.daemon.start()
                _ = try f.stored(60, "the 60 folders' files", timeout: 60)
                // A folder made later, under an unwatched one or not, is found too.
                let late = f.daemon.incoming.appendingPathComponent("c59/later")
                try FileManager.default.createDirectory(at: late, withIntermediateDirectories: true)
                try Data(text(99)).write(to: late.appendingPathComponent("b.txt"))
                f.ownTree(late)
                let after = try f.stored(61, "a file in a folder made later", timeout: 60)
                let warnings = f.daemon.log.components(separatedBy: "max_user_watches").count - 1
                let status = f.daemon.state()?.state ?? "?"
                let scanning = (f.daemon.state()?.unwatchedFolders ?? 0) > 0
                return Outcome(
                    seen:
                        "\(after.seen); \(warnings) warning(s); \(status), scanning \(scanning ? "shown" : "NOT shown")",
                    ok: after.ok && warnings == 1 && scanning)
            },
            Case(
                name: "unwritable collection folder", expected: "stored once; stuck, reported once a start",
                needsRoot: true
            ) { f in
                let folder = f.daemon.incoming.appendingPathComponent("ro")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(text(5)).write(to: folder.appendingPathComponent("a.txt"))
                chmod(folder.path, 0o755)  // root's, and the daemon runs as nobody
                _ = try f.stored(1, "stored")
                try Deadline.wait("reported stuck", timeout: 30) { f.daemon.log.contains("cannot leave incoming/") }
                f.daemon.stop()
                try f.daemon.start()
                try Deadline.wait("recognised at the restart", timeout: 30) {
                    f.daemon.log.contains("could not leave incoming/ before")
                }
                let store = try NoticeStore(path: f.daemon.db, readOnly: true)
                let documents = try store.count()
                let sightings = try store.stats().duplicates
                var status: String?
                try? Deadline.wait("status to count it", timeout: 10, poll: 100_000) {
                    status = Fixture.statusLine(f, containing: "stuck:")
                    return status != nil
                }
                return Outcome(
                    seen:
                        "\(documents) document(s), \(sightings) duplicate sightings; status: \(status ?? "no stuck line")",
                    ok: documents == 1 && sightings == 0 && status != nil)
            },
            Case(name: "254-byte names", expected: "archive .1 and sidecar names shortened; incoming/ empty") { f in
                let name = String(repeating: "长", count: 83) + "a.txt"
                try f.drop(name, text(6))
                _ = try f.stored(1, "first") { SpoolFiles.list(f.daemon.incoming).isEmpty }
                try f.drop(name, text(7))
                _ = try f.stored(2, "second") { SpoolFiles.list(f.daemon.incoming).isEmpty }
                try f.drop(name + "x", [0, 1, 2, 0, 0xFF])
                try Deadline.wait("the binary one in failed/", timeout: 30) {
                    SpoolFiles.list(f.daemon.failed).count == 2
                }
                let left = SpoolFiles.list(f.daemon.incoming).count
                let names = SpoolFiles.list(f.daemon.done) + SpoolFiles.list(f.daemon.failed)
                let fits = names.allSatisfy { ($0.split(separator: "/").last?.utf8.count ?? 0) <= 255 }
                return Outcome(
                    seen:
                        "\(names.count) names in done/ and failed/, all ≤ 255 bytes: \(fits); \(left) left in incoming/",
                    ok: left == 0 && fits && names.count == 4)
            },
            Case(name: "hard link", expected: "taken without a restart") { f in
                let outside = f.staging.appendingPathComponent("outside.txt")
                try Data(text(8)).write(to: outside)
                f.own(outside)
                guard link(outside.path, f.daemon.incoming.appendingPathComponent("linked.txt").path) == 0 else {
                    throw TestKitError("link failed: errno \(errno)")
                }
                return try f.stored(1, "stored") { SpoolFiles.list(f.daemon.incoming).isEmpty }
            },
            Case(name: "16 MB single line", expected: "handled; log lines short; RSS under MemoryHigh") { f in
                let line = String(repeating: "关于做好民政救助工作的通知", count: 16_000_000 / 39)
                try f.drop("line.txt", Array(line.utf8))
                let peak = try f.peakRSS { SpoolFiles.list(f.daemon.incoming).isEmpty }
                let longest = f.daemon.log.split(separator: "\n").map(\.utf8.count).max() ?? 0
                return Outcome(
                    seen: "longest log line \(longest) bytes; " + Self.memory(peak),
                    ok: longest < 4096 && peak <= Self.memoryHigh && f.daemon.isRunning)
            },
            Case(name: "many 16 MB files at once", expected: "all stored; RSS under MemoryHigh") { f in
                var total = 0
                for i in 0..<24 {
                    var bytes = text(20 + i)
                    let one = seed[(20 + i) % seed.count].bytes  // one notice repeated: one encoding
                    while bytes.count < 15_500_000 { bytes += one }
                    try f.drop("big\(i).txt", bytes)
                    total += bytes.count
                }
                let peak = try f.peakRSS(timeout: 600) { SpoolFiles.list(f.daemon.incoming).isEmpty }
                let documents = try f.documents()
                return Outcome(
                    seen: "\(documents) documents of 24 (\(total >> 20) MiB); " + Self.memory(peak),
                    ok: documents == 24 && peak <= Self.memoryHigh && f.daemon.isRunning)
            },
        ]
    }
}

extension FaultTest {
    /// The unit's MemoryHigh, in MiB: what the memory rows must stay under.
    static let memoryHigh = 768
    /// The issue's target: 64 MiB + 2 × max_file_size (16 MiB), not met yet.
    static let memoryTarget = 64 + 2 * 16

    static func memory(_ peak: Int) -> String {
        let verdict = peak <= memoryTarget ? "met" : "missed"
        return "peak RSS \(peak) MiB (MemoryHigh \(memoryHigh) MiB; target \(memoryTarget) MiB \(verdict))"
    }
}

extension Fixture {
    /// Creates a file with a raw (not necessarily UTF-8) name in incoming/, owned by the daemon's user.
    func create(raw name: [UInt8]) throws -> Int32 {
        var path = Array((daemon.incoming.path + "/").utf8) + name
        path.append(0)
        let fd = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        }
        guard fd >= 0 else { throw TestKitError("cannot create a file: errno \(errno)") }
        return fd
    }

    /// The byte count the store holds for `file` (`incoming/…`), if stored.
    func storedBytes(_ file: String) throws -> Int? {
        var found: Int?
        try NoticeStore(path: daemon.db, readOnly: true).eachNotice {
            if $0.notice.clean.file == file { found = $0.notice.clean.byteCount }
        }
        return found
    }

    /// Waits until incoming/ is empty; ok when exactly one document, `file`, holds all `count` bytes.
    func storedWhole(_ file: String, _ count: Int) throws -> FaultTest.Outcome {
        _ = try stored(1, "stored") { SpoolFiles.list(daemon.incoming).isEmpty }
        let size = try storedBytes(file)
        let documents = try documents()
        return FaultTest.Outcome(
            seen: "\(documents) document(s), \(size.map(String.init) ?? "no") of \(count) bytes",
            ok: documents == 1 && size == count)
    }

    /// Hands a folder and everything in it to the daemon's user.
    func ownTree(_ url: URL) {
        own(url)
        for relative in SpoolFiles.list(url) { own(url.appendingPathComponent(relative)) }
        if let walker = FileManager.default.enumerator(atPath: url.path) {
            while let relative = walker.nextObject() as? String { own(url.appendingPathComponent(relative)) }
        }
    }

    /// The daemon's peak RSS in MiB, sampled every 20 ms until `done` holds.
    func peakRSS(timeout: Double = 120, until done: () throws -> Bool) throws -> Int {
        var peak = 0
        try Deadline.wait("done", timeout: timeout, poll: 20_000) {
            peak = max(peak, ProcessProbe.rss(daemon.pid) ?? 0)
            return try done()
        }
        return peak / 1024
    }

    /// The line of `noticed status` that contains `text`.
    static func statusLine(_ f: Fixture, containing text: String) -> String? {
        let process = Process()
        process.executableURL = f.daemon.binary
        process.arguments = ["status", "--db", f.daemon.db, "--spool", f.daemon.spool.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first { $0.contains(text) }.map(String.init)
    }
}
