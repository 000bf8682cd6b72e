import Foundation
import FuzzKit
import Pipeline
import TestKit
import Testing

/// Every input `make fuzz` ever crashed on, replayed through the same fuzz target (a crash
/// here fails the whole run, which is the point), plus what each must answer instead.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    static func inputs(_ target: FuzzTarget) throws -> [URL] {
        let dir = Fixtures.directory.appendingPathComponent("fuzz/\(target.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test("each saved crash input runs through its target without crashing", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        for url in try Self.inputs(target) { target.run([UInt8](try Data(contentsOf: url))) }
    }

    @Test("a table header without a name (toml++ asserted on it) is a one-line rules error")
    func headerWithoutName() {
        for text in ["[.", "[[ .x]]", "a = 1\n[ #]", "[\t=]", " [ \n[t", "[[[[", "[", "\r\n [[\n"] {
            #expect(throws: PipelineError.self) { try RuleSet.parse(text, file: "r.toml") }
        }
        // Arrays, quoted keys and array-of-tables still parse.
        #expect(throws: Never.self) { try RuleSet.parse("[[tag]]\nid = \"x\"\nany = [\n  \"a\",\n]\n", file: "r.toml") }
        #expect(throws: Never.self) { try RuleSet.parse("[[ \"tag\" ]]\nid = \"y\"\nany = [\"b\"]\n", file: "r.toml") }
    }

    @Test("a bracket closed by the wrong one, or a Unicode line separator outside quotes, is a one-line rules error")
    func wrongBracketsAndSeparators() {
        for text in [
            "mer=[}  c\ni  +", "a = [ 1, }", "a = [\n # c\n }", "a = [\u{2028}1]", "a = \u{85}1", "t = { a = [1} }",
        ] {
            #expect(throws: PipelineError.self) { try RuleSet.parse(text, file: "r.toml") }
        }
        // Brackets and non-ASCII inside strings and comments are text, not shape.
        let fine = #"""
            # 注释 [ { ]
            [[tag]]
            id = "x"
            any = ["养老]", '{救助', """多行
            [}""", '''字面 ] '''] # 尾注 }
            nested = [[1, 2], [3]]
            table = { k = ["v"] }
            [[tag]]
            id = "y\""
            any = ["b\\"]
            """#
        #expect(throws: Never.self) { try TOMLText.table(fine) }
    }
}
