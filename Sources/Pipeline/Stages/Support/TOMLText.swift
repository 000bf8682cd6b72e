package import TOMLKit

/// TOML text to a table through TOMLKit, made safe for any bytes an operator may save.
///
/// TOMLKit bundles toml++, which aborts the process (an `assert`, kept in release builds) on
/// some malformed files instead of reporting them: a table header that does not start with a
/// key (`[.`), an array closed by the wrong bracket (`x = [}`), a Unicode line separator where
/// a value should be. `make fuzz` found each of them, and toml++'s own tracker has more of the
/// same kind (marzer/tomlplusplus#301). A config or rules file must never take the daemon down,
/// least of all on a SIGHUP reload, so ``Shape`` checks the text's shape first — quotes,
/// comments, brackets, what may stand outside quotes — and refuses such a file with its line
/// before toml++ sees it. Everything TOML 1.0 allows passes the check unchanged.
package enum TOMLText {
    package struct Failure: Error {
        package var line: Int
        package var column: Int
        package var message: String
    }

    package static func table(_ text: String) throws(Failure) -> TOMLTable {
        try Shape.check(text)
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw Failure(
                line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw Failure(line: 0, column: 0, message: "\(error)")
        }
    }
}
