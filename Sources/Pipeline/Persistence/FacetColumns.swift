internal import Foundation
internal import GRDB

/// The facet fields of every document as small in-memory columns (province, level, kind,
/// agency, year, month, tags as bits), indexed by id: facets and the timeline of thousands of
/// matches are counted in microseconds instead of thousands of row and tag lookups (issue 17
/// measured ~130 ms per page that way on 100,000 documents).
///
/// Promises: documents stored since the last count are read before counting (the columns
/// follow the store's largest id); fields a `reprocess` rewrites in place are read again by a
/// full reload at most `reloadInterval` seconds later. About 12 bytes per document.
struct FacetColumns {
    static let reloadInterval: TimeInterval = 600

    private(set) var through: Int64 = 0
    private var loadedAt = Date.distantPast
    private var province: [UInt8] = []
    private var level: [UInt8] = []
    private var kind: [UInt8] = []
    private var agency: [UInt32] = []
    private var year: [UInt16] = []
    private var month: [UInt8] = []
    private var tags: [UInt64] = []
    private var overflowTags: [Int64: [String]] = [:]

    private var provinces = Interned()
    private var levels = Interned()
    private var kinds = Interned()
    private var agencies = Interned()
    private var tagNames = Interned()

    /// Strings as small numbers; 0 is "none".
    struct Interned {
        var names: [String] = [""]
        var index: [String: Int] = [:]
        mutating func id(_ name: String?) -> Int {
            guard let name, !name.isEmpty else { return 0 }
            if let i = index[name] { return i }
            names.append(name)
            index[name] = names.count - 1
            return names.count - 1
        }
    }

    /// Reads what the store holds beyond the columns (everything, when a reload is due).
    mutating func refresh(_ db: Database) throws {
        if Date().timeIntervalSince(loadedAt) > Self.reloadInterval {
            self = FacetColumns()
            loadedAt = Date()
        }
        let top = try Int64.fetchOne(db, sql: "SELECT max(id) FROM document") ?? 0
        guard top > through else { return }
        let size = Int(top) + 1
        func grow<T>(_ column: inout [T], _ zero: T) {
            if column.count < size { column += [T](repeating: zero, count: size - column.count) }
        }
        grow(&province, 0)
        grow(&level, 0)
        grow(&kind, 0)
        grow(&agency, 0)
        grow(&year, 0)
        grow(&month, 0)
        grow(&tags, 0)
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, region_code, level, kind, agency, published FROM document WHERE id > ?",
            arguments: [through])
        while let row = try rows.next() {
            let id = Int(row[0] as Int64)
            if let code: String = row[1], code.count == 6 {
                province[id] = UInt8(clamping: provinces.id(String(code.prefix(2)) + "0000"))
            }
            level[id] = UInt8(clamping: levels.id(row[2]))
            kind[id] = UInt8(clamping: kinds.id(row[3]))
            agency[id] = UInt32(clamping: agencies.id(row[4]))
            if let published: String = row[5] {
                let digits = Array(published.utf8)
                // Dated to the month at least, as the timeline counts them.
                if digits.count >= 7, let y = UInt16(published.prefix(4)),
                    let m = UInt8(published.dropFirst(5).prefix(2)), (1...12).contains(m)
                {
                    year[id] = y
                    month[id] = m
                }
            }
        }
        let tagRows = try Row.fetchCursor(
            db, sql: "SELECT document_id, tag FROM tag WHERE document_id > ?", arguments: [through])
        while let row = try tagRows.next() {
            let id: Int64 = row[0]
            let bit = tagNames.id(row[1]) - 1
            if bit < 64 {
                tags[Int(id)] |= 1 << UInt64(bit)
            } else {
                overflowTags[id, default: []].append(row[1])
            }
        }
        through = top
    }

    /// Facet counts and the month timeline of `ids`.
    func count(_ ids: [Int64], into page: inout ResultPage) {
        var provinceCounts = [Int](repeating: 0, count: provinces.names.count)
        var levelCounts = [Int](repeating: 0, count: levels.names.count)
        var kindCounts = [Int](repeating: 0, count: kinds.names.count)
        var agencyCounts: [UInt32: Int] = [:]
        var yearCounts: [UInt16: Int] = [:]
        var monthCounts: [Int: Int] = [:]
        var tagCounts = [Int](repeating: 0, count: 64)
        var overflow: [String: Int] = [:]
        for id64 in ids {
            let id = Int(id64)
            guard id > 0, id < province.count else { continue }
            provinceCounts[Int(province[id])] += 1
            levelCounts[Int(level[id])] += 1
            kindCounts[Int(kind[id])] += 1
            if agency[id] != 0 { agencyCounts[agency[id], default: 0] += 1 }
            if year[id] != 0 {
                yearCounts[year[id], default: 0] += 1
                if month[id] != 0 { monthCounts[Int(year[id]) * 100 + Int(month[id]), default: 0] += 1 }
            }
            var bits = tags[id]
            while bits != 0 {
                tagCounts[bits.trailingZeroBitCount] += 1
                bits &= bits - 1
            }
            for tag in overflowTags[id64] ?? [] { overflow[tag, default: 0] += 1 }
        }
        func ranked(_ pairs: [(String, Int)]) -> [FacetCount] {
            pairs.filter { $0.1 > 0 && !$0.0.isEmpty }.map { FacetCount(value: $0.0, count: $0.1) }.sorted {
                $0.count > $1.count || ($0.count == $1.count && $0.value < $1.value)
            }
        }
        var tagPairs = (0..<min(64, tagNames.names.count - 1)).map { (tagNames.names[$0 + 1], tagCounts[$0]) }
        tagPairs += overflow.map { ($0.key, $0.value) }
        page.facets = [
            "tag": ranked(tagPairs),
            "region": ranked(provinceCounts.indices.map { (provinces.names[$0], provinceCounts[$0]) }),
            "level": ranked(levelCounts.indices.map { (levels.names[$0], levelCounts[$0]) }),
            "kind": ranked(kindCounts.indices.map { (kinds.names[$0], kindCounts[$0]) }),
            "agency": Array(ranked(agencyCounts.map { (agencies.names[Int($0.key)], $0.value) }).prefix(20)),
            "year": ranked(yearCounts.map { (String($0.key), $0.value) }),
        ]
        page.timeline = monthCounts.map { key, count in
            let m = key % 100
            return FacetCount(value: "\(key / 100)-\(m < 10 ? "0" : "")\(m)", count: count)
        }.sorted { $0.value < $1.value }
    }
}
