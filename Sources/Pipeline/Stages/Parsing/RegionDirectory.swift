/// GB/T 2260 administrative divisions: names to codes (a code's level is `AdministrativeLevel(regionCode:)`).
///
/// The table (Generated/RegionTable.swift, from cpca's adcodes) holds
/// provinces (`XX0000`), prefectures (`XXYY00`) and counties. A name such
/// as 朝阳区 can belong to several prefectures; in a chain (`北京市朝阳区`)
/// the child under the preceding parent wins.
public struct RegionDirectory: Sendable {
    public let regions: [Region]
    private let byName: [String: [Int]]
    private let byCode: [String: Int]
    /// Full names as scalar patterns, for scanning text.
    private let names: PatternSet

    public static let gbt2260 = RegionDirectory(table: regionTable)

    init(table: String) {
        var regions: [Region] = []
        var byName: [String: [Int]] = [:]
        var byCode: [String: Int] = [:]
        for line in table.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            let region = Region(code: String(parts[0]), name: String(parts[1]))
            byName[region.name, default: []].append(regions.count)
            byCode[region.code] = regions.count
            regions.append(region)
        }
        self.regions = regions
        self.byName = byName
        self.byCode = byCode
        self.names = PatternSet(Array(byName.keys))
    }

    public func region(code: String) -> Region? { byCode[code].map { regions[$0] } }

    /// Regions with this exact full name.
    public func regions(named name: String) -> [Region] { (byName[name] ?? []).map { regions[$0] } }

    static func isParent(_ parent: String, of child: String) -> Bool {
        switch AdministrativeLevel(regionCode: parent) {
        case .provincial: return child.prefix(2) == parent.prefix(2)
        case .prefectural: return child.prefix(4) == parent.prefix(4)
        default: return false
        }
    }

    /// The region named by the chain of division names that opens `text` at `start`
    /// (`陕西省西安市…` → 西安市), and where the chain ends.
    func chain(in text: [UInt32], at start: Int) -> (region: Region, end: Int)? {
        var i = start
        var current: Region?
        while i < text.count, let name = names.longest(in: text, at: i) {
            let candidates = (byName[name.asString] ?? []).map { regions[$0] }
            let pick =
                current.flatMap { parent in candidates.first { Self.isParent(parent.code, of: $0.code) } }
                ?? (current == nil ? candidates.first : nil)
            guard let next = pick else { break }
            current = next
            i += name.count
        }
        return current.map { ($0, i) }
    }

    /// Every place a division name starts in `text`.
    func occurrences(in text: [UInt32]) -> [(region: Region, range: Range<Int>)] {
        var found: [(Region, Range<Int>)] = []
        var i = 0
        while i < text.count {
            if names.mayStart(with: text[i]), let (region, end) = chain(in: text, at: i) {
                found.append((region, i..<end))
                i = end
            } else {
                i += 1
            }
        }
        return found
    }

    /// Resolves a code (`610000`) or a name (`陕西省`, `陕西`) given on the command line.
    public func lookup(_ query: String) -> Region? {
        if let r = region(code: query) { return r }
        if let first = regions(named: query).first { return first }
        for suffix in ["省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区"] {
            if let first = regions(named: query + suffix).first { return first }
        }
        return nil
    }
}
