/// What cleaning repaired or noticed, so damage is measurable instead of silent.
public struct Quality: Sendable, Hashable, Codable {
    public var pinyinRemoved = 0
    public var punctuationFixed = 0
    public var boilerplateLines = 0
    public var spamLines = 0
    public var mojibake = 0
    public var warnings: [String] = []

    public init() {}
}
