/// A hit's excerpt: the passage around the first match, matches in `[` `]`.
///
/// The search index holds no copy of the text (it is contentless, to keep the store small),
/// so FTS5's `snippet()` has nothing to cut from; the excerpt is cut here from the stored
/// text of the few hits shown.
package enum Snippet {
    /// `width` characters of context in all, about a third of them before the first match.
    package static func make(_ text: String, terms: [String], width: Int = 40) -> String {
        let scalars = Array(text.unicodeScalars).map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }
        let lowered = scalars.map { $0.value >= 0x41 && $0.value <= 0x5A ? $0.value + 0x20 : $0.value }
        let needles = terms.map { term in
            term.unicodeScalars.map { $0.value >= 0x41 && $0.value <= 0x5A ? $0.value + 0x20 : $0.value }
        }.filter { !$0.isEmpty }
        var first: Int?
        for needle in needles {
            if let at = find(needle, in: lowered, from: 0), at < (first ?? Int.max) { first = at }
        }
        let start = max(0, (first ?? 0) - width / 3)
        let end = min(scalars.count, start + width)
        var out = String.UnicodeScalarView()
        if start > 0 { out.append("…") }
        var i = start
        while i < end {
            if let needle = needles.first(where: { matchesAt(i, $0, lowered) }) {
                out.append("[")
                out.append(contentsOf: scalars[i..<min(scalars.count, i + needle.count)])
                out.append("]")
                i += needle.count
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        if i < scalars.count { out.append("…") }
        return String(out)
    }

    private static func matchesAt(_ i: Int, _ needle: [UInt32], _ text: [UInt32]) -> Bool {
        guard i + needle.count <= text.count else { return false }
        for k in 0..<needle.count where text[i + k] != needle[k] { return false }
        return true
    }

    private static func find(_ needle: [UInt32], in text: [UInt32], from: Int) -> Int? {
        var i = from
        while i + needle.count <= text.count {
            if matchesAt(i, needle, text) { return i }
            i += 1
        }
        return nil
    }
}
