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
        let (filter, filterValues) = Self.filterClause(filters, from: 3)
        let counting = PhraseCounting(terms: query.terms)
        return try withSession("search") { s in
            // Per match, only the positions of the query's bigrams come back (`setweight` marks
            // them C, `ts_filter` keeps them), not its text; the text only for a one-hanzi term,
            // whose prefix matches lexemes no list can name.
            // The cut is made outside the window's query: in it, PostgreSQL would compute it for
            // every match before sorting (a long phrase has tens of thousands), not for 2,000.
            let window = try s.query(
                """
                SELECT w.id, w.title, w.tokens,
                    ts_filter(setweight(w.search, 'C', $2::text[]), '{c}')::text\(counting.needsText ? ", w.simplified_zlib" : "")
                FROM (
                    SELECT d.id, coalesce(d.title, '') AS title, d.tokens, d.search, d.simplified_zlib FROM document d
                    WHERE d.search @@ $1::tsquery\(filter)
                    ORDER BY d.id DESC LIMIT \(NoticeStore.rankingWindow)
                ) w
                ORDER BY w.id DESC
                """, [tsquery, counting.lexemes] + filterValues)
            guard !window.isEmpty else { return [] }
            let ranked = try Self.ranked(
                window, counting: counting, complete: window.count < NoticeStore.rankingWindow, s)
            return try Self.hits(Array(ranked.prefix(limit)), terms: query.terms, s)
        }
    }

    /// The window's rows (id, title, tokens, the filtered `tsvector` literal, and the compressed
    /// text when `counting` needs it) ranked by bm25, best first; `complete` when the window
    /// holds every match.
    static func ranked(
        _ window: [PostgresRow], counting: PhraseCounting, complete: Bool, _ s: PostgresSession
    ) throws -> [(id: Int64, score: Double)] {
        let totals = try s.query("SELECT documents, tokens FROM search_totals")[0]
        let rows = Double(try totals.get(0, Int64.self))
        let mean = rows > 0 ? Double(try totals.get(1, Int64.self)) / rows : 0
        var stats: [(id: Int64, stats: [Double])] = []
        stats.reserveCapacity(window.count)
        for row in window {
            let id = try row.get(0, Int64.self)
            let title = try row.get(1, String.self)
            let tokens = Double(try row.get(2, Int32.self))
            let text = counting.needsText ? Compression.simplified(try row.get(4, Data.self)) : ""
            let counts = counting.weightedCounts(title: title, positions: try row.get(3, String.self), text: text)
            stats.append((id, [rows, mean, tokens] + counts))
        }
        var ranked = WindowRanking.rank(stats, complete: complete)
        ranked.sort { $0.score > $1.score || ($0.score == $1.score && $0.id > $1.id) }
        return ranked
    }

    /// The hits for `order`, in that order (an id no longer stored is left out), their
    /// snippets around `terms`.
    static func hits(_ order: [(id: Int64, score: Double)], terms: [String], _ s: PostgresSession) throws
        -> [SearchHit]
    {
        guard !order.isEmpty else { return [] }
        let details = try s.query(
            """
            SELECT d.id, d.file, d.title, d.agency, d.published, d.attachment_of,
                (SELECT string_agg(tag, ',') FROM tag WHERE document_id = d.id) AS tags, d.simplified_zlib
            FROM document d WHERE d.id = ANY($1)
            """, [order.map(\.id)])
        var byID: [Int64: PostgresRow] = [:]
        for row in details { byID[try row.get(0, Int64.self)] = row }
        return try order.compactMap { hit -> SearchHit? in
            guard let row = byID[hit.id] else { return nil }
            let tags = try row.get(6, String?.self)
            return SearchHit(
                id: hit.id, file: try row.get(1, String.self), title: try row.get(2, String?.self),
                agency: try row.get(3, String?.self), published: try row.get(4, String?.self),
                tags: tags.map { $0.split(separator: ",").map(String.init) } ?? [], score: hit.score,
                text: Compression.simplified(try row.get(7, Data.self)), terms: terms,
                attachmentOf: try row.get(5, Int64?.self))
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
/// each term's occurrences in the title (weight 3) and the text (weight 1).
///
/// A term of two or more hanzi is a phrase of its bigrams: its instances are counted on the
/// positions of those bigrams in the document's `tsvector` (a position of the first bigram
/// followed by the next one at the next position, and so on; the title's positions come before
/// the text's, from 1). One hanzi is a prefix query, found wherever the hanzi is in the title
/// and text. Positions are what the `tsvector` keeps (256 per lexeme, up to 16,383): a bigram
/// beyond those in a very long document is not counted.
struct PhraseCounting {
    enum Term {
        case phrase([String])
        case prefix([UInt8])
    }

    let terms: [Term]
    /// The phrases' distinct bigrams, the lexemes the window's positions are asked for.
    let lexemes: [String]
    var needsText: Bool { terms.contains { if case .prefix = $0 { true } else { false } } }

    init(terms words: [String]) {
        terms = words.map { word in
            if BigramVector.isPrefix(word) { return .prefix(QueryMatcher.fold(Array(word.utf8))) }
            return .phrase(BigramTokenizer.tokens(of: word, query: true))
        }
        var seen = Set<String>()
        lexemes = terms.flatMap { term -> [String] in
            if case .phrase(let tokens) = term { return tokens.filter { seen.insert($0).inserted } }
            return []
        }
    }

    /// The weighted count of each term, from the filtered `tsvector` literal (`'养老':3C,17C …`)
    /// and, for prefix terms, the text.
    func weightedCounts(title: String, positions literal: String, text: String) -> [Double] {
        let titleTokens = BigramTokenizer.count(of: title)
        let positions = Self.positions(literal)
        let t = needsText ? QueryMatcher.fold(Array(title.utf8)) : []
        let b = needsText ? QueryMatcher.fold(Array(text.utf8)) : []
        return terms.map { term in
            switch term {
            case .phrase(let tokens):
                guard let first = tokens.first, let starts = positions[first] else { return 0 }
                var count = 0
                for p in starts
                where tokens.indices.dropFirst().allSatisfy({ positions[tokens[$0]]?.contains(p + $0) ?? false }) {
                    count += p <= titleTokens ? 3 : 1
                }
                return Double(count)
            case .prefix(let needle):
                return t.withUnsafeBufferPointer { tp in
                    b.withUnsafeBufferPointer { bp in
                        Double(3 * PhraseCounter.count(needle, in: tp) + PhraseCounter.count(needle, in: bp))
                    }
                }
            }
        }
    }

    /// A `tsvector` literal's lexemes and positions (weights ignored). PostgreSQL writes a
    /// lexeme in single quotes with a quote inside doubled (and a backslash escaped).
    static func positions(_ literal: String) -> [String: Set<Int>] {
        var out: [String: Set<Int>] = [:]
        let bytes = Array(literal.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x27 else {
                i += 1
                continue
            }
            i += 1
            var lexeme: [UInt8] = []
            while i < bytes.count {
                if bytes[i] == 0x27 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x27 {
                        lexeme.append(0x27)
                        i += 2
                        continue
                    }
                    i += 1
                    break
                }
                if bytes[i] == 0x5C, i + 1 < bytes.count { i += 1 }
                lexeme.append(bytes[i])
                i += 1
            }
            var set = Set<Int>()
            if i < bytes.count, bytes[i] == 0x3A {
                i += 1
                var value = 0
                while i < bytes.count, bytes[i] != 0x20 {
                    let c = bytes[i]
                    if c >= 0x30 && c <= 0x39 {
                        value = value * 10 + Int(c - 0x30)
                    } else if c == 0x2C {
                        set.insert(value)
                        value = 0
                    }
                    i += 1
                }
                set.insert(value)
            }
            out[String(decoding: lexeme, as: UTF8.self)] = set
        }
        return out
    }
}

/// Occurrences of a folded needle in folded text.
enum PhraseCounter {
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
