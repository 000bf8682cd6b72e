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
}
