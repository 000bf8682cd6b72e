import Foundation
import Pipeline
import Testing

/// RE2-backed operator regexes: linear time on hostile patterns, the old engine's counts on
/// ordinary ones, and one-line refusals for what RE2 cannot match.
@Suite("Linear-time regexes (RE2)")
struct LinearPatternTests {
    /// Seconds `body` takes.
    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    @Test("(a+)+$ on a's and '!' answers at once (backtracking took > 60 s on 20 a's)")
    func nestedQuantifier() throws {
        let p = try LinearPattern("(a+)+$")
        var count = -1
        let short = seconds { count = p.count(in: String(repeating: "a", count: 20) + "!") }
        #expect(count == 0)
        let long = seconds { count = p.count(in: String(repeating: "a", count: 100_000) + "!") }
        #expect(count == 0)
        #expect(p.count(in: String(repeating: "a", count: 20)) == 1)
        #expect(short < 2 && long < 2, "\(short) s, \(long) s")
    }

    @Test("关于.*救灾 on a 312 KB line without 救灾: no match, in one pass (quadratic before)")
    func longLine() throws {
        let p = try LinearPattern("关于.*救灾")
        let line = String(repeating: "关于加强养老机构消防安全管理工作的通知", count: 312 * 1024 / 57)
        #expect(line.utf8.count > 300_000 && !line.contains("救灾"))
        var count = -1
        let t = seconds { count = p.count(in: line) }
        #expect(count == 0)
        #expect(t < 2, "\(t) s")
        #expect(p.count(in: line + "救灾") == 1)
    }

    @Test(
        "counts equal Swift Regex's on ordinary patterns",
        arguments: [
            "第[一二三四五六七八九十]+条", "救灾.{0,2}物资", "[0-9]+", "养老|消防", "(防汛|抗洪)救灾", "\\d{4}年", "b",
        ])
    func sameCounts(_ pattern: String) throws {
        let text = """
            第一条　为了加强防汛抗洪救灾物资管理，制定本办法。第二条　本办法适用于2024年。
            第十二条　养老机构应当落实消防责任。第三十条 防汛救灾、抗洪救灾物资由民政部门统一调拨。第x条。
            """
        let old = text.matches(of: try Regex(pattern)).count
        #expect(old > 0 || pattern == "b")
        #expect(try LinearPattern(pattern).count(in: text) == old)
    }

    @Test("empty-match patterns terminate and count like Swift Regex")
    func emptyMatches() throws {
        for (pattern, text) in [("a*", "baab"), ("a*", ""), ("x?", "养老x"), ("(?:)", "一二"), ("\\b", "ab cd")] {
            let old = text.matches(of: try Regex(pattern)).count
            #expect(try LinearPattern(pattern).count(in: text) == old, "\(pattern) on \(text)")
        }
        // A long text of empty matches is still one step per character, up to the cap.
        #expect(try LinearPattern("a*").count(in: String(repeating: "b", count: 100_000)) == LinearPattern.maxCount)
    }

    @Test("alternatives that make each next search rescan the text stay bounded by the cap")
    func rescanningAlternatives() throws {
        let p = try LinearPattern(".*[^A-Z]|[A-Z]")
        var count = -1
        let t = seconds { count = p.count(in: String(repeating: "A", count: 312 * 1024)) }
        #expect(count == LinearPattern.maxCount)
        #expect(t < 5, "\(t) s")
    }

    @Test(
        "refusals say in one line what RE2 cannot do",
        arguments: [
            ("(a)\\1", "uses a feature RE2 cannot match in linear time (backreference)"),
            ("养老(?=机构)", "uses a feature RE2 cannot match in linear time (lookaround)"),
            ("(?<!民政)局", "uses a feature RE2 cannot match in linear time (lookaround)"),
            ("(?>a+)b", "uses a feature RE2 cannot match in linear time (atomic group)"),
            ("(", "does not compile (missing ): ()"),
            ("[z-a]", "does not compile (invalid character class range: z-a)"),
            ("((a{1,100}){1,100})", "does not compile (invalid repetition size: {1,100})"),
            ("\\pL{1000}", "is too large to compile"),
            ("(?:\\pL{100}){2}", "compiles to a program of"),
            ("[一-龥]{1,1000}", "compiles to a program of"),
            (String(repeating: "a", count: 1_001), "is 1001 bytes long, over the limit of 1000"),
        ])
    func refusals(_ pattern: String, _ reason: String) {
        do {
            _ = try LinearPattern(pattern)
            Issue.record("expected \(pattern) to be refused")
        } catch {
            #expect(error.reason.hasPrefix(reason), "\(error.reason)")
            #expect(!error.reason.contains("\n"))
        }
    }

    @Test("a pattern is safe to share between threads")
    func concurrent() async throws {
        let p = try LinearPattern("第[一二三四五六七八九十]+条")
        let text = String(repeating: "第一条 第二条 其他", count: 400)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { p.count(in: text) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == [Int](repeating: 800, count: 8))
    }
}
