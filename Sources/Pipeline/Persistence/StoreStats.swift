/// What `noticed stats` prints.
public struct StoreStats: Sendable {
    public var documents: Int
    public var duplicates: Int
    public var clusters: Int
    public var multiDocumentClusters: Int
    public var failures: Int
    public var byTag: [(String, Int)]
    public var byRegion: [(String, Int)]
    public var byAgency: [(String, Int)]
    public var byMonth: [(String, Int)]
    public var recentFailures: [String]
    public var lastIngest: String?

    package init(
        documents: Int, duplicates: Int, clusters: Int, multiDocumentClusters: Int, failures: Int,
        byTag: [(String, Int)], byRegion: [(String, Int)], byAgency: [(String, Int)], byMonth: [(String, Int)],
        recentFailures: [String], lastIngest: String?
    ) {
        self.documents = documents
        self.duplicates = duplicates
        self.clusters = clusters
        self.multiDocumentClusters = multiDocumentClusters
        self.failures = failures
        self.byTag = byTag
        self.byRegion = byRegion
        self.byAgency = byAgency
        self.byMonth = byMonth
        self.recentFailures = recentFailures
        self.lastIngest = lastIngest
    }
}
