import ArgumentParser
import Foundation
import Pipeline
import TestKit

/// `make faulttest`: one fault at a time against the real daemon. Each case must end with a
/// clear log line, the input safe (still in `incoming/` for a transient fault, in `failed/`
/// with a sidecar for a permanent one) and the daemon running or cleanly restarted.
///
/// As root the daemon runs as `nobody` (setpriv), so permissions mean what they mean in
/// production, and the disk-full case mounts a small tmpfs under the database.
struct FaultTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faults", abstract: "Inject one fault per case; print case, expected, seen.")

    @Option(help: "Seconds another process holds the database locked (over the store's 10 s busy timeout).")
    var lockSeconds: Double = 30
    @Option(help: "Files dropped while the daemon is stopped (SIGSTOP) to overflow inotify's queue.")
    var overflowFiles = 20_000
    @Option(help: "Only the cases whose name contains this.") var only: String?
    @Option(help: "The noticed binary.") var binary: String?
    @Flag(help: "Print each case's daemon log.") var verbose = false

    struct Outcome {
        var seen: String
        var ok: Bool
    }

    struct Case {
        var name: String
        var expected: String
        var needsRoot = false
        var smallDisk = false
        var body: (Fixture) throws -> Outcome
    }

    func run() throws {
        let root = getuid() == 0
        let exe = binary.map { URL(fileURLWithPath: $0) } ?? DaemonProcess.siblingBinary
        let seed = try NoticeCorpus().generate(64, seed: 9, prefix: "f")
        var rows: [(Case, Outcome)] = []
        for c in cases(seed: seed) + spoolCases(seed: seed) + pageCases()
        where only.map({ c.name.contains($0) }) ?? true {
            let outcome: Outcome
            if c.needsRoot && !root {
                outcome = Outcome(seen: "skipped: needs root", ok: true)
            } else {
                let fixture = try Fixture(binary: exe, asNobody: root, name: c.name, smallDisk: c.smallDisk)
                do {
                    outcome = try c.body(fixture)
                } catch {
                    outcome = Outcome(seen: "harness: \(error)", ok: false)
                }
                if verbose { print(fixture.daemon.log.split(separator: "\n").suffix(40).joined(separator: "\n")) }
                fixture.tearDown()
            }
            print("\(outcome.ok ? "ok    " : "FAILED") \(c.name): \(outcome.seen)")
            rows.append((c, outcome))
        }
        print("")
        let w0 = max(4, rows.map(\.0.name.count).max() ?? 4)
        let w1 = max(8, rows.map(\.0.expected.count).max() ?? 8)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        print("\(pad("case", w0))  \(pad("expected", w1))  seen")
        for (c, o) in rows { print("\(pad(c.name, w0))  \(pad(c.expected, w1))  \(o.ok ? "" : "FAILED: ")\(o.seen)") }
        let failed = rows.filter { !$0.1.ok }.count
        print("\nfaulttest: \(rows.count - failed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode.failure }
    }

    // MARK: the cases

    func cases(seed: [RawNotice]) -> [Case] {
        let text = { (i: Int) in seed[i % seed.count].bytes }
        return [
            Case(name: "0-byte file", expected: "failed/ + sidecar") { f in
                try f.permanent("empty.txt", [])
            },
            Case(name: "random bytes", expected: "failed/ + sidecar (binary)") { f in
                var rng = SystemRandomNumberGenerator()
                return try f.permanent("noise.txt", (0..<8192).map { _ in UInt8.random(in: 0...255, using: &rng) })
            },
            Case(name: "NUL bytes in text", expected: "failed/ + sidecar (binary)") { f in
                try f.permanent("nul.txt", Array(text(1).prefix(300)) + [0, 0, 0] + Array(text(1).dropFirst(300)))
            },
            Case(name: "100 MB file", expected: "failed/ + sidecar (too large), not read") { f in
                let path = f.daemon.incoming.appendingPathComponent("huge.txt").path
                let fd = open(path + ".part", O_CREAT | O_WRONLY, 0o644)
                guard fd >= 0, ftruncate(fd, 100_000_000) == 0 else { throw TestKitError("cannot make a 100 MB file") }
                close(fd)
                rename(path + ".part", path)
                var outcome = try f.awaitFailed("huge.txt")
                let rss = Double(ProcessProbe.rss(f.daemon.pid) ?? 0) / 1024
                outcome.seen += String(format: "; daemon RSS %.0f MiB", rss)
                outcome.ok = outcome.ok && rss < 100
                return outcome
            },
            Case(name: "name not UTF-8", expected: "renamed to %XX form, stored") { f in
                var raw = Array((f.daemon.incoming.path + "/bad").utf8) + [0xFF, 0xFE] + Array(".txt".utf8) + [0]
                let fd = raw.withUnsafeMutableBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
                }
                guard fd >= 0 else { throw TestKitError("cannot create a non-UTF-8 name") }
                let bytes = text(2)
                _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
                return try f.stored(1, "bad%FF%FE.txt archived") {
                    SpoolFiles.list(f.daemon.done).contains { $0.hasSuffix("bad%FF%FE.txt") }
                }
            },
            Case(name: "name with newlines", expected: "stored; one log line") { f in
                try f.drop("two\nlines.txt", text(3))
                return try f.stored(1, "archived under its name") {
                    SpoolFiles.list(f.daemon.done).contains { $0.hasSuffix("two\nlines.txt") }
                }
            },
            Case(name: "symlink out of the spool", expected: "failed/ as a link, target never read") { f in
                let target = f.dir.appendingPathComponent("secret.txt")
                try Data(text(4)).write(to: target)
                try FileManager.default.createSymbolicLink(
                    at: f.daemon.incoming.appendingPathComponent("link.txt"), withDestinationURL: target)
                var outcome = try f.awaitFailed("link.txt")
                let kind = Fixture.kind(f.daemon.failed.appendingPathComponent("link.txt").path)
                let documents = try f.documents()
                outcome.ok = outcome.ok && kind == "link" && documents == 0
                outcome.seen += "; in failed/ as a \(kind), 0 documents"
                return outcome
            },
            Case(name: "FIFO", expected: "failed/, the daemon not blocked") { f in
                guard mkfifo(f.daemon.incoming.appendingPathComponent("pipe.txt").path, 0o644) == 0 else {
                    throw TestKitError("mkfifo failed")
                }
                var outcome = try f.awaitFailed("pipe.txt")
                try f.drop("after-fifo.txt", text(5))
                let next = try f.stored(1, "a file dropped after it stored")
                outcome.seen += "; " + next.seen
                outcome.ok = outcome.ok && next.ok
                return outcome
            },
            Case(name: "unreadable file", expected: "failed/ + sidecar (unreadable)", needsRoot: true) { f in
                let path = f.daemon.incoming.appendingPathComponent("secret.txt").path
                try Data(text(6)).write(to: URL(fileURLWithPath: path + ".part"))
                chmod(path + ".part", 0)
                rename(path + ".part", path)
                return try f.awaitFailed("secret.txt")
            },
            Case(name: "deleted before it is read", expected: "forgotten, nothing in failed/") { f in
                for i in 0..<200 {
                    let url = f.daemon.incoming.appendingPathComponent("gone\(i).txt")
                    try f.drop("gone\(i).txt", text(i) + Array("\n\(i)".utf8))
                    try? FileManager.default.removeItem(at: url)
                }
                try f.drop("marker.txt", text(7))
                try Deadline.wait("the marker", timeout: 30) {
                    SpoolFiles.list(f.daemon.done).contains { $0.hasSuffix("marker.txt") }
                }
                let stored = try f.documents()
                let vanished = f.daemon.log.components(separatedBy: "gone before it could be read").count - 1
                let failed = SpoolFiles.list(f.daemon.failed).count
                return Outcome(
                    seen: "\(vanished) vanished, \(stored - 1) read before the delete, \(failed) in failed/, running",
                    ok: failed == 0 && f.daemon.isRunning)
            },
            Case(name: "spool removed and recreated", expected: "exit 1 with a fatal line; restart takes new files") {
                f in
                try FileManager.default.removeItem(at: f.daemon.incoming)
                let status = try f.daemon.waitForExit(timeout: 10)
                let fatal = f.daemon.log.contains("NOTICE_ERROR=fatal")
                try FileManager.default.createDirectory(at: f.daemon.incoming, withIntermediateDirectories: true)
                f.own(f.daemon.incoming)
                try f.daemon.start()
                try f.drop("after.txt", text(8))
                let after = try f.stored(1, "stored after the restart")
                return Outcome(
                    seen: "exit \(status), fatal line \(fatal ? "logged" : "missing"); \(after.seen)",
                    ok: status == 1 && fatal && after.ok)
            },
            Case(name: "database locked \(Int(lockSeconds)) s", expected: "retry; stays in incoming/; then stored") {
                f in
                let locker = try f.lockDatabase(seconds: lockSeconds)
                try f.drop("locked.txt", text(9))
                try Deadline.wait("a retry entry", timeout: 60) { f.daemon.count("retry") > 0 }
                let waiting = FileManager.default.fileExists(
                    atPath: f.daemon.incoming.appendingPathComponent("locked.txt").path)
                locker.waitUntilExit()
                let after = try f.stored(1, "stored after the lock", timeout: 120)
                return Outcome(
                    seen:
                        "\(f.daemon.count("retry")) retry entries, \(waiting ? "in incoming/" : "NOT in incoming/") while locked, \(SpoolFiles.list(f.daemon.failed).count) in failed/; \(after.seen)",
                    ok: waiting && after.ok && SpoolFiles.list(f.daemon.failed).isEmpty)
            },
            Case(
                name: "database read-only", expected: "runs; retry; stays in incoming/; stored once writable",
                needsRoot: true
            ) { f in
                try f.drop("first.txt", text(10))
                _ = try f.stored(1, "first")
                f.daemon.stop()
                chmod(f.daemon.db, 0o444)
                try f.daemon.start()
                try f.drop("readonly.txt", text(11))
                try Deadline.wait("a retry entry", timeout: 30) { f.daemon.count("retry") > 0 }
                let line = f.daemon.log.split(separator: "\n").last { $0.contains("NOTICE_EVENT=retry") }
                let waiting = FileManager.default.fileExists(
                    atPath: f.daemon.incoming.appendingPathComponent("readonly.txt").path)
                chmod(f.daemon.db, 0o644)
                let after = try f.stored(2, "stored once writable, same process", timeout: 120)
                return Outcome(
                    seen:
                        "\(waiting ? "in incoming/" : "NOT in incoming/") while read-only (\(line.map { Fixture.message($0) } ?? "no line")); \(after.seen)",
                    ok: waiting && after.ok && SpoolFiles.list(f.daemon.failed).isEmpty)
            },
            Case(
                name: "disk full under the database", expected: "retry; stays in incoming/; stored when space returns",
                needsRoot: true,
                smallDisk: true
            ) { f in
                try f.fillDisk()
                for i in 0..<20 { try f.drop("full\(i).txt", text(12 + i) + Array("\n\(i)".utf8)) }
                try Deadline.wait("a retry entry", timeout: 60) { f.daemon.count("retry") > 0 }
                let line = f.daemon.log.split(separator: "\n").last { $0.contains("NOTICE_EVENT=retry") }
                let waiting = SpoolFiles.list(f.daemon.incoming).count
                f.freeDisk()
                let after = try f.stored(20, "stored after space returned", timeout: 180)
                return Outcome(
                    seen:
                        "\(waiting) of 20 in incoming/ while full (\(line.map { Fixture.message($0) } ?? "no line")); \(after.seen); \(SpoolFiles.list(f.daemon.failed).count) in failed/",
                    ok: waiting > 0 && after.ok && SpoolFiles.list(f.daemon.failed).isEmpty && f.daemon.isRunning)
            },
            Case(name: "inotify overflow", expected: "SIGSTOP, \(overflowFiles) files, SIGCONT: all stored") { f in
                f.daemon.send(SIGSTOP)
                let files = try NoticeCorpus().generate(overflowFiles, seed: 77, prefix: "o")
                try SpoolFiles.write(files.map { ($0.file, $0.bytes) }, to: f.daemon.incoming)
                f.daemon.send(SIGCONT)
                let t0 = Date()
                let after = try f.stored(overflowFiles, "stored", timeout: 900)
                let overflowed = f.daemon.log.contains("overflowed")
                return Outcome(
                    seen:
                        "overflow \(overflowed ? "logged" : "NOT logged"), \(after.seen) in \(Int(Date().timeIntervalSince(t0))) s",
                    ok: after.ok && overflowed)
            },
            Case(name: "forged log line", expected: "stored; the name escaped on one line, no forged line") { f in
                let forged = "2026-01-01T00:00:00Z noticed[1] critical: FAKE ENTRY"
                try f.drop("x\n\(forged)\u{1B}[2J\r.txt", text(8))
                let after = try f.stored(1, "stored")
                let lines = f.daemon.log.split(separator: "\n")
                let forgedLines = lines.filter { $0.hasPrefix("2026-01-01T00:00:00Z") || $0.hasPrefix("noticed[1]") }
                let raw = f.daemon.log.utf8.contains(0x1B) || f.daemon.log.utf8.contains(0x0D)
                let escaped = lines.contains { $0.contains("x\\n\(forged)\\x1B[2J\\r.txt") }
                return Outcome(
                    seen:
                        "\(after.seen); \(forgedLines.count) forged line(s), \(raw ? "raw ESC/CR bytes" : "no raw ESC/CR"), name \(escaped ? "escaped" : "NOT escaped")",
                    ok: after.ok && forgedLines.isEmpty && !raw && escaped)
            },
        ]
    }
}
