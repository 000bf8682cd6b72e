/// What a saved web page says about itself, beside its text: the CMS's head tags, the
/// info table, where the page came from and the attachments it links to.
///
/// Promises: values only as found on the page (trimmed, entities decoded), nil or empty
/// when the page does not say; the parser prefers them to guesses from the text.
public struct PageInfo: Sendable, Hashable, Codable {
    /// `ArticleTitle`, else `og:title`, else the `<title>` without the site's suffix.
    public var title: String?
    /// `PubDate` or the info table's 发布日期, as the page writes it.
    public var published: String?
    /// `ContentSource`, else the info table's 发文机关.
    public var source: String?
    public var site: String?
    public var column: String?
    public var keywords: String?
    public var description: String?
    public var author: String?
    /// `<!-- saved from url=(…)… -->`, else `<link rel=canonical>`, else `og:url`, else `<base href>`.
    public var sourceURL: String?
    /// The info table's 索引号, 发文字号, 成文日期 and the like, in page order.
    public var fields: [Field] = []
    /// Links to the page's attachment files, with their link text as the name.
    public var attachments: [Attachment] = []

    public struct Field: Sendable, Hashable, Codable {
        public var label: String
        public var value: String
        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    public struct Attachment: Sendable, Hashable, Codable {
        public var name: String
        public var href: String
        public init(name: String, href: String) {
            self.name = name
            self.href = href
        }
    }

    public init() {}

    /// The info table's value for `label` (`发文字号`), if it has one.
    public func field(_ label: String) -> String? { fields.first { $0.label == label }?.value }
}
