package import TOMLKit

/// TOML text to a table through TOMLKit, made safe for any bytes an operator may save.
///
/// TOMLKit bundles toml++, which aborts the process (an `assert`, kept in release builds)
/// on a table header that does not start with a key, such as `[.` — found by `make fuzz`.
/// A config or rules file must never take the daemon down, least of all on a SIGHUP
/// reload, so such headers are refused here, with their line, before toml++ sees them.
package enum TOMLText {
    package struct Failure: Error {
        package var line: Int
        package var column: Int
        package var message: String
    }

    package static func table(_ text: String) throws(Failure) -> TOMLTable {
        // Lines by scalars: as Characters, "\r\n" is one grapheme and would hide a line break.
        for (index, line) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            // toml++ asserts unless a key (or the `]` it reports itself) comes next; this also
            // refuses a line-initial nested array inside a multi-line array, which neither of
            // our files has a use for.
            if let first = rest.first, isKeyStart(first) || first == "]" { continue }
            throw Failure(
                line: index + 1, column: line.count - rest.count + 1,
                message: "a table header must start with a name")
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw Failure(
                line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw Failure(line: 0, column: 0, message: "\(error)")
        }
    }

    /// What may start a key: a bare-key character or a quote (TOML 1.0).
    private static func isKeyStart(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'": true
        default: false
        }
    }
}
