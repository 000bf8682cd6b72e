internal import Pipeline
internal import Store

/// The parameters of `/search`, `/api/search`, the feed and the exports, validated: a query in
/// `noticed search`'s syntax and the filters. A value that cannot be honoured is a `WebError`
/// (400) naming the parameter, never a guess.
struct SearchParameters: Sendable {
    static let names = ["q", "tag", "region", "level", "kind", "agency", "since", "until", "page"]
    static let pageSize = 20
    static let maxPage = 500
    static let maxLimit = 100

    var q = ""
    var tag: String?
    var region: String?
    var level: String?
    var kind: String?
    var agency: String?
    var since: String?
    var until: String?
    var page = 1

    /// The parsed query; nil for an empty `q` (browse, newest first).
    var query: SearchQuery?
    var filters = SearchFilters()

    init(_ get: (String) -> String?) throws(WebError) {
        func text(_ name: String, max: Int = 64) throws(WebError) -> String? {
            guard let value = get(name)?.trimmingSpaces, !value.isEmpty else { return nil }
            guard value.count <= max else {
                throw WebError(.badRequest, "\(name) is too long (at most \(max) characters)")
            }
            return value
        }
        q = try text("q", max: 256) ?? ""
        if !q.isEmpty {
            do {
                query = try SearchQuery(q, folding: .simplified)
            } catch {
                throw WebError(.badRequest, "the query cannot be read: \(error.message)")
            }
        }
        tag = try text("tag")
        agency = try text("agency")
        if let value = try text("region") {
            guard let found = RegionDirectory.gbt2260.lookup(value) else {
                throw WebError(
                    .badRequest, "unknown region '\(value)' (give a GB/T 2260 code such as 610000 or a name)")
            }
            region = found.code
        }
        if let value = try text("level") {
            guard AdministrativeLevel(rawValue: value) != nil else {
                throw WebError(.badRequest, "level must be national, provincial, prefectural or county")
            }
            level = value
        }
        if let value = try text("kind") {
            guard DocumentKind(rawValue: value) != nil else {
                throw WebError(.badRequest, "kind must be meeting, notice, report or other")
            }
            kind = value
        }
        since = try Self.day(try text("since"), name: "since", end: false)
        until = try Self.day(try text("until"), name: "until", end: true)
        if let value = try text("page") {
            guard let number = Int(value), number >= 1, number <= Self.maxPage else {
                throw WebError(.badRequest, "page must be a whole number from 1 to \(Self.maxPage)")
            }
            page = number
        }
        filters = SearchFilters(
            tag: tag, regionCode: region, agency: agency, since: since, until: until, level: level, kind: kind)
        let current = [q.isEmpty ? nil : q, tag, region, level, kind, agency, since, until, nil]
        escaped = current.map { $0.map(URLQuery.escape) }
    }

    /// Per name of `names`, its value as a link carries it (`page` never: see `link`).
    private var escaped: [String?] = []

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the first or last day it covers.
    static func day(_ value: String?, name: String, end: Bool) throws(WebError) -> String? {
        guard let value else { return nil }
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard parts.count <= 3,
            parts.enumerated().allSatisfy({ $0.element.count == widths[$0.offset] && $0.element.allSatisfy(\.isASCII) }
            ),
            parts.allSatisfy({ Int($0) != nil })
        else { throw WebError(.badRequest, "\(name) must be a date: YYYY, YYYY-MM or YYYY-MM-DD") }
        let month = parts.count > 1 ? Int(parts[1])! : nil
        let dayOfMonth = parts.count > 2 ? Int(parts[2])! : nil
        if let month, !(1...12).contains(month) { throw WebError(.badRequest, "\(name) has no month \(month)") }
        if let dayOfMonth, !(1...31).contains(dayOfMonth) {
            throw WebError(.badRequest, "\(name) has no day \(dayOfMonth)")
        }
        switch parts.count {
        case 1: return value + (end ? "-12-31" : "-01-01")
        case 2: return value + (end ? "-31" : "-01")
        default: return value
        }
    }

    /// The query string of these parameters with `changes` applied (nil removes one); `page`
    /// is dropped unless changed, since a narrower search starts on its first page.
    func link(_ path: String = "/search", _ changes: [String: String?] = [:]) -> String {
        var link = path
        for (name, current) in zip(Self.names, escaped) {
            let value = changes.keys.contains(name) ? changes[name]!.map(URLQuery.escape) : current
            guard let value else { continue }
            link += (link.utf8.count == path.utf8.count ? "?" : "&") + name + "=" + value
        }
        return link
    }

    var isEmpty: Bool {
        q.isEmpty && tag == nil && region == nil && level == nil && kind == nil && agency == nil && since == nil
            && until == nil
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
