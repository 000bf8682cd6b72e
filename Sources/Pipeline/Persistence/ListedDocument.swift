/// A document in a list (a cluster's other copies, the latest ingests): enough to name it and
/// link to it. The file is its base name only.
public struct ListedDocument: Sendable, Hashable {
    public var id: Int64
    public var file: String
    public var title: String?
    public var agency: String?
    public var published: String?
    public var ingestedAt: String
    /// The dropped file's size.
    public var bytes: Int

    package init(
        id: Int64, file: String, title: String?, agency: String?, published: String?, ingestedAt: String, bytes: Int
    ) {
        self.id = id
        self.file = file
        self.title = title
        self.agency = agency
        self.published = published
        self.ingestedAt = ingestedAt
        self.bytes = bytes
    }
}
