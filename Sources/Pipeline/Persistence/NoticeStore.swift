private import CRank
package import Foundation
internal import GRDB
internal import Synchronization

/// The SQLite store: documents, their original bytes, tags with evidence, people,
/// directives, failures, near-duplicate clusters and a Chinese full-text index.
///
/// Promises: a batch given to `persist` is one transaction, durable on disk
/// (WAL with `synchronous=FULL`) before `persist` returns, so callers may
/// delete or archive the inputs afterwards; the same bytes are never stored
/// twice (sha256 is unique; a repeat is reported as a duplicate of the
/// existing id). Failures are `StoreError`s that say whether a retry may help.
public final class NoticeStore: Sendable {
    public static let pipelineVersion = "noticed-1"
    static let pageSize = 16384

    public let path: String
    let pool: DatabasePool
    /// The search index's file, written by `indexPending` (nil when opened read-only).
    let index: SearchIndex?
    /// The clusters' bands for near-duplicate lookups, filled by the writer as it goes.
    let clusterBands = Mutex(ClusterBands())
    /// The facet fields in memory, for `browse` (filled on its first call).
    let facetColumns = Mutex(FacetColumns())
    /// Whether a full reload of `facetColumns` is running in the background.
    let columnReload = Mutex(false)
    /// The index's matches of recent queries (8 bytes a match), for `browse` and `matchingIDs`.
    let matchCache: QueryCache<IndexedQueryKey, [Int64]>
    /// Recent queries with their filters: what passes, facet counts, ranking; for `browse`.
    let filteredCache: QueryCache<FilteredQueryKey, FilteredMatches>

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    ///
    /// `cacheMiB` bounds SQLite's page cache per connection and `mapped` lets readers map the
    /// file: the analyst's commands want both; the long-running daemon keeps a small cache and
    /// no map so its resident memory stays flat however large the store grows.
    ///
    /// `queryCacheMiB` bounds each of the caches of recent queries `browse` keeps (0: none).
    public init(
        path: String, readOnly: Bool = false, cacheMiB: Int = 64, mapped: Bool = true, queryCacheMiB: Int = 16
    ) throws(StoreError) {
        self.path = path
        matchCache = QueryCache(budget: max(0, queryCacheMiB) * 1_048_576 / 8)
        filteredCache = QueryCache(budget: max(0, queryCacheMiB) * 1_048_576 / 8)
        let indexPath = SearchIndex.path(forStore: path)
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(10)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            db.add(tokenizer: BigramTokenizer.self)
            guard noticed_register_rank(db.sqliteConnection) == SQLITE_OK else {
                throw StoreError("cannot register the search ranking function with SQLite")
            }
            if !readOnly {
                // New stores only (SQLite ignores it once the file has pages): rows of 2–3 KB
                // (compressed text, compressed originals) leave a third of 4 KiB pages empty.
                try db.execute(sql: "PRAGMA page_size = \(Self.pageSize); PRAGMA synchronous = FULL")
            }
            // The full-text index merges segments as it grows: keep its pages in memory.
            try db.execute(
                sql: "PRAGMA cache_size = -\(cacheMiB * 1024); PRAGMA mmap_size = \(mapped ? 268_435_456 : 0)")
            // Read-only: the index only if some writer made it (else search reads every document).
            if FileManager.default.fileExists(atPath: indexPath) {
                try db.execute(sql: "ATTACH DATABASE ? AS search", arguments: [indexPath])
                // Pragmas name one schema: without these the index was read through a 2 MB
                // cache and pread(2), a quarter of a search's time (issue 17's profile).
                try db.execute(
                    sql: """
                        PRAGMA search.cache_size = -\(cacheMiB * 1024);
                        PRAGMA search.mmap_size = \(mapped ? 1_073_741_824 : 0)
                        """)
            }
        }
        do {
            if !readOnly {
                let dir = (path as NSString).deletingLastPathComponent
                if !dir.isEmpty {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                }
                try StoreFile.create(path)
            } else {
                try Self.checkReadable(path)
            }
            index = readOnly ? nil : try SearchIndex(path: indexPath, cacheMiB: cacheMiB / 4)
            pool = try DatabasePool(path: path, configuration: config)
            let migrator = Schema.migrator
            let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                throw StoreError(
                    "\(path) was written by a newer noticed (its schema has migrations this binary does not know); "
                        + "upgrade noticed")
            }
            if !readOnly { try migrator.migrate(pool) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, doing: "open \(path)")
        }
    }

    /// A store to read must exist and be readable: "no store" and "permission denied" are
    /// different problems, with different cures.
    static func checkReadable(_ path: String) throws(StoreError) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd >= 0 {
            close(fd)
            return
        }
        switch errno {
        case ENOENT, ENOTDIR: throw StoreError("no store at \(path) (ingest something first)")
        case EACCES, EPERM: throw StoreError("cannot read the store at \(path): permission denied")
        case let code: throw StoreError("cannot read the store at \(path): \(String(cString: strerror(code)))")
        }
    }

    static func storeError(_ error: any Error, doing: String) -> StoreError {
        guard let db = error as? DatabaseError else { return StoreError("cannot \(doing): \(error)") }
        let transient: Bool
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CANTOPEN,
            .SQLITE_PROTOCOL:
            transient = true
        default: transient = false
        }
        let reason: String
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: reason = "the database is locked by another process"
        case .SQLITE_FULL: reason = "the disk is full"
        case .SQLITE_READONLY: reason = "the database is read-only"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: reason = "the database file is damaged or not a database"
        case .SQLITE_CANTOPEN: reason = "the database file cannot be opened"
        default: reason = db.message ?? "\(db.resultCode)"
        }
        return StoreError("cannot \(doing): \(reason)", isTransient: transient)
    }

    /// UTC, ISO 8601, to the second: `2026-11-23T01:19:43Z`.
    package static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
