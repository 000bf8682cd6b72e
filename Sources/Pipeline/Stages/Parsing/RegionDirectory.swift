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
    /// Short forms (`河南`, `西安`, `张家川县`, `张家川`) to the regions they may stand for.
    private let byShortName: [String: [Int]]
    private let shortNames: PatternSet

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
        var byShortName: [String: [Int]] = [:]
        for (index, region) in regions.enumerated() {
            for short in Self.shortForms(of: region) where byName[short] == nil {
                byShortName[short, default: []].append(index)
            }
        }
        self.byShortName = byShortName
        self.shortNames = PatternSet(Array(byShortName.keys))
    }

    /// The 55 minority nationalities as autonomous areas name them (each followed by 族).
    static let nationalities = PatternSet(
        [
            "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克",
            "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬",
            "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克",
            "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
        ].map { $0 + "族" })
    static let provinceEnds = ["壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"]

    /// The common short forms of a division's name, as notices and sites write them: a province
    /// without 省/自治区 (`河南`, `广西`), a city or county without 市/县/区/地区 when two or more
    /// characters remain (`西安`, `福泉`, `闵行`), an autonomous area by its place name
    /// (`张家川回族自治县` → `张家川县`, `张家川`; `恩施土家族苗族自治州` → `恩施州`, `恩施`).
    static func shortForms(of region: Region) -> [String] {
        let name = region.name
        guard !name.contains("辖") else { return [] }
        var forms: [String] = []
        func stem(dropping suffix: String) -> String? {
            guard name.hasSuffix(suffix) else { return nil }
            let s = String(name.dropLast(suffix.count))
            return s.count >= 2 ? s : nil
        }
        switch AdministrativeLevel(regionCode: region.code) {
        case .provincial:
            if let s = provinceEnds.lazy.compactMap(stem(dropping:)).first { forms.append(s) }
        default:
            let scalarsOfName = scalars(name)
            if let k = scalarsOfName.indices.first(where: { nationalities.longest(in: scalarsOfName, at: $0) != nil }),
                k >= 2, scalarsOfName.count > k, let last = name.last
            {
                let place = Array(scalarsOfName[..<k]).asString
                forms += [place + String(last), place]
            } else if let s = ["地区", "市", "县", "区", "旗"].lazy.compactMap(stem(dropping:)).first {
                forms.append(s)
            }
        }
        return forms
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
    /// (`陕西省西安市…` → 西安市), and where the chain ends. With `short`, a link may be a
    /// short form (`张家川县`, `平潭`); a short form that several regions of one level share,
    /// with no parent before it to choose, names none. `shortened` says whether one was used.
    func chain(in text: [UInt32], at start: Int, short: Bool = false) -> (region: Region, end: Int, shortened: Bool)? {
        var i = start
        var current: Region?
        var shortened = false
        while i < text.count {
            var candidates: [Region]
            var length: Int
            var isShort = false
            if let name = names.longest(in: text, at: i) {
                candidates = (byName[name.asString] ?? []).map { regions[$0] }
                length = name.count
            } else if short, let name = shortNames.longest(in: text, at: i) {
                candidates = (byShortName[name.asString] ?? []).map { regions[$0] }
                length = name.count
                isShort = true
            } else {
                break
            }
            let pick: Region?
            if let parent = current {
                pick = candidates.first { Self.isParent(parent.code, of: $0.code) }
            } else if isShort {
                // The highest level wins (吉林 → 吉林省); two of the same level are ambiguous.
                let levels = candidates.map {
                    AdministrativeLevel.allCases.firstIndex(of: AdministrativeLevel(regionCode: $0.code)) ?? 0
                }
                let top = candidates.indices.min { levels[$0] < levels[$1] }
                pick = top.flatMap { t in levels.filter { $0 == levels[t] }.count == 1 ? candidates[t] : nil }
            } else {
                pick = candidates.first
            }
            guard let next = pick else { break }
            current = next
            shortened = shortened || isShort
            i += length
        }
        return current.map { ($0, i, shortened) }
    }

    /// Whether a division's name (or, with `short`, a short form) may start with `v`: a bit test
    /// that spares the scan at most positions of a text.
    @inline(__always)
    func mayStart(with v: UInt32, short: Bool) -> Bool {
        names.mayStart(with: v) || (short && shortNames.mayStart(with: v))
    }

    /// Every place a division name starts in `text`. With `short`, the short forms of provinces
    /// and prefectures count too (`杭州`, `浙江`); a county's short form alone is too often a word.
    func occurrences(in text: [UInt32], short: Bool = false) -> [(region: Region, range: Range<Int>)] {
        var found: [(Region, Range<Int>)] = []
        var i = 0
        while i < text.count {
            if names.mayStart(with: text[i]) || (short && shortNames.mayStart(with: text[i])),
                let (region, end, shortened) = chain(in: text, at: i, short: short)
            {
                if !shortened || AdministrativeLevel(regionCode: region.code) != .county {
                    found.append((region, i..<end))
                }
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
