public import Foundation

/// What the daemon and the commands need of a store, whatever holds it: the boundary a
/// second backend implements without copying the SQLite one.
///
/// Promises, for every conforming store:
/// - `persist` commits the whole batch durably in one transaction before it returns (so the
///   caller may archive or delete the inputs), or commits nothing and throws;
/// - the same cleaned text is never stored twice: a repeat comes back as `.duplicate` of the
///   stored id (or `.retaken` when it is the same file name seen again), and a near-duplicate
///   joins its cluster there, inside the same transaction;
/// - every error is a `StoreError`, one sentence, saying whether a retry may help.
///
/// `NoticeStore` (SQLite) and `PostgresStore` conform; the SQLite file's own checks and
/// measures (`integrityCheck`, `size`) stay off this protocol; the web page's needs are
/// `BrowsingStore`, which both also conform to.
public protocol NoticeStoring: AnyObject, Sendable {
    /// Stores a batch in one durable transaction; one outcome per arrival, in order.
    func persist(_ batch: [Arrival], at date: Date) throws(StoreError) -> [PersistOutcome]
    /// Notes inputs that failed a stage, for `stats` and `status`.
    func recordFailures(_ failures: [(error: PipelineError, sha256: String?)], at date: Date) throws(StoreError)
    /// Replaces a stored notice's derived fields with a fresh pipeline run (`reprocess`).
    func replace(id: Int64, with notice: TaggedNotice) throws(StoreError)

    /// Whether a page (an HTML document) of drop `key` was stored since `since`.
    func hasPage(drop key: String, since: Date) throws(StoreError) -> Bool

    /// Documents stored.
    func count() throws(StoreError) -> Int
    /// Look-up by digest: every stored sha256 with its document id.
    func storedDigests() throws(StoreError) -> [String: Int]
    /// One notice by id or sha256 prefix.
    func notice(reference: String) throws(StoreError) -> StoredNotice?
    /// The attachments stored for page `id`, in arrival order: id, file name and title.
    func attachments(of id: Int64) throws(StoreError) -> [(id: Int64, file: String, title: String?)]
    /// Marks document `id` as an attachment of page `page` (`noticed copy` links them again).
    func attach(_ id: Int64, to page: Int64) throws(StoreError)
    /// A quick check of the store's soundness for `noticed check`: `ok` when sound, else what is wrong.
    func quickCheck() throws(StoreError) -> String
    /// The bytes a notice came from.
    func original(id: Int64) throws(StoreError) -> [UInt8]?
    /// Every notice (optionally since a date), in id order, streamed.
    func eachNotice(since: String?, _ body: (StoredNotice) throws -> Void) throws(StoreError)
    /// Ids of the notices `reprocess` and `export` select.
    func ids(since: String?, tag: String?) throws(StoreError) -> [Int64]
    /// What `noticed stats` prints.
    func stats() throws(StoreError) -> StoreStats
    /// The duplicate sightings and the failure log, oldest first (`noticed copy`).
    func logs() throws(StoreError) -> StoreLogs
    /// Appends sightings and failures in one transaction (a sighting of a document this store
    /// lacks is left out).
    func appendLogs(_ logs: StoreLogs) throws(StoreError)

    /// Ranked search (DESIGN §7); documents not yet indexed are matched directly.
    func search(_ query: SearchQuery, filters: SearchFilters, limit: Int) throws(StoreError) -> [SearchHit]
    /// Index catch-up: indexes up to `batch` documents the search index lacks; how many it did.
    func indexPending(batch: Int) throws(StoreError) -> Int
    /// Documents the search index lacks.
    func unindexedCount() throws(StoreError) -> Int
}

extension NoticeStore: NoticeStoring {}

extension NoticeStoring {
    /// `persist(batch, at: now)`.
    public func persist(_ batch: [Arrival]) throws(StoreError) -> [PersistOutcome] {
        try persist(batch, at: Date())
    }

    /// `recordFailures(failures, at: now)`.
    public func recordFailures(_ failures: [(error: PipelineError, sha256: String?)]) throws(StoreError) {
        try recordFailures(failures, at: Date())
    }

    /// `indexPending(batch: NoticeStore.indexBatch)`.
    @discardableResult
    public func indexPending() throws(StoreError) -> Int {
        try indexPending(batch: NoticeStore.indexBatch)
    }
}
