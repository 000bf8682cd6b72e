package import Foundation

/// The stored form of a notice's derived columns, computed off the writer (see `Arrival`).
package struct PreparedColumns: Sendable {
    package let simhash: UInt64
    package let compressedOriginal: Data?
    /// The own-script text, zlib-compressed; nil when it equals the Simplified text.
    package let compressedText: Data?
    /// The Simplified text, zlib-compressed (what the store keeps; see `Schema` v4).
    package let compressedSimplified: Data
    package let official: String
    package let metadata: String
    package let quality: String
    package let people: [(name: String, positions: String)]
    package let evidence: [String]
    /// Directives as spans of the Simplified text's UTF-8 (or the words, when not found there).
    package let directives: [(start: Int?, length: Int?, text: String?)]

    package init(_ n: TaggedNotice, original: [UInt8]?) {
        let p = n.parsed
        let c = p.clean
        simhash = SimHash.hash(c.simplified)
        compressedOriginal = original.map { Data(Compression.deflate($0)) }
        compressedText = c.text == c.simplified ? nil : Data(Compression.deflate(Array(c.text.utf8)))
        compressedSimplified = Data(Compression.deflate(Array(c.simplified.utf8)))
        official = StoredJSON.official(p.official)
        metadata = StoredJSON.metadata(c.metadata, format: c.format, page: c.page)
        quality = StoredJSON.quality(c.quality)
        people = p.people.map { ($0.name, StoredJSON.strings($0.positions)) }
        evidence = n.tags.map { StoredJSON.evidence(n.evidence[$0] ?? []) }
        // A directive is a span of the Simplified text: store where it lies, not the words again.
        let text = Array(c.simplified.utf8)
        var from = 0
        var spans: [(start: Int?, length: Int?, text: String?)] = []
        for d in p.directives {
            let needle = Array(d.utf8)
            if let at = text.firstIndex(of: needle, from: from) {
                spans.append((at, needle.count, nil))
                from = at + needle.count
            } else {
                spans.append((nil, nil, d))
            }
        }
        directives = spans
    }
}
