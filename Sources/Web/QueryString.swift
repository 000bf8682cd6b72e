internal import Foundation

/// A request's query string as HTML forms send it (`application/x-www-form-urlencoded`: `+` is
/// a space, `%XX` a byte of UTF-8); the first value of a name wins. Bad percent-encoding is a
/// 400, not a guess.
enum QueryString {
    static func parse(_ query: String?) throws(WebError) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        var values: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else {
                throw WebError(.badRequest, "the address's query is not valid UTF-8 percent-encoding")
            }
            guard let value = parts.count > 1 ? decode(parts[1]) : "" else {
                throw WebError(.badRequest, "the value of \(name.prefix(32)) is not valid UTF-8 percent-encoding")
            }
            if values[name] == nil { values[name] = value }
        }
        return values
    }

    private static func decode(_ part: Substring) -> String? {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
