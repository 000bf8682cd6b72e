/// Whether a document satisfies a query, decided on its text rather than through the index.
///
/// The search index is filled in the background, a moment after a document is committed;
/// `search` asks this matcher about the documents stored since, so a notice is found as soon
/// as it is stored. It follows the index's semantics closely: a term or phrase matches where
/// its Simplified text occurs contiguously (ASCII letters without regard to case), which is
/// what the bigram index's phrase of bigrams finds; a one-hanzi term matches any occurrence.
package struct QueryMatcher: Sendable {
    private let root: SearchQuery.Node

    package init(_ query: SearchQuery) { root = query.root }

    /// `text`: the title and the Simplified text, in any order, as UTF-8.
    package func matches(_ text: [UInt8]) -> Bool {
        let folded = Self.fold(text)
        return folded.withUnsafeBufferPointer { evaluate(root, in: $0) }
    }

    private func evaluate(_ node: SearchQuery.Node, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch node {
        case .term(let term): Self.contains(text, Self.fold(Array(term.utf8)))
        case .and(let parts): parts.allSatisfy { evaluate($0, in: text) }
        case .or(let parts): parts.contains { evaluate($0, in: text) }
        case .not(let left, let right): evaluate(left, in: text) && !evaluate(right, in: text)
        }
    }

    /// ASCII capitals to lower case (UTF-8 continuation bytes are never ASCII, so this is safe).
    package static func fold(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: text, from: 0) != nil
    }

    /// The first byte offset of `needle` in `text` at or after `from`.
    package static func firstIndex(of needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard !needle.isEmpty, let first = needle.first, text.count - from >= needle.count else { return nil }
        var i = from
        let last = text.count - needle.count
        while i <= last {
            if text[i] == first {
                var k = 1
                while k < needle.count, text[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
