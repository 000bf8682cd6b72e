/// `SearchFilters` resolved against `FacetColumns`' dictionaries: per column, which values
/// pass (nil: any).
package struct ColumnFilter: Sendable {
    var tagBit: UInt64 = 0
    var overflowTag: String?
    var region: [Bool]?
    var published: [Bool]?
    var level: [Bool]?
    var kind: [Bool]?
    var agency: [Bool]?
}
