internal import GRDB

/// The duplicate sightings and the failure log, read and appended whole (`noticed copy`).
extension NoticeStore {
    public func logs() throws(StoreError) -> StoreLogs {
        do {
            return try pool.read { db in
                StoreLogs(
                    sightings: try Row.fetchAll(
                        db,
                        sql:
                            "SELECT d.sha256, x.file, x.at FROM duplicate x JOIN document d ON d.id = x.document_id ORDER BY x.id"
                    ).map { StoreLogs.Sighting(sha256: $0[0], file: $0[1], at: $0[2]) },
                    failures: try Row.fetchAll(
                        db, sql: "SELECT at, file, stage, error, message, sha256 FROM failure ORDER BY id"
                    ).map {
                        RecordedFailure(
                            at: $0[0], file: $0[1], stage: $0[2], error: $0[3], message: $0[4], sha256: $0[5])
                    })
            }
        } catch {
            throw Self.storeError(error, doing: "read the duplicate and failure logs")
        }
    }

    public func appendLogs(_ logs: StoreLogs) throws(StoreError) {
        guard !logs.sightings.isEmpty || !logs.failures.isEmpty else { return }
        do {
            try pool.write { db in
                for s in logs.sightings {
                    try db.execute(
                        sql:
                            "INSERT INTO duplicate(document_id, file, at) SELECT id, ?, ? FROM document WHERE sha256 = ?",
                        arguments: [s.file, s.at, s.sha256])
                }
                for f in logs.failures {
                    try db.execute(
                        sql: "INSERT INTO failure(file, sha256, stage, error, message, at) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [f.file, f.sha256, f.stage, f.error, f.message, f.at])
                }
            }
        } catch {
            throw Self.storeError(error, doing: "append to the duplicate and failure logs")
        }
    }
}
