/// Folds a search term to the form the store indexes, which is the cleaned (Simplified) text.
///
/// Promises nothing itself: it is the seam that lets the store read queries the way the
/// cleaning stage writes documents without depending on the stage. The pipeline's
/// `ChineseConverter` conforms (`.simplified`); tests may fold however they need.
public protocol TermFolding: Sendable {
    func fold(_ term: String) -> String
}
