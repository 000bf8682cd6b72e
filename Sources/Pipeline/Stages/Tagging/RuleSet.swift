private import TOMLKit

/// The tag rules in force: the built-in civil-affairs taxonomy, plus an operator's rules file.
///
/// Rules files are TOML, the same format as the built-in set:
///
/// ```toml
/// remove = ["welfare-lottery"]          # built-in tags to drop
///
/// [[tag]]
/// id = "flood-relief"                   # a new tag, or a built-in one to replace
/// name = "防汛救灾"
/// any = ["防汛", "抗洪"]                 # keywords, counted on the Simplified text
/// all = []                              # keywords that must all occur
/// none = ["演练"]                        # keywords that veto the tag
/// regex = ["救灾.{0,4}物资"]              # RE2 patterns, counted like keywords (see LinearPattern)
/// min_hits = 1
/// extend = false                        # true: add to a built-in tag instead of replacing it
/// ```
public struct RuleSet: Sendable, Hashable {
    public var rules: [TagRule]

    public init(rules: [TagRule]) { self.rules = rules }

    /// The taxonomy of TAXONOMY.md.
    public static let builtIn: RuleSet = {
        do {
            return try RuleSet.parse(builtInRulesTOML, file: "built-in rules")
        } catch {
            fatalError("the built-in rules do not parse: \(error)")  // a build defect, covered by tests
        }
    }()

    /// Parses a rules file on its own (no built-in rules).
    public static func parse(_ text: String, file: String) throws(PipelineError) -> RuleSet {
        try RuleSet(rules: []).merging(text, file: file)
    }

    /// This set with an operator's rules file applied: new tags added, same-id tags replaced
    /// (or extended), `remove`d tags dropped.
    public func merging(_ text: String, file: String) throws(PipelineError) -> RuleSet {
        func fail(_ message: String) -> PipelineError {
            PipelineError(file: file, stage: .tag, code: .rules, message: message)
        }
        let table: TOMLTable
        do {
            table = try TOMLText.table(text)
        } catch {
            throw fail("not valid TOML at line \(error.line), column \(error.column)")
        }
        for key in table.keys where key != "tag" && key != "remove" {
            throw fail("unknown key '\(key)' (expected [[tag]] tables and 'remove')")
        }
        var rules = self.rules
        if let remove = table["remove"] {
            guard let list = remove.array?.compactMap({ $0.string }), list.count == remove.array?.count else {
                throw fail("'remove' must be a list of tag ids")
            }
            for id in list {
                guard rules.contains(where: { $0.id == id }) else { throw fail("'remove' names unknown tag '\(id)'") }
                rules.removeAll { $0.id == id }
            }
        }
        guard let entries = table["tag"] else { return RuleSet(rules: rules) }
        guard let array = entries.array else { throw fail("'tag' must be an array of tables ([[tag]])") }
        for (n, entry) in array.enumerated() {
            guard let t = entry.table else { throw fail("tag #\(n + 1) is not a table") }
            let rule = try Self.rule(t, number: n + 1, fail: fail)
            let extend = t["extend"]?.bool ?? false
            if let i = rules.firstIndex(where: { $0.id == rule.id }) {
                if extend {
                    rules[i].any += rule.any
                    rules[i].all += rule.all
                    rules[i].none += rule.none
                    rules[i].regex += rule.regex
                } else {
                    rules[i] = rule
                }
            } else {
                rules.append(rule)
            }
        }
        return RuleSet(rules: rules)
    }

    private static func rule(
        _ t: TOMLTable, number: Int, fail: (String) -> PipelineError
    ) throws(PipelineError) -> TagRule {
        let known: Set<String> = ["id", "name", "any", "all", "none", "regex", "min_hits", "extend"]
        for key in t.keys where !known.contains(key) {
            throw fail("tag #\(number): unknown key '\(key)'")
        }
        guard let id = t["id"]?.string, !id.isEmpty else { throw fail("tag #\(number) has no 'id'") }
        guard id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
            throw fail("tag '\(id)': ids are lower-case ASCII letters, digits and '-'")
        }
        func list(_ key: String) throws(PipelineError) -> [String] {
            guard let value = t[key] else { return [] }
            guard let array = value.array else { throw fail("tag '\(id)': '\(key)' must be a list of strings") }
            var out: [String] = []
            for item in array {
                guard let s = item.string, !s.isEmpty else {
                    throw fail("tag '\(id)': '\(key)' must be a list of non-empty strings")
                }
                out.append(s)
            }
            return out
        }
        let rule = TagRule(
            id: id, name: t["name"]?.string ?? id, any: try list("any"), all: try list("all"), none: try list("none"),
            regex: try list("regex"), minHits: t["min_hits"]?.int ?? 1)
        if rule.any.isEmpty && rule.all.isEmpty && rule.regex.isEmpty {
            throw fail("tag '\(id)' has no 'any', 'all' or 'regex' keywords")
        }
        for pattern in rule.regex {
            do {
                _ = try LinearPattern(pattern)
            } catch {
                // Control characters escaped, so the message stays one line.
                let shown = pattern.unicodeScalars.map {
                    $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0)
                }.joined()
                throw fail("tag '\(id)': regex '\(shown)' \(error.reason)")
            }
        }
        guard rule.minHits >= 1 else { throw fail("tag '\(id)': 'min_hits' must be at least 1") }
        return rule
    }
}
