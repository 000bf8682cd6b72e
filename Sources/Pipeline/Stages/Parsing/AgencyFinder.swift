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

    /// 省民政厅 is provincial, 市/州民政局 prefectural, 县/区/旗民政局 a county's.
    static func level(ofShortForm short: [UInt32]) -> AdministrativeLevel {
        switch short.first {
        case 0x7701: return .provincial  // 省
        case 0x5E02, 0x5DDE: return .prefectural  // 市 州
        default: return .county
        }
    }

    private static let suffixes: Set<UInt32> = Set("厅局委办院会站馆所处府".unicodeScalars.map(\.value))
    private static let stops: Set<UInt32> = Set("的召关和与及党在对于为是将把主出开组书长".unicodeScalars.map(\.value))

    /// Every body named in `text`, in order.
    func find(in text: [UInt32]) -> [Agency] {
        var found: [Agency] = []
        var i = 0
        while i < text.count {
            if let name = Self.central.longest(in: text, at: i), !Self.isDepartmentWord(text, end: i + name.count) {
                found.append(Agency(name: name.asString, region: nil, level: .national, range: i..<(i + name.count)))
                i += name.count
                continue
            }
            if regions.mayStart(with: text[i], short: true),
                let (region, end, shortened) = regions.chain(in: text, at: i, short: true),
                shortened || !Self.insideWord(text, at: i, length: end - i),
                let bodyEnd = shortened ? strictBodyEnd(text, from: end) : bodyEnd(text, from: end)
            {
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

    /// Whether the name ending at `end` ends in 部 that 门 follows: `民政部门` is "civil-affairs
    /// departments", not the ministry.
    static func isDepartmentWord(_ text: [UInt32], end: Int) -> Bool {
        end < text.count && end > 0 && text[end - 1] == 0x90E8 && (text[end] == 0x95E8 || text[end] == 0x9580)  // 部 门 門
    }

    /// Function characters after which a division's name may start (`由成县…` but not `完成县…`).
    private static let wordBreaks: Set<UInt32> = Set("在由和与及向对是为据经从到的省市州县区旗".unicodeScalars.map(\.value))

    /// A two-character name (`成县`, `和县`) right after a hanzi is more likely the end of a word
    /// (`完成县民政局`, `组成县…`) than a county.
    static func insideWord(_ text: [UInt32], at i: Int, length: Int) -> Bool {
        guard i > 0, length <= 2 else { return false }
        let before = text[i - 1]
        return CharacterClass.isHanzi(before) && !wordBreaks.contains(before)
    }

    /// Endings of a body's name strict enough to follow a short place name (`平潭综合实验区管委会`,
    /// `闵行区民政局`), where a bare suffix (`…服务站`) would be a guess.
    static let strictBodyEnds = ["局", "厅", "委员会", "管委会", "政府", "办公室", "办公厅"].map(scalars)

    static func isBody(_ body: [UInt32]) -> Bool {
        localBodies.longest(in: body, at: 0)?.count == body.count || strictBodyEnds.contains(where: body.hasSuffix)
    }

    /// Verbs of a body that acts: it convenes, issues, organises or reports.
    static let acting = PatternSet([
        "召开", "举行", "举办", "印发", "下发", "发布", "组织", "开展", "部署", "召集", "出台", "启动", "主办", "深入",
        "赴", "到", "来", "在", "联合", "党组", "党委", "领导", "主要负责", "负责同志", "迅速", "立即", "及时", "第一时间",
        "积极", "认真", "全面", "高度重视", "坚持",
    ])
    /// Words before a body that make it the object of what another does (`传达民政部…精神`).
    static let mentioned = PatternSet(["传达", "学习", "贯彻", "落实", "根据", "按照", "依据", "参加", "收看", "出席", "结束"])

    /// The body that acts in a headline or lead: the first whose name a verb of acting follows
    /// (`…结束后，内蒙古自治区民政厅立即召开…`), else the first not merely mentioned as the object
    /// of another's study or attendance, short forms (省民政厅) included.
    func actor(in text: [UInt32]) -> Agency? {
        var all = find(in: text)
        for short in shortForms(in: text) where !all.contains(where: { $0.range.overlaps(short.range) }) {
            all.append(short)
        }
        all.sort { $0.range.lowerBound < $1.range.lowerBound }
        if let acting = all.first(where: { Self.acting.longest(in: text, at: $0.range.upperBound) != nil }) {
            return acting
        }
        return all.first { agency in
            let before = Array(text[max(0, agency.range.lowerBound - 12)..<agency.range.lowerBound])
            return !Self.mentioned.occurs(in: before)
        } ?? all.first
    }

    /// A place that opens a text naming no body and acts as itself (`福泉市召开…`, `四川省召开…`):
    /// it stands for its government. Asked only where `actor(in:)` found nothing, so it does
    /// not search for bodies again.
    func placeActing(in text: [UInt32]) -> Agency? {
        guard let (region, end, _) = regions.chain(in: text, at: 0, short: false),
            Self.acting.longest(in: text, at: end) != nil
        else { return nil }
        return Agency(
            name: Array(text[..<end]).asString, region: region,
            level: AdministrativeLevel(regionCode: region.code), range: 0..<end)
    }

    /// The first body in `text`, or failing that a short form such as 省民政厅.
    func first(in text: [UInt32]) -> Agency? {
        find(in: text).first ?? shortForms(in: text).first
    }

    /// Short forms of a body without its place (省民政厅, 县民政局), in text order, each the
    /// longest at its start; their region is unknown and their level is the word's.
    func shortForms(in text: [UInt32]) -> [Agency] {
        var found: [Agency] = []
        for i in text.indices {
            if let short = Self.shortForms.longest(in: text, at: i) {
                found.append(
                    Agency(
                        name: short.asString, region: nil, level: Self.level(ofShortForm: short),
                        range: i..<(i + short.count)))
            }
        }
        return found
    }

    /// Where the body after a division name ends: a known body, else the last body suffix
    /// within ten hanzi before a stop character.
    /// After a short place name, the longest body within fourteen hanzi that is a known body or
    /// ends as a body's name must (`平潭综合实验区管委会办公室`), where a bare suffix is a guess.
    private func strictBodyEnd(_ text: [UInt32], from start: Int) -> Int? {
        if let body = Self.localBodies.longest(in: text, at: start) { return start + body.count }
        var j = start
        var last: Int?
        while j < text.count, j - start < 14, CharacterClass.isHanzi(text[j]), !Self.stops.contains(text[j]) {
            j += 1
            if Self.isBody(Array(text[start..<j])) { last = j }
        }
        return last
    }

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
