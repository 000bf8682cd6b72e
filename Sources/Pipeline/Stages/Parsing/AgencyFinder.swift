/// Finds government bodies in text: central ones by name (民政部, 国务院办公厅),
/// local ones as a division chain followed by a body (陕西省民政厅, 西安市雁塔区民政局).
///
/// A body found with its division yields its GB/T 2260 region and level;
/// a central body has no region and the level `national`.
struct AgencyFinder: Sendable {
    struct Agency: Hashable {
        var name: String
        var region: Region?
        var level: AdministrativeLevel
        var range: Range<Int>
    }

    let regions: RegionDirectory

    static let central = PatternSet([
        "国务院办公厅", "国务院", "中共中央办公厅", "中共中央", "中央军委办公厅", "中央军委", "中央军事委员会",
        "全国人大常委会", "民政部办公厅", "民政部", "财政部", "教育部", "公安部", "司法部", "外交部", "国防部",
        "科技部", "工业和信息化部", "人力资源社会保障部", "人力资源和社会保障部", "自然资源部", "生态环境部",
        "住房城乡建设部", "住房和城乡建设部", "交通运输部", "水利部", "农业农村部", "商务部", "文化和旅游部",
        "退役军人事务部", "应急管理部", "审计署", "国家卫生健康委员会", "国家卫生健康委", "国家卫健委",
        "国家发展改革委", "国家发展和改革委员会", "国家医保局", "国家医疗保障局", "国家市场监督管理总局",
        "市场监管总局", "国家统计局", "国家乡村振兴局", "国务院扶贫办", "全国老龄办", "全国老龄工作委员会办公室",
        "中国残联", "中国残疾人联合会", "全国妇联", "共青团中央", "最高人民法院", "最高人民检察院", "国家民委",
        "国家税务总局", "海关总署", "国家信访局", "国家疾控局", "国家中医药局", "国务院国资委", "中央文明办",
        "中央组织部", "中央宣传部", "中央统战部", "中央政法委", "中央编办", "全国总工会", "中国红十字会总会",
    ])

    static let localBodies = PatternSet([
        "民政厅", "民政局", "人民政府办公厅", "人民政府办公室", "人民政府", "政府办公厅", "政府办公室",
        "卫生健康委员会", "卫生健康委", "卫健委", "财政厅", "财政局", "人力资源和社会保障厅", "人力资源和社会保障局",
        "人力资源社会保障厅", "人力资源社会保障局", "教育厅", "教育局", "公安厅", "公安局", "司法厅", "司法局",
        "应急管理厅", "应急管理局", "医疗保障局", "残疾人联合会", "残联", "老龄办", "发展改革委", "发展和改革委员会",
        "市场监督管理局", "乡村振兴局", "妇联", "总工会", "红十字会", "慈善总会", "救助管理站", "社会福利院",
        "儿童福利院", "民政事务局", "社会事务局", "委员会", "政府", "党委", "委",
    ])

    static let shortForms = PatternSet(["省民政厅", "市民政局", "县民政局", "区民政局", "州民政局", "旗民政局"])

    private static let suffixes: Set<UInt32> = Set("厅局委办院会站馆所处府".unicodeScalars.map(\.value))
    private static let stops: Set<UInt32> = Set("的召关和与及党在对于为是将把主出开组书长".unicodeScalars.map(\.value))

    /// Every body named in `text`, in order.
    func find(in text: [UInt32]) -> [Agency] {
        var found: [Agency] = []
        var i = 0
        while i < text.count {
            if let name = Self.central.longest(in: text, at: i) {
                found.append(Agency(name: name.asString, region: nil, level: .national, range: i..<(i + name.count)))
                i += name.count
                continue
            }
            if let (region, end) = regions.chain(in: text, at: i), let bodyEnd = bodyEnd(text, from: end) {
                let name = Array(text[i..<bodyEnd]).asString
                found.append(
                    Agency(
                        name: name, region: region, level: AdministrativeLevel(regionCode: region.code),
                        range: i..<bodyEnd))
                i = bodyEnd
                continue
            }
            i += 1
        }
        return found
    }

    /// The first body in `text`, or failing that a short form such as 省民政厅.
    func first(in text: [UInt32]) -> Agency? {
        if let agency = find(in: text).first { return agency }
        for i in text.indices {
            if let short = Self.shortForms.longest(in: text, at: i) {
                return Agency(
                    name: short.asString, region: nil, level: short[0] == 0x7701 ? .provincial : .prefectural,
                    range: i..<(i + short.count))
            }
        }
        return nil
    }

    /// Where the body after a division name ends: a known body, else the last body suffix
    /// within ten hanzi before a stop character.
    private func bodyEnd(_ text: [UInt32], from start: Int) -> Int? {
        if let body = Self.localBodies.longest(in: text, at: start) { return start + body.count }
        var j = start
        var last: Int?
        while j < text.count, j - start < 10, CharacterClass.isHanzi(text[j]), !Self.stops.contains(text[j]) {
            if Self.suffixes.contains(text[j]) { last = j + 1 }
            j += 1
        }
        return last
    }
}
