/// The parsing stage: reads the facts of a notice out of its clean Simplified text.
public struct Parser: Sendable {
    public init() {}

    public func parse(_ clean: CleanText) -> ParsedNotice {
        ParsedNotice(clean: clean)
    }
}
