/// The values of a site's metadata lines (来源, 作者, 时间, 浏览量, a scraper's 标题).
///
/// The lines themselves are site chrome and leave the text, but their values
/// are facts about the notice that parsing needs (the publication date, the
/// publishing body), so cleaning keeps them here.
public struct SiteMetadata: Sendable, Hashable, Codable {
    public var source: String?
    public var author: String?
    public var date: String?
    public var views: String?
    /// A scraper's `标题：` header line.
    public var title: String?

    public init(
        source: String? = nil, author: String? = nil, date: String? = nil, views: String? = nil, title: String? = nil
    ) {
        self.source = source
        self.author = author
        self.date = date
        self.views = views
        self.title = title
    }
}
