internal import Foundation
internal import GRDB

/// What the store tells about its documents' neighbours and its own activity: the other copies
/// in a document's cluster, the latest ingests and the latest failures. Read-only.
extension NoticeStore {
    /// The other documents of `cluster` (copies of the same notice from other sites), in id order.
    public func clusterMembers(_ cluster: Int64, except id: Int64, limit: Int = 50) throws(StoreError)
        -> [ListedDocument]
    {
        try listed("WHERE cluster = ? AND id != ? ORDER BY id LIMIT ?", [cluster, id, limit], doing: "read a cluster")
    }

    /// The newest ingests, newest first.
    public func recentIngests(limit: Int = 20) throws(StoreError) -> [ListedDocument] {
        try listed("ORDER BY id DESC LIMIT ?", [limit], doing: "read the latest ingests")
    }

    /// The newest failures, newest first.
    public func recentFailures(limit: Int = 50) throws(StoreError) -> [RecordedFailure] {
        do {
            return try pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT at, file, stage, error, message FROM failure ORDER BY id DESC LIMIT ?",
                    arguments: [limit]
                ).map {
                    RecordedFailure(
                        at: $0["at"], file: $0["file"], stage: $0["stage"], error: $0["error"], message: $0["message"])
                }
            }
        } catch {
            throw Self.storeError(error, doing: "read the latest failures")
        }
    }

    private func listed(_ clause: String, _ arguments: StatementArguments, doing: String) throws(StoreError)
        -> [ListedDocument]
    {
        do {
            return try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, file, title, agency, published, ingested_at, bytes
                        FROM document \(clause)
                        """, arguments: arguments
                ).map {
                    ListedDocument(
                        id: $0["id"], file: (($0["file"] as String) as NSString).lastPathComponent, title: $0["title"],
                        agency: $0["agency"], published: $0["published"], ingestedAt: $0["ingested_at"],
                        bytes: $0["bytes"])
                }
            }
        } catch {
            throw Self.storeError(error, doing: doing)
        }
    }
}
