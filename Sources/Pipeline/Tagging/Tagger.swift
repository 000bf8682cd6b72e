/// The tagging stage: topic tags from a rule set matched over the Simplified text.
public struct Tagger: Sendable {
    public init() {}

    public func tag(_ parsed: ParsedNotice) -> TaggedNotice {
        TaggedNotice(parsed: parsed)
    }
}
