/// The tagging stage: every rule's keywords matched in one automaton pass over
/// the Simplified text, with the evidence (keyword → count) kept per tag.
///
/// Building a `Tagger` compiles the rule set's keywords into the automaton and
/// its regexes into `LinearPattern`s; tagging is then one pass plus a few array
/// reads per rule, and one linear-time count per regex. Reloading rules
/// (SIGHUP) means building a new `Tagger` and swapping it in.
public struct Tagger: Sendable {
    public let rules: RuleSet
    private let automaton: AhoCorasick
    /// Per rule, its regexes, compiled once (a pattern RE2 refuses is left out; RuleSet refuses them).
    private let regexes: [[LinearPattern]]
    /// Per rule, the automaton indices of its any / all / none keywords.
    private let ruleIndices: [(any: [Int], all: [Int], none: [Int])]

    public init(rules: RuleSet = .builtIn) {
        self.rules = rules
        var keywords: [String] = []
        var index: [String: Int] = [:]
        for rule in rules.rules {
            for k in rule.any + rule.all + rule.none where index[k] == nil {
                index[k] = keywords.count
                keywords.append(k)
            }
        }
        self.automaton = AhoCorasick(patterns: keywords)
        self.regexes = rules.rules.map { $0.regex.compactMap { try? LinearPattern($0) } }
        self.ruleIndices = rules.rules.map { rule in
            (rule.any.map { index[$0]! }, rule.all.map { index[$0]! }, rule.none.map { index[$0]! })
        }
    }

    public func tag(_ parsed: ParsedNotice) -> TaggedNotice {
        let text = parsed.clean.simplified
        var counts = [Int](repeating: 0, count: automaton.patterns.count)
        automaton.forEachMatch(in: text.unicodeScalars.lazy.map(\.value)) { counts[$0.pattern] += 1 }
        var tags: [String] = []
        var evidence: [String: [KeywordCount]] = [:]
        for (r, rule) in rules.rules.enumerated() {
            let indices = ruleIndices[r]
            var hits = 0
            for k in indices.any { hits += counts[k] }
            if hits == 0 && regexes[r].isEmpty && !rule.any.isEmpty { continue }
            var found: [KeywordCount] = []
            for (k, keyword) in zip(indices.any, rule.any) where counts[k] > 0 {
                found.append(KeywordCount(keyword: keyword, count: counts[k]))
            }
            for regex in regexes[r] {
                let c = regex.count(in: text)
                hits += c
                if c > 0 { found.append(KeywordCount(keyword: "re:" + regex.pattern, count: c)) }
            }
            let needsHits = !rule.any.isEmpty || !rule.regex.isEmpty
            guard !needsHits || hits >= rule.minHits else { continue }
            guard indices.all.allSatisfy({ counts[$0] > 0 }) else { continue }
            guard !indices.none.contains(where: { counts[$0] > 0 }) else { continue }
            for (k, keyword) in zip(indices.all, rule.all) where !found.contains(where: { $0.keyword == keyword }) {
                found.append(KeywordCount(keyword: keyword, count: counts[k]))
            }
            tags.append(rule.id)
            evidence[rule.id] = found
        }
        return TaggedNotice(parsed: parsed, tags: tags, evidence: evidence)
    }
}
