/// A notice after parsing: the facts read out of its clean text.
///
/// Every field may be absent: scraped pages are incomplete, and a missing
/// value is `nil`, never a guess. Dates are ISO `YYYY-MM-DD`, or `--MM-DD`
/// when the text gives no year and none can be inferred.
public struct ParsedNotice: Sendable, Hashable {
    public var clean: CleanText
    public var title: String?
    public var titleSource: TitleSource?
    public var published: String?
    public var eventDate: String?
    public var agency: String?
    public var region: Region?
    public var level: AdministrativeLevel?
    public var kind: DocumentKind
    public var official: OfficialElements
    public var people: [Person]
    public var directives: [String]

    public init(clean: CleanText) {
        self.clean = clean
        self.kind = .other
        self.official = OfficialElements()
        self.people = []
        self.directives = []
    }

    public enum TitleSource: String, Sendable, Hashable, Codable {
        case explicit, derived
    }
}

/// A GB/T 2260 administrative division.
public struct Region: Sendable, Hashable, Codable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// The tier of the issuing body.
public enum AdministrativeLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case national, provincial, prefectural, county
}

/// What sort of text a notice is.
public enum DocumentKind: String, Sendable, Hashable, Codable, CaseIterable {
    case meeting, notice, report, other
}

/// A named person with every position the text gives them, in order.
public struct Person: Sendable, Hashable, Codable {
    public var name: String
    public var positions: [String]

    public init(name: String, positions: [String]) {
        self.name = name
        self.positions = positions
    }
}

/// The formal elements of a 公文 (GB/T 9704), where the document has them.
public struct OfficialElements: Sendable, Hashable, Codable {
    /// 发文字号, e.g. `民发〔2020〕12号`.
    public var docNumber: String?
    /// 主送机关.
    public var recipients: [String] = []
    /// 成文日期, ISO.
    public var signedDate: String?
    /// 发文机关署名 (the signature block).
    public var signatories: [String] = []
    /// 附件 titles.
    public var attachments: [String] = []
    /// 抄送.
    public var copiedTo: [String] = []
    /// `（此件公开发布）` and similar release notes.
    public var releaseNote: String?

    public init() {}
}
