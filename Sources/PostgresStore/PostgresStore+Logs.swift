internal import PostgresNIO
public import Store

/// The duplicate sightings and the failure log, read and appended whole (`noticed copy`).
extension PostgresStore {
    public func logs() throws(StoreError) -> StoreLogs {
        try withSession("read the duplicate and failure logs") { s in
            StoreLogs(
                sightings: try s.query(
                    "SELECT d.sha256, x.file, x.at FROM duplicate x JOIN document d ON d.id = x.document_id ORDER BY x.id"
                ).map {
                    StoreLogs.Sighting(
                        sha256: try $0.get(0, String.self), file: try $0.get(1, String.self),
                        at: try $0.get(2, String.self))
                },
                failures: try s.query("SELECT at, file, stage, error, message, sha256 FROM failure ORDER BY id").map {
                    RecordedFailure(
                        at: try $0.get(0, String.self), file: try $0.get(1, String.self),
                        stage: try $0.get(2, String.self), error: try $0.get(3, String.self),
                        message: try $0.get(4, String.self), sha256: try $0.get(5, String?.self))
                })
        }
    }

    /// In one transaction, as one statement per log (arrays unnested, in order).
    public func appendLogs(_ logs: StoreLogs) throws(StoreError) {
        guard !logs.sightings.isEmpty || !logs.failures.isEmpty else { return }
        try withSession("append to the duplicate and failure logs") { s in
            try s.transaction {
                if !logs.sightings.isEmpty {
                    try s.query(
                        """
                        INSERT INTO duplicate(document_id, file, at)
                        SELECT d.id, x.file, x.at
                        FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS x(sha256, file, at, n)
                        JOIN document d ON d.sha256 = x.sha256 ORDER BY x.n
                        """, [logs.sightings.map(\.sha256), logs.sightings.map(\.file), logs.sightings.map(\.at)])
                }
                if !logs.failures.isEmpty {
                    // postgres-nio encodes no arrays of optionals: a missing sha256 is "".
                    try s.query(
                        """
                        INSERT INTO failure(file, sha256, stage, error, message, at)
                        SELECT file, nullif(sha256, ''), stage, error, message, at
                        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                            WITH ORDINALITY AS x(file, sha256, stage, error, message, at, n)
                        ORDER BY n
                        """,
                        [
                            logs.failures.map(\.file), logs.failures.map { $0.sha256 ?? "" },
                            logs.failures.map(\.stage), logs.failures.map(\.error), logs.failures.map(\.message),
                            logs.failures.map(\.at),
                        ])
                }
            }
        }
    }
}
