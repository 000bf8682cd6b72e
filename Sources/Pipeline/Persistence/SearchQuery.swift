/// The analyst's search syntax, checked and rewritten for FTS5.
///
/// Terms (`养老`), phrases (`"社会救助"`), `AND` (or juxtaposition), `OR`,
/// `NOT` and parentheses. Every term is folded by the `TermFolding` given, which for
/// the commands is the cleaning stage's Traditional-to-Simplified table (a query in
/// Traditional finds Simplified documents and the reverse, since the index holds
/// Simplified text) and quoted, so FTS5's own operators and
/// punctuation cannot leak in. Mistakes give a sentence, not an SQLite error.
///
/// A query is refused before it reaches FTS5 when it is longer than `maxLength` characters,
/// has more than `maxTerms` terms (an AND of 2,000 terms took FTS5 20 s) or nests deeper
/// than `maxDepth` (parentheses and chained `NOT`s: FTS5's parser stack overflows at a few
/// hundred levels, and each level is one more pass over the matches).
public struct SearchQuery: Sendable, Hashable {
    /// Characters (Unicode scalars) a query may have.
    public static let maxLength = 4096
    /// Terms and phrases a query may have.
    public static let maxTerms = 64
    /// Levels of nesting a query may have: each `AND`, `OR` or `NOT` over a group is one,
    /// as is each `(`.
    public static let maxDepth = 16

    /// The query as a tree, for matching documents the index does not hold yet.
    public let root: Node
    /// The FTS5 MATCH expression.
    public let expression: String
    /// The Simplified terms, for highlighting and for the CLI's echo.
    public let terms: [String]

    /// A parsed query: terms and phrases (both Simplified, matched as contiguous text) under
    /// `AND`, `OR` and `NOT`.
    public indirect enum Node: Sendable, Hashable {
        case term(String)
        case and([Node])
        case or([Node])
        case not(Node, Node)
    }

    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    enum Token: Equatable {
        case term(String)
        case phrase(String)
        case and, or, not, open, close
    }

    public init(_ text: String, folding: some TermFolding) throws(SyntaxError) {
        guard text.unicodeScalars.count <= Self.maxLength else {
            throw SyntaxError(
                message: "the query is longer than \(Self.maxLength) characters; search for fewer or shorter terms")
        }
        let tokens = try Self.lex(text)
        let termCount = tokens.count { if case .term = $0 { true } else if case .phrase = $0 { true } else { false } }
        guard termCount <= Self.maxTerms else {
            throw SyntaxError(
                message: "the query has \(termCount) terms; at most \(Self.maxTerms) are allowed, narrow it down")
        }
        var parser = Grammar(tokens: tokens, folding: folding)
        let root = try parser.parseOr()
        if parser.position < parser.tokens.count {
            throw SyntaxError(message: "unexpected \(Self.describe(parser.tokens[parser.position])) in the query")
        }
        guard Self.depth(root) <= Self.maxDepth else { throw Self.tooDeep }
        self.root = root
        self.expression = Self.render(root)
        self.terms = parser.terms
    }

    static let tooDeep = SyntaxError(
        message: "the query nests more than \(maxDepth) levels deep (parentheses and chained NOTs); simplify it")

    /// Levels of operators over operators: a term is 0, `a AND b` is 1, `a NOT b NOT c` is 2.
    static func depth(_ node: Node) -> Int {
        switch node {
        case .term: 0
        case .and(let parts), .or(let parts): 1 + (parts.map(depth).max() ?? 0)
        case .not(let left, let right): 1 + max(depth(left), depth(right))
        }
    }

    /// The FTS5 form of a tree: every term quoted; one hanzi is a prefix query, since it is
    /// the start of a bigram in the index (or a run's last character).
    static func render(_ node: Node) -> String {
        switch node {
        case .term(let t):
            let prefix = t.unicodeScalars.count == 1 && CharacterClass.isHanzi(t.unicodeScalars.first!.value)
            return "\"" + t.replacingQuotes() + "\"" + (prefix ? "*" : "")
        case .and(let parts): return "(" + parts.map(render).joined(separator: " AND ") + ")"
        case .or(let parts): return "(" + parts.map(render).joined(separator: " OR ") + ")"
        case .not(let left, let right): return "(" + render(left) + " NOT " + render(right) + ")"
        }
    }

    static func describe(_ token: Token) -> String {
        switch token {
        case .term(let t): "'\(t)'"
        case .phrase(let p): "\"\(p)\""
        case .and: "AND"
        case .or: "OR"
        case .not: "NOT"
        case .open: "'('"
        case .close: "')'"
        }
    }

    static func lex(_ text: String) throws(SyntaxError) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\u{3000}" {
                i += 1
            } else if c == "(" || c == "（" {
                tokens.append(.open)
                i += 1
            } else if c == ")" || c == "）" {
                tokens.append(.close)
                i += 1
            } else if c == "\"" || c == "“" || c == "”" {
                var j = i + 1
                var phrase = String.UnicodeScalarView()
                while j < chars.count, chars[j] != "\"", chars[j] != "”", chars[j] != "“" {
                    phrase.append(chars[j])
                    j += 1
                }
                guard j < chars.count else { throw SyntaxError(message: "a quoted phrase is not closed") }
                tokens.append(.phrase(String(phrase)))
                i = j + 1
            } else {
                var word = String.UnicodeScalarView()
                while i < chars.count, !" \t\n\u{3000}()（）\"“”".unicodeScalars.contains(chars[i]) {
                    word.append(chars[i])
                    i += 1
                }
                switch String(word) {
                case "AND": tokens.append(.and)
                case "OR": tokens.append(.or)
                case "NOT": tokens.append(.not)
                default: tokens.append(.term(String(word)))
                }
            }
        }
        if tokens.isEmpty { throw SyntaxError(message: "the query is empty") }
        return tokens
    }

    struct Grammar {
        let tokens: [Token]
        let folding: any TermFolding
        var position = 0
        var terms: [String] = []
        /// Open parentheses around the current token (bounded, so the recursion is too).
        var open = 0

        init(tokens: [Token], folding: some TermFolding) {
            self.tokens = tokens
            self.folding = folding
        }

        var current: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func parseOr() throws(SyntaxError) -> Node {
            var parts = [try parseAnd()]
            while current == .or {
                position += 1
                parts.append(try parseAnd())
            }
            return parts.count == 1 ? parts[0] : .or(parts)
        }

        mutating func parseAnd() throws(SyntaxError) -> Node {
            var parts = [try parseNot()]
            while let token = current {
                if token == .and {
                    position += 1
                } else if token == .or || token == .close {
                    break
                } else if token == .not {
                    break
                }
                parts.append(try parseNot())
            }
            return parts.count == 1 ? parts[0] : .and(parts)
        }

        mutating func parseNot() throws(SyntaxError) -> Node {
            var left = try parseUnary()
            var chain = 0
            while current == .not {
                position += 1
                chain += 1
                // Each NOT nests the chain so far one level deeper in the FTS5 expression.
                if chain + open > SearchQuery.maxDepth { throw SearchQuery.tooDeep }
                left = .not(left, try parseUnary())
            }
            return left
        }

        mutating func parseUnary() throws(SyntaxError) -> Node {
            guard let token = current else { throw SyntaxError(message: "the query ends where a term was expected") }
            position += 1
            switch token {
            case .open:
                open += 1
                if open > SearchQuery.maxDepth { throw SearchQuery.tooDeep }
                defer { open -= 1 }
                let inner = try parseOr()
                guard current == .close else { throw SyntaxError(message: "a '(' is not closed") }
                position += 1
                return inner
            case .term(let t), .phrase(let t):
                let simplified = folding.fold(t)
                guard
                    simplified.unicodeScalars.contains(where: {
                        CharacterClass.isHanzi($0.value) || CharacterClass.isPinyinLetter($0.value)
                            || CharacterClass.isASCIIDigit($0.value)
                    })
                else {
                    throw SyntaxError(message: "nothing to search for in \(SearchQuery.describe(token))")
                }
                terms.append(simplified)
                return .term(simplified)
            case .close: throw SyntaxError(message: "a ')' has no matching '('")
            case .and, .or, .not:
                throw SyntaxError(message: "\(SearchQuery.describe(token)) needs a term before and after it")
            }
        }
    }
}

extension String {
    /// FTS5 string literal escaping: a double quote is written twice.
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for ch in self { out += ch == "\"" ? "\"\"" : String(ch) }
        return out
    }
}
