import Foundation
import Pipeline
import Testing

/// The daemon's entries in a real journald (standalone `systemd-journald`, volatile journal),
/// read back with `journalctl -o json`.
@Suite("journald", .serialized)
struct JournalTests {
    static let journald = "/lib/systemd/systemd-journald"
    static let socket = "/run/systemd/journal/socket"

    /// A running journald: the machine's, or one started here (stopped again by `stop`).
    final class Journald {
        var process: Process?

        init() throws {
            guard !FileManager.default.fileExists(atPath: JournalTests.socket) else { return }
            let process = Process()
            // Started directly (not through setsid, which may fork away from the pid we can stop).
            process.executableURL = URL(fileURLWithPath: JournalTests.journald)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            self.process = process
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: JournalTests.socket), Date() < deadline { usleep(20_000) }
        }

        func stop() {
            guard let process else { return }
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            for stale in [JournalTests.socket, "/run/systemd/journal/stdout", "/run/systemd/journal/dev-log"] {
                try? FileManager.default.removeItem(atPath: stale)
            }
        }
    }

    /// Entries of `journalctl -o json SYSLOG_IDENTIFIER=noticed`; values that journalctl
    /// prints as byte arrays (multi-line, non-UTF-8) are decoded back to strings.
    static func entries() throws -> [[String: String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
        process.arguments = ["-o", "json", "--no-pager", "SYSLOG_IDENTIFIER=noticed"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            var entry: [String: String] = [:]
            for (key, value) in object {
                if let s = value as? String {
                    entry[key] = s
                } else if let bytes = value as? [Int] {
                    entry[key] = String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
                }
            }
            return entry
        }
    }

    @Test(
        "ingested and failed entries carry the DESIGN §6 fields, multi-line and Chinese values intact",
        .enabled(if: getuid() == 0 && FileManager.default.fileExists(atPath: journald)))
    func fields() throws {
        let journald = try Journald()
        defer { journald.stop() }
        #expect(FileManager.default.fileExists(atPath: Self.socket))
        let token = UUID().uuidString.prefix(8)
        let d = try RunningDaemon(extra: ["--log-target", "journal"])
        let good = "好-\(token).txt"
        let bad = "bad\nname-\(token).bin"
        try Data(contentsOf: URL(fileURLWithPath: NoticedBinary.seed("001_ce310034c3aa5c36.txt"))).write(
            to: d.incoming.appendingPathComponent(good))
        try Data([0x00, 0xFF, 0x00, 0x13, 0x37] + Array(repeating: 0, count: 100)).write(
            to: d.incoming.appendingPathComponent(bad))
        try d.waitFor("the good file stored and the bad one quarantined") {
            try d.documents() == 1 && d.files(d.failed).count == 2
        }
        #expect(d.stop() == 0)
        var ingested: [String: String]?
        var failed: [String: String]?
        try d.waitFor("the entries in the journal", timeout: 30) {
            let all = try Self.entries()
            ingested = all.first { $0["NOTICE_FILE"] == "incoming/\(good)" && $0["NOTICE_EVENT"] == "ingested" }
            failed = all.first { $0["NOTICE_FILE"] == "incoming/\(bad)" && $0["NOTICE_EVENT"] == "failed" }
            return ingested != nil && failed != nil
        }
        let i = try #require(ingested)
        #expect(i["PRIORITY"] == "6")
        #expect(i["MESSAGE_ID"] == "2b16ed9393004e04a3e531ccfd0da4bf")
        #expect(i["NOTICE_SHA256"]?.count == 64)
        #expect(i["NOTICE_DOC_ID"] == "1")
        #expect(i["NOTICE_TITLE"] == "省民政厅召开全省民政系统疫情防控工作电视电话会议")
        #expect(i["NOTICE_AGENCY"] == "陕西省民政厅")
        #expect(i["NOTICE_REGION"] == "610000")
        #expect(i["NOTICE_TAGS"]?.contains("epidemic-prevention") == true)
        #expect(Int(i["NOTICE_DURATION_US"] ?? "") != nil)
        #expect(i["MESSAGE"]?.contains("stored as #1") == true)
        let f = try #require(failed)
        #expect(f["PRIORITY"] == "3")
        #expect(f["NOTICE_STAGE"] == "decode")
        #expect(f["NOTICE_ERROR"] == "binary")
        #expect(f["MESSAGE_ID"] == "6de085cc66ed4f2bb3e0909359a463ff")
        #expect(f["NOTICE_FILE"]?.contains("\n") == true)
        let lifecycle = try Self.entries().compactMap { $0["NOTICE_EVENT"] }
        #expect(lifecycle.contains("ready") && lifecycle.contains("stopping") && lifecycle.contains("summary"))
    }
}
