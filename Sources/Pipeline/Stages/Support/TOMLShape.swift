extension TOMLText {
    /// The shape of a TOML file, checked by one pass over its scalars before toml++ parses it.
    ///
    /// Written by hand because it guards the parser itself: it is not a TOML parser and checks
    /// only what toml++ asserts on instead of reporting. Outside quoted strings and comments:
    /// - only ASCII may appear (TOML 1.0 keys, numbers, dates and whitespace are all ASCII;
    ///   toml++ asserts on U+2028, U+2029 and U+0085 where a value starts);
    /// - `[` and `{` close with their own bracket (toml++ asserts on `[}`);
    /// - a line that opens a table header (`[` at the start, outside any array) continues with a
    ///   key or `]` (toml++ asserts on `[.` and `[[ =`).
    /// Anything else wrong is left to toml++, which reports it with its line.
    enum Shape {
        static func check(_ text: String) throws(Failure) {
            let scalars = Array(text.unicodeScalars)
            var line = 1
            var lineStart = 0
            var open: [(bracket: Unicode.Scalar, line: Int)] = []
            var atLineStart = true
            var index = 0

            func failure(_ at: Int, _ message: String) -> Failure {
                Failure(line: line, column: at - lineStart + 1, message: message)
            }

            while index < scalars.count {
                let c = scalars[index]
                if c == "\n" {
                    line += 1
                    lineStart = index + 1
                    atLineStart = true
                    index += 1
                    continue
                }
                if c == " " || c == "\t" || c == "\r" {
                    index += 1
                    continue
                }
                let startsLine = atLineStart
                atLineStart = false
                switch c {
                case "#":
                    while index < scalars.count, scalars[index] != "\n" { index += 1 }
                    continue
                case "\"", "'":
                    index = skipString(scalars, from: index, line: &line, lineStart: &lineStart)
                    continue
                case "[" where startsLine && open.isEmpty:
                    var next = index + 1
                    if next < scalars.count, scalars[next] == "[" { next += 1 }
                    while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
                    guard next < scalars.count, isKeyStart(scalars[next]) || scalars[next] == "]" else {
                        throw failure(next, "a table header must start with a name")
                    }
                    // The header's brackets are toml++'s to check; skip to the key.
                    index = next
                    continue
                case "[", "{":
                    open.append((c, line))
                case "]", "}":
                    let expected: Unicode.Scalar = c == "]" ? "[" : "{"
                    if let last = open.last {
                        guard last.bracket == expected else {
                            throw failure(
                                index, "'\(c)' closes the '\(last.bracket)' opened on line \(last.line)")
                        }
                        open.removeLast()
                    }
                // A stray `]` at the top level ends a table header; toml++ checks those.
                default:
                    guard c.isASCII else {
                        throw failure(
                            index,
                            "U+\(String(c.value, radix: 16, uppercase: true)) outside quotes (write it in a string)")
                    }
                }
                index += 1
            }
        }

        /// Skips the string that starts at `from` and returns the index after it; lines are
        /// counted inside multi-line strings. An unterminated string is left to toml++.
        private static func skipString(
            _ s: [Unicode.Scalar], from start: Int, line: inout Int, lineStart: inout Int
        ) -> Int {
            let q = s[start]
            let triple = start + 2 < s.count && s[start + 1] == q && s[start + 2] == q
            var i = start + (triple ? 3 : 1)
            while i < s.count {
                let c = s[i]
                if c == "\\" && q == "\"" && i + 1 < s.count && s[i + 1] != "\n" {
                    i += 2
                    continue
                }
                if c == "\n" {
                    if !triple { return i }  // toml++ reports the unterminated string
                    line += 1
                    lineStart = i + 1
                }
                if c == q {
                    if !triple { return i + 1 }
                    if i + 2 < s.count, s[i + 1] == q, s[i + 2] == q {
                        // Up to two more quotes may end the content (`""""` ends with a quote).
                        var end = i + 3
                        while end < s.count, end < i + 5, s[end] == q { end += 1 }
                        return end
                    }
                }
                i += 1
            }
            return i
        }

        /// What may start a key: a bare-key character or a quote (TOML 1.0).
        private static func isKeyStart(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'": true
            default: false
            }
        }
    }
}
