/// The tagging stage: every rule's keywords matched in one automaton pass over
/// the Simplified text, with the evidence (keyword → count) kept per tag.
///
/// Building a `Tagger` compiles the rule set (the automaton and the regexes);
/// tagging is then one pass plus a few array reads per rule. Reloading rules
/// (SIGHUP) means building a new `Tagger` and swapping it in.
public struct Tagger: Sendable {
    public let rules: RuleSet
    private let automaton: AhoCorasick
    private let keywords: [String]
    private let keywordIndex: [String: Int]
    private let regexes: [[String]]

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
        self.keywords = keywords
        self.keywordIndex = index
        self.automaton = AhoCorasick(patterns: keywords)
        self.regexes = rules.rules.map(\.regex)
    }

    public func tag(_ parsed: ParsedNotice) -> TaggedNotice {
        let text = parsed.clean.simplified
        var counts = [Int](repeating: 0, count: keywords.count)
        automaton.forEachMatch(in: text.unicodeScalars.lazy.map(\.value)) { counts[$0.pattern] += 1 }
        var tags: [String] = []
        var evidence: [String: [KeywordCount]] = [:]
        for (r, rule) in rules.rules.enumerated() {
            var found: [KeywordCount] = []
            var hits = 0
            for k in rule.any {
                let c = counts[keywordIndex[k]!]
                hits += c
                if c > 0 { found.append(KeywordCount(keyword: k, count: c)) }
            }
            for pattern in regexes[r] {
                guard let regex = try? Regex(pattern) else { continue }
                let c = text.matches(of: regex).count
                hits += c
                if c > 0 { found.append(KeywordCount(keyword: "re:" + pattern, count: c)) }
            }
            let needsHits = !rule.any.isEmpty || !rule.regex.isEmpty
            guard !needsHits || hits >= rule.minHits else { continue }
            guard rule.all.allSatisfy({ counts[keywordIndex[$0]!] > 0 }) else { continue }
            guard !rule.none.contains(where: { counts[keywordIndex[$0]!] > 0 }) else { continue }
            for k in rule.all where !found.contains(where: { $0.keyword == k }) {
                found.append(KeywordCount(keyword: k, count: counts[keywordIndex[k]!]))
            }
            tags.append(rule.id)
            evidence[rule.id] = found
        }
        return TaggedNotice(parsed: parsed, tags: tags, evidence: evidence)
    }
}
