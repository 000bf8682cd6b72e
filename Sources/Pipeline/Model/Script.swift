/// Which written form of Chinese a document uses.
///
/// `mixed` means both Traditional-only and Simplified-only characters occur
/// in quantity, typically a Simplified page with pasted Traditional quotes.
public enum Script: String, Sendable, Hashable, CaseIterable, Codable {
    case traditional, simplified, mixed
}
