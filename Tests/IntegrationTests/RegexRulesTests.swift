import Foundation
import Pipeline
import Testing

/// Operator regexes through the real binary: patterns that once hung a worker are matched in
/// linear time, and patterns RE2 cannot match are refused by `noticed check`.
@Suite("operator regexes (RE2)", .serialized)
struct RegexRulesTests {
    /// A temporary folder with a rules file holding `regex = [pattern]` under tag `hostile`.
    static func rulesFile(_ pattern: String, in dir: URL) throws -> String {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("rules.toml").path
        let escaped = pattern.replacingOccurrences(of: "\\", with: "\\\\")
        try "[[tag]]\nid = \"hostile\"\nregex = [\"\(escaped)\"]\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func temporary() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("noticed-regex-\(UUID().uuidString)")
    }

    @Test("关于.*救灾 (quadratic before): a 312 KB line, then a good notice, both stored promptly")
    func longLineThenGood() throws {
        let rulesDir = Self.temporary()
        defer { try? FileManager.default.removeItem(at: rulesDir) }
        let rules = try Self.rulesFile("关于.*救灾", in: rulesDir)
        let d = try RunningDaemon(extra: ["--workers", "1", "--rules", rules])
        let line = String(repeating: "关于加强养老机构消防安全管理工作的通知", count: 312 * 1024 / 57)
        try Data(line.utf8).write(to: d.incoming.appendingPathComponent("long.txt"))
        try ServeTests.seedBytes(0).write(to: d.incoming.appendingPathComponent("good.txt"))
        let start = Date()
        try d.waitFor("both stored", timeout: 20) { try d.documents() == 2 }
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(d.count("failed") == 0)
        #expect(d.stop() == 0)
    }

    @Test("(a+)+$ (exponential before): a notice ending in 20 a's and '!', then a good notice, both stored promptly")
    func nestedQuantifierThenGood() throws {
        let rulesDir = Self.temporary()
        defer { try? FileManager.default.removeItem(at: rulesDir) }
        let rules = try Self.rulesFile("(a+)+$", in: rulesDir)
        let d = try RunningDaemon(extra: ["--workers", "1", "--rules", rules])
        try Data(("关于养老服务的通知\n" + String(repeating: "a", count: 20) + "!").utf8).write(
            to: d.incoming.appendingPathComponent("aaa.txt"))
        try ServeTests.seedBytes(1).write(to: d.incoming.appendingPathComponent("good.txt"))
        try d.waitFor("both stored", timeout: 20) { try d.documents() == 2 }
        #expect(d.count("failed") == 0)
        #expect(d.stop() == 0)
    }

    /// `noticed check` on a temporary spool and store, so only the rules can fail.
    func check(_ pattern: String) throws -> NoticedBinary.Result {
        let dir = Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = try Self.rulesFile(pattern, in: dir)
        let spool = dir.appendingPathComponent("spool")
        for sub in ["incoming", "done", "failed"] {
            try FileManager.default.createDirectory(
                at: spool.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        return try NoticedBinary.run([
            "check", "--rules", rules, "--spool", spool.path, "--db", dir.appendingPathComponent("n.sqlite").path,
        ])
    }

    @Test("noticed check refuses a backreference with one line naming the tag and pattern")
    func checkRefusesBackreference() throws {
        let bad = try check("(a)\\1")
        #expect(bad.status != 0)
        let failures = (bad.stdout + bad.stderr).split(separator: "\n").filter { $0.contains("FAIL") }
        #expect(failures.count == 1, "\(bad.stdout)\(bad.stderr)")
        #expect(failures.first?.contains("tag 'hostile': regex '(a)\\1'") == true, "\(failures)")
        #expect(failures.first?.contains("backreference") == true, "\(failures)")
        let good = try check("(a+)+$")
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
    }
}
