internal import Foundation
internal import GRDB

/// The full-text index, in a file of its own beside the store, filled after the commit.
///
/// Indexing a notice's ~1,400 bigrams costs FTS5 more than the rest of its commit, and an
/// index grown one small transaction at a time pays for segment merges that stalled commits
/// for hundreds of milliseconds. So a commit stores only the document; this index catches up
/// in large batches on a connection of its own, in its own file (SQLite allows one writer
/// per file: in the store's file, the indexer would hold up the commits it is meant to
/// spare). Search asks the index about the documents it holds and reads the few stored since
/// directly (`QueryMatcher`), so a document is found the moment it is committed.
///
/// The index is derived data: it records the last document id it holds (`through`) in the
/// same transaction as the rows, so a crash loses no more than a batch that is redone; a
/// missing, damaged or outdated file is rebuilt from the store; and the store's
/// `search_epoch` moves when `reprocess` rewrites an indexed text, which starts a rebuild
/// (a contentless index cannot remove a row without the text it was given).
public final class SearchIndex: Sendable {
    /// Changing the index's schema or tokenizer: bump, and every index is rebuilt.
    static let version = 1

    public let path: String
    private let queue: DatabaseQueue

    /// The index file belonging to the store at `storePath`.
    public static func path(forStore storePath: String) -> String { storePath + "-search" }

    /// `cacheMiB`: SQLite's page cache for the index's connection (merges reread segments).
    init(path: String, cacheMiB: Int) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            db.add(tokenizer: BigramTokenizer.self)
            // Derived data: a commit lost to a power cut is indexed again from the store.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -\(max(cacheMiB, 1) * 1024)")
        }
        do {
            queue = try Self.open(path, config)
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            try Self.remove(path)
            queue = try Self.open(path, config)
        }
    }

    private static func open(_ path: String, _ config: Configuration) throws -> DatabaseQueue {
        try StoreFile.create(path)
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            guard version != Self.version else { return }
            try db.inTransaction {
                try db.execute(
                    sql: """
                        DROP TABLE IF EXISTS document_fts;
                        DROP TABLE IF EXISTS indexed;
                        CREATE VIRTUAL TABLE document_fts USING fts5(
                            title, text_simplified, content='', tokenize='noticed_bigram'
                        );
                        INSERT INTO document_fts(document_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)');
                        INSERT INTO document_fts(document_fts, rank) VALUES ('pgsz', 4050);
                        CREATE TABLE indexed (epoch INTEGER NOT NULL, through INTEGER NOT NULL);
                        INSERT INTO indexed VALUES (-1, 0);
                        PRAGMA user_version = \(Self.version);
                        """)
                return .commit
            }
        }
        return queue
    }

    private static func remove(_ path: String) throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    /// Documents read from the store at a time inside an index transaction: what bounds the
    /// indexer's memory, whatever the transaction's size.
    static let readChunk = 256
    /// Bytes of text read from the store at a time (after the first document of a read,
    /// whatever its size): with 16 MB documents, 256 at a time would be gigabytes.
    static let readBudget = 8 << 20

    /// Indexes the documents stored since the last call, up to `batch` per transaction (read
    /// `readChunk` documents or `readBudget` bytes at a time), until none is left; returns how many were indexed. Safe to call
    /// from several processes at once: each transaction reads the watermark inside itself.
    func catchUp(from store: NoticeStore, batch: Int) throws -> Int {
        var total = 0
        while true {
            var indexed = 0
            var reset = false
            try queue.inTransaction(.immediate) { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT epoch, through FROM indexed") else {
                    return .rollback
                }
                var through: Int64 = row["through"]
                let insert = try db.cachedStatement(
                    sql: "INSERT INTO document_fts(rowid, title, text_simplified) VALUES (?, ?, ?)")
                while indexed < batch {
                    let want = min(Self.readChunk, batch - indexed)
                    let pending = try store.pendingForIndex(after: through, limit: want)
                    if pending.epoch != row["epoch"] {
                        // `reprocess` rewrote texts: start over (nothing of this transaction is kept).
                        try db.execute(sql: "INSERT INTO document_fts(document_fts) VALUES ('delete-all')")
                        try db.execute(sql: "UPDATE indexed SET epoch = ?, through = 0", arguments: [pending.epoch])
                        reset = true
                        indexed = 0
                        return .commit
                    }
                    for document in pending.documents {
                        try insert.execute(arguments: [document.id, document.title, document.text])
                    }
                    indexed += pending.documents.count
                    if let last = pending.documents.last { through = last.id }
                    if pending.exhausted { break }
                }
                try db.execute(sql: "UPDATE indexed SET through = ?", arguments: [through])
                return .commit
            }
            total += indexed
            if !reset && indexed < batch { return total }
        }
    }

    /// FTS5's own check of the index's structure, then SQLite's of the file.
    func integrityCheck() throws -> String {
        try queue.writeWithoutTransaction { db in
            do {
                try db.execute(sql: "INSERT INTO document_fts(document_fts) VALUES ('integrity-check')")
            } catch {
                return "the search index is damaged: \(error)"
            }
            return try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
        }
    }

    /// Bytes on disk after a checkpoint.
    func size() throws -> Int {
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        return (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
