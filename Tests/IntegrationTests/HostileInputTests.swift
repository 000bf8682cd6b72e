import Daemon
import Foundation
import Pipeline
import Testing

/// Issue 13 against the real binary: file names that forge log lines or fields, a huge
/// one-line file, queries that overflow or stall FTS5, and who can read the store.
@Suite("Hostile input", .serialized)
struct HostileInputTests {
    static let forgedLine = "x\n2026-12-01T00:00:00Z noticed[1] critical: FAKE ENTRY.txt"
    static let terminalBytes = "esc\u{1B}[2J\u{1B}]0;owned\u{07}cr\rover.txt"
    static let forgedFields = #"q" NOTICE_EVENT=failed NOTICE_SHA256=deadbeef x.txt"#

    /// The daemon's lines: each one event, starting with a timestamp and this daemon's pid.
    static func checkLines(_ log: String, pid: Int32) {
        let lines = log.split(separator: "\n", omittingEmptySubsequences: true)
        for line in lines {
            let stamp = line.prefix(21)
            #expect(stamp.count == 21 && stamp.hasSuffix("Z ") && stamp.dropFirst(4).hasPrefix("-"), "\(line)")
            #expect(line.dropFirst(21).hasPrefix("noticed[\(pid)] "), "\(line)")
            #expect(line.components(separatedBy: " NOTICE_EVENT=").count <= 2, "\(line)")
        }
        #expect(!lines.contains { $0.hasPrefix("2026-12-01T00:00:00Z") || $0.hasPrefix("noticed[1]") })
        #expect(!log.utf8.contains(0x1B) && !log.utf8.contains(0x0D) && !log.utf8.contains(0x07))
        #expect(!log.contains("NOTICE_EVENT=failed") && !log.contains("NOTICE_SHA256=deadbeef"))
    }

    @Test("file names with a newline and a forged line, terminal escapes, forged fields: one line per event")
    func forgedNames() throws {
        let d = try RunningDaemon()
        let names = [Self.forgedLine, Self.terminalBytes, Self.forgedFields]
        for (i, name) in names.enumerated() {
            try ServeTests.variant(900 + i).write(to: d.incoming.appendingPathComponent(name))
        }
        try d.waitFor("three documents") { try d.documents() == 3 }
        try d.waitFor("three ingested events") { d.count("ingested") == 3 }
        let pid = d.process.processIdentifier
        #expect(d.stop() == 0)
        let log = d.log
        Self.checkLines(log, pid: pid)
        let events = log.split(separator: "\n").filter { $0.contains(" NOTICE_EVENT=") }
        // started, ready, three ingested, stopping, summary… but exactly three of ingested, none failed.
        #expect(events.filter { $0.contains(" NOTICE_EVENT=ingested ") }.count == 3)
        #expect(events.filter { $0.contains("NOTICE_EVENT=failed") }.isEmpty)
        #expect(log.contains(#"NOTICE_FILE="incoming/q\" NOTICE_EVENT\=failed NOTICE_SHA256\=deadbeef x.txt""#))
        // The forged line is inside a line of ours, escaped.
        #expect(log.contains("incoming/x\\n2026-12-01T00:00:00Z noticed[1] critical: FAKE ENTRY.txt"))
        #expect(log.contains("esc\\x1B[2J\\x1B]0;owned\\x07cr\\rover.txt"))
    }

    @Test("a one-line file just under the size limit: stored, every log line a few KB")
    func hugeLine() throws {
        // A debug build beside the other suites takes about 30 s on 16 MB, the default file
        // budget; this test is about log lines, so the budget is lifted.
        let d = try RunningDaemon(extra: ["--file-budget", "600"])
        // The daemon's default max file size is 16 MiB; stay just under it.
        let unit = Array("城乡低保养老服务工作会议".utf8)  // No title pattern: the whole line is the title.
        let target = (16 << 20) - 4096
        var bytes: [UInt8] = []
        bytes.reserveCapacity(target)
        while bytes.count + unit.count <= target { bytes += unit }
        try Data(bytes).write(to: d.incoming.appendingPathComponent("huge.txt"))
        try d.waitFor("the huge file stored or failed", timeout: 600) {
            d.count("ingested") + d.count("failed") == 1
        }
        let pid = d.process.processIdentifier
        #expect(d.stop() == 0)
        let log = d.log
        Self.checkLines(log, pid: pid)
        let longest = log.split(separator: "\n").map(\.utf8.count).max() ?? 0
        #expect(longest < 8192, "longest line \(longest) bytes")
        #expect(d.count("ingested") == 1, "\(log.suffix(2000))")
        // The title was cut: 200 characters and the ellipsis in its field.
        #expect(log.contains("NOTICE_TITLE=" + String(repeating: "城乡低保养老服务工作会议", count: 16) + "城乡低保养老服务…"))
    }

    static func store() throws -> (dir: URL, db: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("n.sqlite").path
        let seeds = NoticedBinary.root.appendingPathComponent("Tests/PipelineTests/Fixtures/seeds").path
        let result = try NoticedBinary.run(["ingest", seeds, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        return (dir, db)
    }

    @Test("300 chained NOTs, 2,000 ANDed terms, 17 levels of parentheses: refused quickly, in our words")
    func hostileQueries() throws {
        let (dir, db) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let queries = [
            Array(repeating: "养老", count: 301).joined(separator: " NOT "),
            (0..<2_000).map { "养老\($0)" }.joined(separator: " AND "),
            (0..<1_000).map { "养\($0)" }.joined(separator: " "),
            String(repeating: "(", count: 17) + "养老" + String(repeating: ")", count: 17),
            Array(repeating: "养老", count: 18).joined(separator: " NOT "),
        ]
        for query in queries {
            let start = Date()
            let result = try NoticedBinary.run(["search", "--db", db, query])
            let seconds = Date().timeIntervalSince(start)
            #expect(result.status != 0)
            #expect(seconds < 10, "\(seconds) s")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("noticed search: the query"), "\(result.stderr)")
            #expect(!result.stderr.lowercased().contains("fts5") && !result.stderr.lowercased().contains("sqlite"))
        }
        // The deepest query allowed runs.
        let deepest = Array(repeating: "养老", count: 17).joined(separator: " NOT ")
        let ok = try NoticedBinary.run(["search", "--db", db, deepest])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test("the store and state files are 0640 under umask 0022; nobody is told permission denied")
    func permissions() throws {
        let old = umask(0o022)
        defer { umask(old) }
        let d = try RunningDaemon()
        try ServeTests.variant(950).write(to: d.incoming.appendingPathComponent("a.txt"))
        try d.waitFor("one document") { try d.documents() == 1 }
        try d.waitFor("indexed") { FileManager.default.fileExists(atPath: d.db + "-search") }
        for suffix in ["", "-wal", "-shm", "-search", StateFile.suffix] {
            var info = stat()
            #expect(stat(d.db + suffix, &info) == 0, "\(suffix)")
            #expect(info.st_mode & 0o777 == 0o640, "\(suffix): \(String(info.st_mode & 0o777, radix: 8))")
        }
        #expect(d.stop() == 0)
        guard getuid() == 0 else { return }
        // Root-owned 0640 files: nobody can traverse the folder but not read the store.
        chmod(d.dir.path, 0o755)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = [
            "--reuid=nobody", "--regid=nogroup", "--clear-groups", NoticedBinary.url.path, "search", "--db", d.db, "养老",
        ]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(stderr.contains("noticed search: cannot read the store at \(d.db): permission denied"), "\(stderr)")
        #expect(!stderr.contains("no store at"))
    }
}
