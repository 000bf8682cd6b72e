/// The original text beside what cleaning kept, as one HTML stream: characters cleaning removed
/// (pinyin, boilerplate and spam lines, doubled punctuation) in `<del>`, characters it put in
/// (full-width punctuation for half-width) in `<ins>`, the rest as is, all escaped.
///
/// Uses the standard library's `difference(from:)` (Myers' O((N+M)·D) algorithm) over Unicode
/// scalars; texts longer than `limit` scalars are not compared (the page says so).
enum RepairDiff {
    static let limit = 60_000

    static func html(original: String, cleaned: String) -> String? {
        let a = Array(original.unicodeScalars)
        let b = Array(cleaned.unicodeScalars)
        guard a.count <= limit, b.count <= limit else { return nil }
        let changes = b.difference(from: a)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in changes {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        enum Run { case same, del, ins }
        var out = ""
        var run = Run.same
        var text = String.UnicodeScalarView()
        func flush() {
            guard !text.isEmpty else { return }
            let escaped = HTMLText.escape(String(text))
            switch run {
            case .same: out += escaped
            case .del: out += "<del>" + escaped + "</del>"
            case .ins: out += "<ins>" + escaped + "</ins>"
            }
            text.removeAll(keepingCapacity: true)
        }
        func emit(_ scalar: Unicode.Scalar, _ kind: Run) {
            if kind != run {
                flush()
                run = kind
            }
            text.append(scalar)
        }
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                emit(a[i], .del)
                i += 1
            } else if j < b.count, inserted.contains(j) {
                emit(b[j], .ins)
                j += 1
            } else if i < a.count, j < b.count {
                emit(a[i], .same)
                i += 1
                j += 1
            } else {
                break
            }
        }
        flush()
        return out
    }
}
