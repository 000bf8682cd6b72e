internal import Store

/// The search index's forms in PostgreSQL: a document's bigram tokens (the SQLite store's
/// `BigramTokenizer`, run here in the client) as a `tsvector` literal, and a query as a
/// `tsquery` literal.
///
/// Both are written as literals of exact lexemes, so no text search configuration, parser or
/// locale of the server changes a token: `'养老':1A,9 '老服':2A`. The title's tokens are at
/// weight A from position 1, the text's at weight D after a gap, so a phrase never spans the
/// two (FTS5 columns). PostgreSQL keeps positions up to 16,383 and 256 positions per lexeme:
/// a phrase found only beyond those in a very long document is missed (the SQLite index has
/// no such limit; a 10 KB notice has about 3,500 tokens).
enum BigramVector {
    /// The `tsvector` literal of a document and its token count (title and text, what bm25's
    /// length normalisation counts).
    static func document(title: String, text: String) -> (vector: String, tokens: Int) {
        let titleTokens = BigramTokenizer.tokens(of: title)
        let textTokens = BigramTokenizer.tokens(of: text)
        var positions: [String: [String]] = [:]
        var order: [String] = []
        func add(_ token: String, _ position: Int, weight: String) {
            let p = min(position, 16_383)
            if positions[token] == nil {
                positions[token] = []
                order.append(token)
            }
            if positions[token]!.count < 256 { positions[token]!.append("\(p)\(weight)") }
        }
        for (i, t) in titleTokens.enumerated() { add(t, i + 1, weight: "A") }
        let textStart = titleTokens.count + 2
        for (i, t) in textTokens.enumerated() { add(t, textStart + i, weight: "") }
        var out = ""
        out.reserveCapacity((titleTokens.count + textTokens.count) * 12)
        for token in order {
            if !out.isEmpty { out += " " }
            out += quoted(token) + ":" + positions[token]!.joined(separator: ",")
        }
        return (out, titleTokens.count + textTokens.count)
    }

    /// The `tsquery` literal of a parsed query: a term is its bigrams in a row (`<->`), one
    /// hanzi a prefix (`'养':*`, as `"养"*` in FTS5); `AND`, `OR`, `NOT` as `&`, `|`, `& !`.
    static func query(_ node: SearchQuery.Node) -> String {
        switch node {
        case .term(let t):
            let scalars = t.unicodeScalars
            if scalars.count == 1, CharacterClass.isHanzi(scalars.first!.value) { return quoted(t) + ":*" }
            let tokens = BigramTokenizer.tokens(of: t, query: true)
            guard !tokens.isEmpty else { return "''" }
            return tokens.count == 1 ? quoted(tokens[0]) : "(" + tokens.map(quoted).joined(separator: " <-> ") + ")"
        case .and(let parts): return "(" + parts.map(query).joined(separator: " & ") + ")"
        case .or(let parts): return "(" + parts.map(query).joined(separator: " | ") + ")"
        case .not(let left, let right): return "(" + query(left) + " & !" + query(right) + ")"
        }
    }

    /// A lexeme in single quotes, its quotes and backslashes escaped.
    static func quoted(_ token: String) -> String {
        var out = "'"
        for ch in token {
            if ch == "'" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out + "'"
    }
}
