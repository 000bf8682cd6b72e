import Foundation
import Pipeline
import Testing

@Suite("Tagging and rules files")
struct TaggerTests {
    static let text = "全市福利彩票销售稳步增长。防汛抗洪救灾物资已发放到位，各地加强养老机构消防检查。"

    func tagged(_ tagger: Tagger, _ text: String = TaggerTests.text) throws -> TaggedNotice {
        try NoticePipeline(tagger: tagger).process(RawNotice(file: "t.txt", bytes: Array(text.utf8)))
    }

    @Test("built-in rules tag with evidence")
    func builtIn() throws {
        let n = try tagged(Tagger())
        #expect(n.tags == ["elderly-care", "welfare-lottery", "work-safety"])
        #expect(n.evidence["welfare-lottery"] == [KeywordCount(keyword: "福利彩票", count: 1)])
    }

    @Test("an operator rules file adds a tag and removes a built-in one")
    func operatorRules() throws {
        let file = """
            remove = ["welfare-lottery"]

            [[tag]]
            id = "flood-relief"
            name = "防汛救灾"
            any = ["防汛", "抗洪"]
            regex = ["救灾.{0,2}物资"]
            none = ["演练"]
            """
        let rules = try RuleSet.builtIn.merging(file, file: "ops.toml")
        let n = try tagged(Tagger(rules: rules))
        #expect(!n.tags.contains("welfare-lottery"))
        #expect(n.tags.contains("flood-relief"))
        #expect(n.evidence["flood-relief"]?.map(\.keyword) == ["防汛", "抗洪", "re:救灾.{0,2}物资"])
        // The veto keyword removes it.
        let drill = try tagged(Tagger(rules: rules), "防汛抗洪演练在全市举行。")
        #expect(!drill.tags.contains("flood-relief"))
    }

    @Test("all-keywords, min_hits and extend")
    func ruleShapes() throws {
        let file = """
            [[tag]]
            id = "elderly-fire"
            all = ["养老", "消防"]

            [[tag]]
            id = "work-safety"
            extend = true
            any = ["检查"]

            [[tag]]
            id = "lottery-strong"
            any = ["福利彩票"]
            min_hits = 2
            """
        let n = try tagged(Tagger(rules: try RuleSet.builtIn.merging(file, file: "ops.toml")))
        #expect(n.tags.contains("elderly-fire"))
        #expect(!n.tags.contains("lottery-strong"))
        #expect(n.evidence["work-safety"]?.map(\.keyword) == ["消防", "检查"])
    }

    @Test(
        "a bad rules file says exactly what is wrong",
        arguments: [
            ("[[tag]]\nid = \"x\"\nany = [\"a\"]\ncolour = 1", "tag #1: unknown key 'colour'"),
            ("[[tag]]\nany = [\"a\"]", "tag #1 has no 'id'"),
            ("[[tag]]\nid = \"x\"", "tag 'x' has no 'any', 'all' or 'regex' keywords"),
            ("[[tag]]\nid = \"x\"\nregex = [\"(\"]", "tag 'x': regex '(' does not compile"),
            (
                "[[tag]]\nid = \"x\"\nregex = [\"(a)\\\\1\"]",
                "tag 'x': regex '(a)\\1' uses a feature RE2 cannot match in linear time (backreference)"
            ),
            (
                "[[tag]]\nid = \"x\"\nregex = [\"养老(?=机构)\"]",
                "tag 'x': regex '养老(?=机构)' uses a feature RE2 cannot match in linear time (lookaround)"
            ),
            (
                "[[tag]]\nid = \"x\"\nregex = [\"[一-龥]{1,1000}\"]",
                "tag 'x': regex '[一-龥]{1,1000}' compiles to a program of"
            ),
            (
                "[[tag]]\nid = \"x\"\nregex = [\"(?!a\\nb)\"]",
                "tag 'x': regex '(?!a\\nb)' uses a feature RE2 cannot match in linear time (lookaround)"
            ),
            ("remove = [\"nope\"]", "'remove' names unknown tag 'nope'"),
            ("[[tag]\nid=", "not valid TOML"),
            (
                "[[tag]]\nid = \"Bad Id\"\nany = [\"a\"]",
                "tag 'Bad Id': ids are lower-case ASCII letters, digits and '-'"
            ),
        ])
    func badRules(_ file: String, _ message: String) {
        do {
            _ = try RuleSet.builtIn.merging(file, file: "ops.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .rules && error.file == "ops.toml")
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test("hostile regexes tag in linear time, compiled once per Tagger")
    func hostileRegexes() throws {
        let file = """
            [[tag]]
            id = "nested"
            regex = ["(a+)+$"]

            [[tag]]
            id = "relief-notice"
            regex = ["关于.*救灾"]

            [[tag]]
            id = "articles"
            regex = ["第[一二三四五六七八九十]+条"]
            """
        let tagger = Tagger(rules: try RuleSet.parse(file, file: "ops.toml"))
        let start = Date()
        let hostile = try tagged(tagger, "关于养老服务的通知\n" + String(repeating: "a", count: 20) + "!")
        #expect(hostile.tags.isEmpty)
        let line = String(repeating: "关于加强养老机构消防安全管理工作的通知", count: 312 * 1024 / 57)
        let long = try tagged(tagger, line)
        #expect(!long.tags.contains("relief-notice"))
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < 5, "\(elapsed) s")
        let ordinary = try tagged(tagger, "第一条　总则。第二条　范围。第十二条　附则。关于做好救灾工作的通知")
        #expect(ordinary.tags == ["relief-notice", "articles"])
        #expect(ordinary.evidence["articles"] == [KeywordCount(keyword: "re:第[一二三四五六七八九十]+条", count: 3)])
        #expect(ordinary.evidence["relief-notice"] == [KeywordCount(keyword: "re:关于.*救灾", count: 1)])
    }

    @Test("the built-in rules are TAXONOMY.md's 21 tags")
    func taxonomy() {
        #expect(RuleSet.builtIn.rules.count == 21)
        #expect(Set(RuleSet.builtIn.rules.map(\.id)).count == 21)
    }

    @Test("the model's taxonomy order is the built-in rules' order, and custom tags sort after it")
    func taxonomyOrder() {
        #expect(Taxonomy.builtInTagIDs == RuleSet.builtIn.rules.map(\.id))
        #expect(
            Taxonomy.ordered(["zz-own", "funeral", "aa-own", "epidemic-prevention"])
                == ["epidemic-prevention", "funeral", "aa-own", "zz-own"])
    }
}
