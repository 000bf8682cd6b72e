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
    ///
    /// Written on bytes: the tokenizer's byte ranges, lexemes of up to 7 bytes (a hanzi bigram
    /// is 6) keyed by one packed integer, the literal built in a byte buffer. The first version
    /// made a `String` per token and per position and was 90 % of a batch's client time.
    static func document(title: String, text: String) -> (vector: String, tokens: Int) {
        var lexemes = Lexemes()
        let titleTokens = lexemes.add(title, from: 1, weightA: true)
        let textTokens = lexemes.add(text, from: titleTokens + 2, weightA: false)
        return (lexemes.literal(), titleTokens + textTokens)
    }

    /// A document's distinct lexemes in order of first appearance, with their positions.
    private struct Lexemes {
        var packed: [UInt64: Int] = [:]
        var long: [[UInt8]: Int] = [:]
        var bytes: [[UInt8]] = []
        /// Position << 1 | 1 for weight A.
        var positions: [[UInt32]] = []

        /// Adds `text`'s tokens at positions from `start`; how many tokens it had.
        mutating func add(_ text: String, from start: Int, weightA: Bool) -> Int {
            var utf8 = Array(text.utf8)
            let count = utf8.count
            guard count > 0 else { return 0 }
            var n = 0
            utf8.withUnsafeMutableBufferPointer { buffer in
                let base = UnsafePointer(buffer.baseAddress!)
                _ = BigramTokenizer.split(base, count: count, query: false) { a, b, lower in
                    let index = self.index(UnsafeBufferPointer(start: base + a, count: b - a), lower: lower)
                    if positions[index].count < 256 {
                        positions[index].append(UInt32(min(start + n, 16_383)) << 1 | (weightA ? 1 : 0))
                    }
                    n += 1
                    return 0
                }
            }
            return n
        }

        private mutating func index(_ token: UnsafeBufferPointer<UInt8>, lower: Bool) -> Int {
            func folded(_ byte: UInt8) -> UInt8 { lower && byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
            if token.count <= 7 {
                var key = UInt64(token.count) << 56
                for (k, byte) in token.enumerated() { key |= UInt64(folded(byte)) << (8 * k) }
                if let i = packed[key] { return i }
                packed[key] = bytes.count
            } else {
                let key = token.map(folded)
                if let i = long[key] { return i }
                long[key] = bytes.count
            }
            bytes.append(token.map(folded))
            positions.append([])
            return bytes.count - 1
        }

        /// `'养老':1A,9 '老服':2A …`
        func literal() -> String {
            var out: [UInt8] = []
            out.reserveCapacity(positions.reduce(0) { $0 + $1.count } * 6 + bytes.count * 10)
            for (token, list) in zip(bytes, positions) {
                if !out.isEmpty { out.append(0x20) }
                out.append(0x27)
                for byte in token {
                    if byte == 0x27 || byte == 0x5C { out.append(0x5C) }
                    out.append(byte)
                }
                out.append(0x27)
                out.append(0x3A)
                for (k, p) in list.enumerated() {
                    if k > 0 { out.append(0x2C) }
                    Self.append(Int(p >> 1), to: &out)
                    if p & 1 == 1 { out.append(0x41) }
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        static func append(_ value: Int, to out: inout [UInt8]) {
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0)
            var v = value
            var n = 0
            withUnsafeMutableBytes(of: &digits) { d in
                repeat {
                    d[n] = UInt8(0x30 + v % 10)
                    v /= 10
                    n += 1
                } while v > 0 && n < 5
                while n > 0 {
                    n -= 1
                    out.append(d[n])
                }
            }
        }
    }

    /// The `tsquery` literal of a parsed query: a term is its bigrams in a row (`<->`), one
    /// hanzi a prefix (`'养':*`, as `"养"*` in FTS5); `AND`, `OR`, `NOT` as `&`, `|`, `& !`.
    static func query(_ node: SearchQuery.Node) -> String {
        switch node {
        case .term(let t):
            if isPrefix(t) { return quoted(t) + ":*" }
            let tokens = BigramTokenizer.tokens(of: t, query: true)
            guard !tokens.isEmpty else { return "''" }
            return tokens.count == 1 ? quoted(tokens[0]) : "(" + tokens.map(quoted).joined(separator: " <-> ") + ")"
        case .and(let parts): return "(" + parts.map(query).joined(separator: " & ") + ")"
        case .or(let parts): return "(" + parts.map(query).joined(separator: " | ") + ")"
        case .not(let left, let right): return "(" + query(left) + " & !" + query(right) + ")"
        }
    }

    /// Whether a query term is one hanzi: a prefix query (as `"养"*` in FTS5).
    static func isPrefix(_ term: String) -> Bool {
        let scalars = term.unicodeScalars
        return scalars.count == 1 && CharacterClass.isHanzi(scalars.first!.value)
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
