/// What `noticed web` needs of a store beyond `NoticeStoring`: pages of results with exact
/// totals, facet counts and the month timeline; the newest matches for feeds and exports; a
/// document's cluster; the latest ingests and failures.
///
/// Promises, for every conforming store: `browse` and `matchingIDs` filter as `search` does
/// (the same `SearchFilters` meaning, the same query syntax); totals, facets and the timeline
/// count every match, not a sample; a page lists the ranked window (bm25 over the newest
/// `NoticeStore.rankingWindow` matches) best first, then the other matches newest first.
/// `NoticeStore` (SQLite) and `PostgresStore` conform.
public protocol BrowsingStore: NoticeStoring {
    /// A page of results (`query` nil: every document passing the filters, newest published first).
    func browse(_ query: SearchQuery?, filters: SearchFilters, offset: Int, limit: Int) throws(StoreError)
        -> ResultPage
    /// The ids of the newest `cap` matches (newest first) and how many match in all.
    func matchingIDs(_ query: SearchQuery?, filters: SearchFilters, cap: Int) throws(StoreError)
        -> (ids: [Int64], total: Int)
    /// The hits for `ids`, in that order, their snippets around `terms`.
    func hits(_ ids: [Int64], terms: [String]) throws(StoreError) -> [SearchHit]
    /// The other documents of `cluster`, in id order.
    func clusterMembers(_ cluster: Int64, except id: Int64, limit: Int) throws(StoreError) -> [ListedDocument]
    /// The newest ingests, newest first.
    func recentIngests(limit: Int) throws(StoreError) -> [ListedDocument]
    /// The newest failures, newest first.
    func recentFailures(limit: Int) throws(StoreError) -> [RecordedFailure]
    /// Loads what browsing keeps in memory before the first request needs it.
    func prepareForBrowsing()
}

extension NoticeStore: BrowsingStore {}
