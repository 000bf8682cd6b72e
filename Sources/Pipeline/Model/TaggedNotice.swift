/// A notice after tagging: topic tags with the evidence that earned them.
///
/// Evidence is part of the contract so that an analyst can see why a tag
/// was given (which keywords, how often) and an operator can tune rules.
public struct TaggedNotice: Sendable, Hashable {
    public var parsed: ParsedNotice
    public var tags: [String]
    /// Tag → (keyword → count), keywords in the order first seen.
    public var evidence: [String: [KeywordCount]]

    public init(parsed: ParsedNotice, tags: [String] = [], evidence: [String: [KeywordCount]] = [:]) {
        self.parsed = parsed
        self.tags = tags
        self.evidence = evidence
    }

    public var clean: CleanText { parsed.clean }
}

/// How often one keyword (or pattern) matched.
public struct KeywordCount: Sendable, Hashable, Codable {
    public var keyword: String
    public var count: Int

    public init(keyword: String, count: Int) {
        self.keyword = keyword
        self.count = count
    }
}
