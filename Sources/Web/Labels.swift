internal import NoticeModel
internal import Pipeline

/// The Chinese names an analyst reads for the store's ids: tags (the rules' names), levels,
/// kinds, provinces. Ids stay ids in URLs and the API.
struct Labels: Sendable {
    private let tagNames: [String: String]

    init(rules: RuleSet = .builtIn) {
        tagNames = Dictionary(rules.rules.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    func tag(_ id: String) -> String { tagNames[id] ?? id }

    static func level(_ raw: String) -> String {
        switch AdministrativeLevel(rawValue: raw) {
        case .national: "国家级"
        case .provincial: "省级"
        case .prefectural: "市级"
        case .county: "县级"
        case nil: raw
        }
    }

    static func kind(_ raw: String) -> String {
        switch DocumentKind(rawValue: raw) {
        case .meeting: "会议"
        case .notice: "公文"
        case .report: "报道"
        case .other: "其他"
        case nil: raw
        }
    }

    static func region(_ code: String) -> String {
        RegionDirectory.gbt2260.region(code: code)?.name ?? code
    }

    static let facets: [(name: String, label: String)] = [
        ("tag", "标签"), ("region", "省份"), ("level", "层级"), ("kind", "类型"), ("agency", "发布机构"), ("year", "年份"),
    ]

    func facetValue(_ facet: String, _ value: String) -> String {
        switch facet {
        case "tag": tag(value)
        case "region": Self.region(value)
        case "level": Self.level(value)
        case "kind": Self.kind(value)
        case "year": value + "年"
        default: value
        }
    }
}
