/// Queries fold the way documents are cleaned: Traditional to Simplified.
extension ChineseConverter: TermFolding {
    public func fold(_ term: String) -> String { convert(term) }
}

extension TermFolding where Self == ChineseConverter {
    /// The folding the store's index expects: the cleaning stage's Traditional-to-Simplified table.
    public static var simplified: ChineseConverter { .traditionalToSimplified }
}
