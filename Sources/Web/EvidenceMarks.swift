/// A document's text with each keyword that earned a tag marked (`<mark data-tag="…">`), the
/// rest escaped: an analyst sees why the tag is there. The longest keyword at a position wins.
enum EvidenceMarks {
    static func html(_ text: String, evidence: [(tag: String, keywords: [String])]) -> String {
        var byFirst: [Unicode.Scalar: [(word: [Unicode.Scalar], tag: String)]] = [:]
        for (tag, keywords) in evidence {
            for keyword in keywords {
                let word = Array(keyword.unicodeScalars)
                guard let first = word.first, word.count <= 64 else { continue }
                byFirst[first, default: []].append((word, tag))
            }
        }
        for key in byFirst.keys { byFirst[key]!.sort { $0.word.count > $1.word.count } }
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var plain = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if let candidates = byFirst[scalars[i]],
                let hit = candidates.first(where: { c in
                    i + c.word.count <= scalars.count && scalars[i..<(i + c.word.count)].elementsEqual(c.word)
                })
            {
                out += HTMLText.escape(String(plain))
                plain.removeAll(keepingCapacity: true)
                out +=
                    "<mark class=\"evidence\" data-tag=\"\(HTMLText.escape(hit.tag))\">"
                    + HTMLText.escape(String(String.UnicodeScalarView(hit.word))) + "</mark>"
                i += hit.word.count
            } else {
                plain.append(scalars[i])
                i += 1
            }
        }
        out += HTMLText.escape(String(plain))
        return out
    }
}
