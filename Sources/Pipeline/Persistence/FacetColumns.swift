package import Foundation
internal import GRDB

/// The fields an analyst filters and narrows by, for every document, as small in-memory
/// columns indexed by id: region code, publication date, level, kind and agency as numbers
/// into per-column dictionaries, tags as bits. `browse` filters the index's matches with them
/// and counts facets and the timeline over all of them, instead of joining every match with
/// its ~7 KB row (issue 17 measured ~500 ms for a tag filter on 100,000 documents that way).
///
/// Promises: the filters mean what `NoticeStore.filterClause` means in SQL (a value the
/// document lacks never passes; dates compare as strings; agency is a substring, ASCII case
/// ignored); documents stored since the last call are read before answering (the columns
/// follow the store's largest id); `refresh` says when fields rewritten in place (`replace`,
/// which bumps the store's revision) or age call for a full reload. About 24 bytes a document.
package struct FacetColumns: Sendable {
    package init() {}

    package static let reloadInterval: TimeInterval = 600

    package private(set) var through: Int64 = 0
    private(set) var revision: Int64 = 0
    package private(set) var loadedAt = Date.distantPast
    private var present: [Bool] = []
    private var region: [UInt32] = []
    private var published: [UInt32] = []
    private var level: [UInt8] = []
    private var kind: [UInt8] = []
    private var agency: [UInt32] = []
    private var tags: [UInt64] = []
    private var overflowTags: [Int64: [String]] = [:]

    private var regions = Interned()
    private var dates = Interned()
    private var levels = Interned()
    private var kinds = Interned()
    private var agencies = Interned()
    private var tagNames = Interned()
    /// Per region code: its province's code (`440000`), "" when it has none.
    private var provinceOfRegion: [String] = [""]
    /// Per publication date: year and month (0 when the date does not say).
    private var yearOfDate: [UInt16] = [0]
    private var monthOfDate: [UInt8] = [0]

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
        /// Per id: whether `test` holds for its name ("none" never passes).
        func mask(_ test: (String) -> Bool) -> [Bool] {
            names.indices.map { $0 != 0 && test(names[$0]) }
        }
    }

    /// One document's filterable fields, as its row holds them.
    package struct Row {
        package var id: Int64
        package var regionCode: String?
        package var level: String?
        package var kind: String?
        package var agency: String?
        package var published: String?

        package init(
            id: Int64, regionCode: String?, level: String?, kind: String?, agency: String?, published: String?
        ) {
            self.id = id
            self.regionCode = regionCode
            self.level = level
            self.kind = kind
            self.agency = agency
            self.published = published
        }
    }

    /// What a backend reads for the columns: the documents with ids in `(after, through]`,
    /// handing each row to `add` and each (document, tag) pair to `addTag`.
    package typealias Reader = (
        _ after: Int64, _ through: Int64, _ add: (Row) -> Void, _ addTag: (Int64, String) -> Void
    ) throws -> Void

    /// The store's revision: bumped by every in-place rewrite of a document's fields (0 in a
    /// store older than the counter).
    static func storeRevision(_ db: Database) -> Int64 {
        (try? Int64.fetchOne(db.cachedStatement(sql: "SELECT revision FROM search_epoch"))) ?? 0
    }

    /// Reads what the SQLite store holds beyond the columns (see `refresh(revision:top:read:)`).
    mutating func refresh(_ db: Database) throws -> Bool {
        let top = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM document")) ?? 0
        return try refresh(revision: Self.storeRevision(db), top: top) { first, top, add, addTag in
            let rows = try GRDB.Row.fetchCursor(
                db,
                sql: "SELECT id, region_code, level, kind, agency, published FROM document WHERE id > ? AND id <= ?",
                arguments: [first, top])
            while let row = try rows.next() {
                add(Row(id: row[0], regionCode: row[1], level: row[2], kind: row[3], agency: row[4], published: row[5]))
            }
            let tagRows = try GRDB.Row.fetchCursor(
                db, sql: "SELECT document_id, tag FROM tag WHERE document_id > ? AND document_id <= ?",
                arguments: [first, top])
            while let row = try tagRows.next() { addTag(row[0], row[1]) }
        }
    }

    /// Reads what the store holds beyond the columns (documents up to `top`, its largest id,
    /// through `read`). Returns whether a full reload is due: fields were rewritten in place
    /// since the columns were loaded (`revision` moved), or they are older than `reloadInterval`.
    package mutating func refresh(revision storeRevision: Int64, top: Int64, read: Reader) throws -> Bool {
        if loadedAt == .distantPast {
            loadedAt = Date()
            revision = storeRevision
        }
        if top > through { try self.read(after: through, through: top, read) }
        return storeRevision != revision || Date().timeIntervalSince(loadedAt) > Self.reloadInterval
    }

    private mutating func read(after first: Int64, through top: Int64, _ reader: Reader) throws {
        let size = Int(top) + 1
        func grow<T>(_ column: inout [T], _ zero: T) {
            if column.count < size { column += [T](repeating: zero, count: size - column.count) }
        }
        grow(&present, false)
        grow(&region, 0)
        grow(&published, 0)
        grow(&level, 0)
        grow(&kind, 0)
        grow(&agency, 0)
        grow(&tags, 0)
        try reader(first, top, { add($0, after: first, through: top) }, { addTag($0, $1, after: first, through: top) })
        for code in regions.names.dropFirst(provinceOfRegion.count) {
            provinceOfRegion.append(code.count == 6 && code.allSatisfy(\.isASCII) ? code.prefix(2) + "0000" : "")
        }
        for date in dates.names.dropFirst(yearOfDate.count) {
            // Dated to the month at least, as the timeline counts them.
            let year = UInt16(date.prefix(4)) ?? 0
            let month = date.utf8.count >= 7 ? UInt8(date.dropFirst(5).prefix(2)) ?? 0 : 0
            yearOfDate.append(year)
            monthOfDate.append((1...12).contains(month) ? month : 0)
        }
        through = top
    }

    private mutating func add(_ row: Row, after first: Int64, through top: Int64) {
        guard row.id > first && row.id <= top else { return }
        let id = Int(row.id)
        present[id] = true
        region[id] = UInt32(regions.id(row.regionCode))
        level[id] = UInt8(clamping: levels.id(row.level))
        kind[id] = UInt8(clamping: kinds.id(row.kind))
        agency[id] = UInt32(agencies.id(row.agency))
        published[id] = UInt32(dates.id(row.published))
    }

    private mutating func addTag(_ id: Int64, _ tag: String, after first: Int64, through top: Int64) {
        guard id > first && id <= top else { return }
        let bit = tagNames.id(tag) - 1
        if bit < 64 {
            tags[Int(id)] |= 1 << UInt64(bit)
        } else {
            overflowTags[id, default: []].append(tag)
        }
    }

    /// The filters as per-dictionary masks: nil when `filters` filter nothing.
    package func filter(_ filters: SearchFilters) -> ColumnFilter? {
        var f = ColumnFilter()
        var any = false
        if let tag = filters.tag {
            any = true
            if let bit = tagNames.index[tag], bit - 1 < 64 {
                f.tagBit = 1 << UInt64(bit - 1)
            } else {
                f.overflowTag = tag
            }
        }
        if let code = filters.regionCode {
            any = true
            let prefix = NoticeStore.regionPrefix(code)
            f.region = regions.mask { $0.hasPrefix(prefix) }
        }
        if let name = filters.agency {
            any = true
            let needle = Self.asciiLowercased(name)
            f.agency = agencies.mask { needle.isEmpty || Self.asciiLowercased($0).contains(needle) }
        }
        if filters.since != nil || filters.until != nil {
            any = true
            f.published = dates.mask { date in
                filters.since.map { date.utf8.lexicographicallyPrecedes($0.utf8) == false } ?? true
                    && (filters.until.map { $0.utf8.lexicographicallyPrecedes(date.utf8) == false } ?? true)
            }
        }
        if let value = filters.level {
            any = true
            f.level = levels.mask { $0 == value }
        }
        if let value = filters.kind {
            any = true
            f.kind = kinds.mask { $0 == value }
        }
        return any ? f : nil
    }

    /// Whether document `id` passes `f` (a document the columns do not hold never does).
    package func passes(_ id64: Int64, _ f: ColumnFilter) -> Bool {
        let id = Int(id64)
        guard id > 0, id < present.count, present[id] else { return false }
        if let tag = f.overflowTag {
            guard overflowTags[id64]?.contains(tag) == true else { return false }
        } else if f.tagBit != 0, tags[id] & f.tagBit == 0 {
            return false
        }
        if let mask = f.region, !mask[Int(region[id])] { return false }
        if let mask = f.published, !mask[Int(published[id])] { return false }
        if let mask = f.level, !mask[Int(level[id])] { return false }
        if let mask = f.kind, !mask[Int(kind[id])] { return false }
        if let mask = f.agency, !mask[Int(agency[id])] { return false }
        return true
    }

    /// Every stored document that passes `f` (all of them when nil), newest id first.
    package func all(passing f: ColumnFilter?) -> [Int64] {
        var ids: [Int64] = []
        var id = Int(through)
        while id > 0 {
            if present[id], f.map({ passes(Int64(id), $0) }) ?? true { ids.append(Int64(id)) }
            id -= 1
        }
        return ids
    }

    /// Facet counts and the month timeline of `ids`.
    package func count(_ ids: [Int64], into page: inout ResultPage) {
        var regionCounts = [Int](repeating: 0, count: regions.names.count)
        var dateCounts = [Int](repeating: 0, count: dates.names.count)
        var levelCounts = [Int](repeating: 0, count: levels.names.count)
        var kindCounts = [Int](repeating: 0, count: kinds.names.count)
        var agencyCounts = [Int](repeating: 0, count: agencies.names.count)
        var tagCounts = [Int](repeating: 0, count: 64)
        var overflow: [String: Int] = [:]
        for id64 in ids {
            let id = Int(id64)
            guard id > 0, id < present.count, present[id] else { continue }
            regionCounts[Int(region[id])] += 1
            dateCounts[Int(published[id])] += 1
            levelCounts[Int(level[id])] += 1
            kindCounts[Int(kind[id])] += 1
            agencyCounts[Int(agency[id])] += 1
            var bits = tags[id]
            while bits != 0 {
                tagCounts[bits.trailingZeroBitCount] += 1
                bits &= bits - 1
            }
            if !overflowTags.isEmpty {
                for tag in overflowTags[id64] ?? [] { overflow[tag, default: 0] += 1 }
            }
        }
        var provinceCounts: [String: Int] = [:]
        for (i, n) in regionCounts.enumerated() where n > 0 { provinceCounts[provinceOfRegion[i], default: 0] += n }
        var yearCounts: [UInt16: Int] = [:]
        var monthCounts: [Int: Int] = [:]
        for (i, n) in dateCounts.enumerated() where n > 0 && yearOfDate[i] != 0 && monthOfDate[i] != 0 {
            yearCounts[yearOfDate[i], default: 0] += n
            monthCounts[Int(yearOfDate[i]) * 100 + Int(monthOfDate[i]), default: 0] += n
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
            "region": ranked(provinceCounts.map { ($0.key, $0.value) }),
            "level": ranked(levelCounts.indices.map { (levels.names[$0], levelCounts[$0]) }),
            "kind": ranked(kindCounts.indices.map { (kinds.names[$0], kindCounts[$0]) }),
            "agency": Array(ranked(agencyCounts.indices.map { (agencies.names[$0], agencyCounts[$0]) }).prefix(20)),
            "year": ranked(yearCounts.map { (String($0.key), $0.value) }),
        ]
        page.timeline = monthCounts.map { key, count in
            let m = key % 100
            return FacetCount(value: "\(key / 100)-\(m < 10 ? "0" : "")\(m)", count: count)
        }.sorted { $0.value < $1.value }
    }

    /// `text` with ASCII letters lowercased, as SQLite's LIKE compares them.
    static func asciiLowercased(_ text: String) -> String {
        String(
            decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
