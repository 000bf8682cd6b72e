internal import Foundation
internal import PostgresNIO
public import Store

/// Search: the bigram `tsvector` and its GIN index find the matches; the newest
/// `NoticeStore.rankingWindow` of them are ranked by bm25 as the SQLite store ranks them
/// (`WindowRanking`), from phrase counts taken on their texts here.
extension PostgresStore {
    public func search(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), limit: Int = 20)
        throws(StoreError) -> [SearchHit]
    {
        guard limit > 0 else { return [] }
        let tsquery = BigramVector.query(query.root)
        let (filter, filterValues) = Self.filterClause(filters, from: 2)
        return try withSession("search") { s in
            let window = try s.query(
                """
                SELECT d.id, coalesce(d.title, '') AS title, d.simplified_zlib, d.tokens FROM document d
                WHERE d.search @@ $1::tsquery\(filter)
                ORDER BY d.id DESC LIMIT \(NoticeStore.rankingWindow)
                """, [tsquery] + filterValues)
            guard !window.isEmpty else { return [] }
            let totals = try s.query("SELECT documents, tokens FROM search_totals")[0]
            let rows = Double(try totals.get(0, Int64.self))
            let mean = rows > 0 ? Double(try totals.get(1, Int64.self)) / rows : 0
            let counter = PhraseCounter(terms: query.terms)
            var stats: [(id: Int64, stats: [Double])] = []
            var texts: [Int64: String] = [:]
            for row in window {
                let id = try row.get(0, Int64.self)
                let title = try row.get(1, String.self)
                let text = Compression.simplified(try row.get(2, Data.self))
                texts[id] = text
                let tokens = Double(try row.get(3, Int32.self))
                stats.append((id, [rows, mean, tokens] + counter.weightedCounts(title: title, text: text)))
            }
            var ranked = WindowRanking.rank(stats, complete: window.count < NoticeStore.rankingWindow)
            ranked.sort { $0.score > $1.score || ($0.score == $1.score && $0.id > $1.id) }
            let best = Array(ranked.prefix(limit))
            let details = try s.query(
                """
                SELECT d.id, d.file, d.title, d.agency, d.published, d.attachment_of,
                    (SELECT string_agg(tag, ',') FROM tag WHERE document_id = d.id) AS tags
                FROM document d WHERE d.id = ANY($1)
                """, [best.map(\.id)])
            var byID: [Int64: PostgresRow] = [:]
            for row in details { byID[try row.get(0, Int64.self)] = row }
            return try best.compactMap { hit -> SearchHit? in
                guard let row = byID[hit.id] else { return nil }
                let tags = try row.get(6, String?.self)
                return SearchHit(
                    id: hit.id, file: try row.get(1, String.self), title: try row.get(2, String?.self),
                    agency: try row.get(3, String?.self), published: try row.get(4, String?.self),
                    tags: tags.map { $0.split(separator: ",").map(String.init) } ?? [], score: hit.score,
                    text: texts[hit.id] ?? "", terms: query.terms, attachmentOf: try row.get(5, Int64?.self))
            }
        }
    }

    /// Every document is indexed in its own transaction: there is never anything to catch up.
    public func indexPending(batch: Int) throws(StoreError) -> Int { 0 }

    public func unindexedCount() throws(StoreError) -> Int { 0 }

    /// The SQL conditions (each starting with ` AND `) for the filters on `d`, numbered from `$from`.
    static func filterClause(_ filters: SearchFilters, from first: Int) -> (
        String, [(any PostgresThrowingDynamicTypeEncodable)?]
    ) {
        var sql = ""
        var values: [(any PostgresThrowingDynamicTypeEncodable)?] = []
        func add(_ condition: String, _ value: String) {
            values.append(value)
            sql += " AND " + condition.replacingOccurrences(of: "?", with: "$\(first + values.count - 1)")
        }
        if let tag = filters.tag { add("d.id IN (SELECT document_id FROM tag WHERE tag = ?)", tag) }
        if let code = filters.regionCode {
            add("d.region_code LIKE ? ESCAPE '\\'", NoticeStore.likeEscaped(NoticeStore.regionPrefix(code)) + "%")
        }
        if let agency = filters.agency {
            // A substring with ASCII case ignored, as SQLite's LIKE: `%` and `_` are characters.
            add("lower(d.agency) LIKE lower(?) ESCAPE '\\'", "%" + NoticeStore.likeEscaped(agency) + "%")
        }
        if let since = filters.since { add("d.published >= ? COLLATE \"C\"", since) }
        if let until = filters.until { add("d.published <= ? COLLATE \"C\"", until) }
        if let level = filters.level { add("d.level = ?", level) }
        if let kind = filters.kind { add("d.kind = ?", kind) }
        return (sql, values)
    }
}

/// bm25's per-phrase counts for one document, as `noticed_bm25_stats` takes them from FTS5:
/// each term's occurrences in the title (weight 3) and the text (weight 1). A term of two or
/// more hanzi is a phrase of its bigrams, found where its text occurs (overlaps included, as
/// phrase instances are); one hanzi is a prefix query, found wherever the hanzi is.
struct PhraseCounter {
    let needles: [[UInt8]]

    init(terms: [String]) {
        needles = terms.map { QueryMatcher.fold(Array($0.utf8)) }
    }

    func weightedCounts(title: String, text: String) -> [Double] {
        let t = QueryMatcher.fold(Array(title.utf8))
        let b = QueryMatcher.fold(Array(text.utf8))
        return t.withUnsafeBufferPointer { tp in
            b.withUnsafeBufferPointer { bp in
                needles.map { Double(3 * Self.count($0, in: tp) + Self.count($0, in: bp)) }
            }
        }
    }

    static func count(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        var from = 0
        while let at = QueryMatcher.firstIndex(of: needle, in: text, from: from) {
            n += 1
            // The next occurrence may overlap this one, but starts at a later character.
            from = at + 1
            while from < text.count, text[from] & 0xC0 == 0x80 { from += 1 }
        }
        return n
    }
}
