public import Foundation
internal import NIOCore
internal import PostgresNIO
public import Store
internal import Synchronization

/// Writing: batches in one transaction, safe against writers on other hosts.
extension PostgresStore {
    /// Stores a batch in one transaction committed before it returns.
    ///
    /// Across hosts: each input's sha256 is locked first (advisory locks, in sorted order, so two
    /// batches sharing inputs never wait on each other in a cycle); a second host with the same
    /// bytes waits for the first to commit and then records a duplicate sighting. Documents go
    /// in with cluster 0; the clusters are assigned at the end under one advisory lock held to
    /// the commit, against every cluster committed before, so concurrent writers cluster as
    /// one writer would. A serialisation failure or deadlock is retried here a few times.
    public func persist(_ batch: [Arrival], at date: Date = Date()) throws(StoreError) -> [PersistOutcome] {
        guard !batch.isEmpty else { return [] }
        var attempt = 0
        while true {
            do {
                return try persistOnce(batch, at: date)
            } catch {
                attempt += 1
                guard error.isConflict, attempt < 5 else { throw error }
            }
        }
    }

    private func persistOnce(_ batch: [Arrival], at date: Date) throws(StoreError) -> [PersistOutcome] {
        let now = NoticeStore.timestamp(date)
        let since = NoticeStore.timestamp(date.addingTimeInterval(-Drop.window))
        do {
            return try withSession("store \(batch.count) document(s)") { s in
                try s.transaction {
                    // Round trips are what a batch costs here (each waits for the server), so
                    // the locks, the lookup, the children and the clusters go as one statement
                    // each for the whole batch; a document costs one INSERT (its original rides
                    // in the same statement), plus the drop queries when it has a drop.
                    let keys = Set(batch.map { Self.lockKey($0.notice.clean.sha256) }).sorted()
                    // unnest yields the array in order, and the locks are taken row by row.
                    try s.query("SELECT pg_advisory_xact_lock(k) FROM unnest($1::int8[]) AS k", [keys])
                    var known: [String: (id: Int64, file: String)] = [:]
                    for row in try s.query(
                        "SELECT sha256, id, file FROM document WHERE sha256 = ANY($1::text[])",
                        [Array(Set(batch.map(\.notice.clean.sha256)))])
                    {
                        known[try row.get(0, String.self)] = (try row.get(1, Int64.self), try row.get(2, String.self))
                    }
                    // Pages first, so a batch's attachments find their page (as in the SQLite store).
                    let order = batch.indices.sorted { i, j in
                        let (a, b) = (batch[i].notice.clean.format == .html, batch[j].notice.clean.format == .html)
                        return a != b ? a : i < j
                    }
                    // The new inputs (the first of each sha256 not stored yet), and their clusters
                    // as far as this process knows: each goes in with it, never updated after
                    // unless another host committed a near one meanwhile (settled at the end).
                    var seen = Set(known.keys)
                    let fresh = order.filter { seen.insert(batch[$0].notice.clean.sha256).inserted }
                    let tentative = try tentativeClusters(fresh.map { batch[$0] }, s)
                    var outcomes = [PersistOutcome?](repeating: nil, count: batch.count)
                    var added: [(index: Int, id: Int64, tokens: Int, cluster: Int64)] = []
                    var next = 0
                    for i in order {
                        let clean = batch[i].notice.clean
                        if let existing = known[clean.sha256] {
                            if existing.file == clean.file {
                                outcomes[i] = .retaken(id: existing.id)
                            } else {
                                try s.query(
                                    "INSERT INTO duplicate(document_id, file, at) VALUES ($1, $2, $3)",
                                    [existing.id, clean.file, now])
                                outcomes[i] = .duplicate(id: existing.id)
                            }
                            continue
                        }
                        let cluster = tentative.clusters[next]
                        next += 1
                        let (id, tokens) = try insert(batch[i], cluster: cluster, at: now, since: since, s)
                        known[clean.sha256] = (id, clean.file)
                        // Its outcome is set once its cluster is settled, below.
                        added.append((i, id, tokens, cluster))
                    }
                    if !added.isEmpty {
                        try insertChildren(added.map { ($0.id, batch[$0.index].notice, batch[$0.index].prepared) }, s)
                        let clusters = try settleClusters(
                            added.map { (batch[$0.index], $0.id, $0.cluster) }, created: tentative.created, s)
                        for (k, a) in added.enumerated() { outcomes[a.index] = .stored(id: a.id, cluster: clusters[k]) }
                        try s.query(
                            "UPDATE search_totals SET documents = documents + $1, tokens = tokens + $2",
                            [Int64(added.count), Int64(added.reduce(0) { $0 + $1.tokens })])
                    }
                    return outcomes.compactMap { $0 }
                }
            }
        } catch {
            // The rollback may have undone clusters the bands hold.
            clusterBands.withLock { $0 = ClusterState() }
            throw error
        }
    }

    /// An input's advisory lock key: the first 16 hex digits of its sha256.
    static func lockKey(_ sha256: String) -> Int64 {
        Int64(bitPattern: UInt64(sha256.prefix(16), radix: 16) ?? 0)
    }

    /// Inserts a new document and its original in one statement; its id and search tokens.
    private func insert(_ arrival: Arrival, cluster: Int64, at now: String, since: String, _ s: PostgresSession)
        throws -> (
            Int64, Int
        )
    {
        let clean = arrival.notice.clean
        let prepared = arrival.prepared
        var r = DocumentRecord(arrival.notice, prepared)
        r.collection = arrival.collection
        let search = BigramVector.document(title: r.title ?? "", text: clean.simplified)
        let values: [(any PostgresThrowingDynamicTypeEncodable)?] = [
            r.sha256, r.file, r.collection, Int64(r.bytes), r.encoding, r.script, r.title, r.titleSource,
            r.published, r.eventDate, r.agency, r.regionCode, r.regionName, r.level, r.kind, r.docNumber,
            r.official, r.metadata, r.quality, r.text.map { ByteBuffer(bytes: $0) },
            ByteBuffer(bytes: r.simplifiedZlib), Int64(bitPattern: prepared.simhash), now, r.pipelineVersion,
            clean.format.rawValue, arrival.drop?.key, arrival.drop?.name, Int32(search.tokens), search.vector,
            prepared.compressedOriginal.map { ByteBuffer(bytes: $0) }, cluster,
        ]
        let id = try s.query(
            """
            WITH d AS (
                INSERT INTO document(sha256, file, collection, bytes, encoding, script, title, title_source,
                    published, event_date, agency, region_code, region_name, level, kind, doc_number, official,
                    metadata, quality, text, simplified_zlib, simhash, cluster, ingested_at, pipeline_version,
                    format, drop_key, drop_name, tokens, search)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
                    $20, $21, $22, $31, $23, $24, $25, $26, $27, $28, $29::tsvector)
                RETURNING id
            ), o AS (
                INSERT INTO original(document_id, compression, data)
                SELECT id, 'zlib', $30::bytea FROM d WHERE $30::bytea IS NOT NULL
            )
            SELECT id FROM d
            """, values
        )[0].get(0, Int64.self)
        try link(id, arrival, since: since, s)
        return (id, search.tokens)
    }

    /// As the SQLite store links a document to its drop (DESIGN §8).
    private func link(_ id: Int64, _ arrival: Arrival, since: String, _ s: PostgresSession) throws {
        guard let drop = arrival.drop else { return }
        let format = arrival.notice.clean.format
        let pages = try s.query(
            """
            SELECT id, metadata FROM document
            WHERE drop_key = $1 AND format = 'html' AND id != $2 AND ingested_at >= $3 ORDER BY id
            """, [drop.key, id, since]
        ).map { row -> (id: Int64, links: [PageInfo.Attachment]) in
            (
                try row.get(0, Int64.self),
                NoticeStore.decode(StoredJSON.Metadata.self, try row.get(1, String.self))?.page?.attachments ?? []
            )
        }
        if format == .html {
            let links = arrival.notice.clean.page?.attachments ?? []
            let orphans = try s.query(
                """
                SELECT id, drop_name, metadata FROM document
                WHERE drop_key = $1 AND format != 'html' AND attachment_of IS NULL AND id != $2 AND ingested_at >= $3
                """, [drop.key, id, since])
            for row in orphans {
                let name = try row.get(1, String?.self) ?? ""
                let link = links.first { Drop.names($0, file: name) }
                guard link != nil || pages.isEmpty else { continue }
                let ownTitle =
                    NoticeStore.decode(StoredJSON.Metadata.self, try row.get(2, String.self))?.page?.title != nil
                try attach(
                    try row.get(0, Int64.self), to: id, title: ownTitle ? nil : link.flatMap(Drop.title(from:)), s)
            }
        } else {
            let named = pages.last { $0.links.contains { Drop.names($0, file: drop.name) } }
            guard let page = named?.id ?? (pages.count == 1 ? pages[0].id : nil) else { return }
            let link = (named ?? pages[0]).links.first { Drop.names($0, file: drop.name) }
            let title = arrival.notice.clean.page?.title == nil ? link.flatMap(Drop.title(from:)) : nil
            try attach(id, to: page, title: title, s)
        }
    }

    private func attach(_ id: Int64, to page: Int64, title: String?, _ s: PostgresSession) throws {
        if let title {
            try s.query(
                "UPDATE document SET attachment_of = $1, title = $2, title_source = 'explicit' WHERE id = $3",
                [page, title, id])
        } else {
            try s.query("UPDATE document SET attachment_of = $1 WHERE id = $2", [page, id])
        }
    }

    /// Clusters for the batch's new documents, in order, before any lock: each joins the
    /// nearest cluster this process knows (committed ones, loaded first, and the batch's own
    /// new ones), or starts one whose id is taken from the sequence now (`created`). A
    /// text-less attachment is nobody's repost: it starts its own and is never matched.
    private func tentativeClusters(_ arrivals: [Arrival], _ s: PostgresSession) throws -> (
        clusters: [Int64], created: Set<Int64>
    ) {
        guard !arrivals.isEmpty else { return ([], []) }
        var bands = try clusterBands.withLock { state in
            try load(&state, s)
            return state.bands
        }
        // Placeholders (-1, -2, …) first, so exactly as many ids are taken as clusters started.
        var clusters: [Int64] = []
        var started: [Int64] = []
        for arrival in arrivals {
            let hash = arrival.prepared.simhash
            let hasText = !arrival.notice.clean.simplified.isEmpty
            if hasText, let near = bands.nearest(hash) {
                clusters.append(near)
            } else {
                let placeholder = -Int64(started.count + 1)
                started.append(placeholder)
                if hasText { bands.add(id: placeholder, signature: hash) }
                clusters.append(placeholder)
            }
        }
        guard !started.isEmpty else { return (clusters, []) }
        let ids = try s.query(
            "SELECT nextval(pg_get_serial_sequence('cluster', 'id')) FROM generate_series(1, $1)",
            [Int64(started.count)]
        ).map { try $0.get(0, Int64.self) }.sorted()
        // Placeholder -k is the k-th started cluster.
        return (clusters.map { $0 < 0 ? ids[Int(-$0) - 1] : $0 }, Set(ids))
    }

    /// Settles the clusters under the cluster lock (held to the commit): clusters other hosts
    /// committed since `tentativeClusters` looked are loaded, and the assignment is run again in
    /// order against all of them, so concurrent writers cluster as one writer would. A document
    /// whose cluster changed (another host started a near one first) is updated; the clusters
    /// still started here are inserted, each with the next `seq`. Returns the final clusters.
    private func settleClusters(
        _ added: [(arrival: Arrival, id: Int64, cluster: Int64)], created: Set<Int64>, _ s: PostgresSession
    ) throws -> [Int64] {
        try s.query("SELECT pg_advisory_xact_lock($1, $2)", [Self.lockSpace, Self.clusterLock])
        return try clusterBands.withLock { state in
            try load(&state, s)
            var clusters: [Int64] = []
            var inserted: (ids: [Int64], signatures: [Int64]) = ([], [])
            var moved: (ids: [Int64], clusters: [Int64]) = ([], [])
            for (arrival, id, tentative) in added {
                let hash = arrival.prepared.simhash
                let hasText = !arrival.notice.clean.simplified.isEmpty
                let cluster: Int64
                if hasText, let near = state.bands.nearest(hash) {
                    cluster = near
                } else {
                    // It starts a cluster: with the id taken for it, unless that id went to
                    // another document of the batch here (its tentative cluster moved away).
                    if created.contains(tentative), !inserted.ids.contains(tentative) {
                        cluster = tentative
                    } else {
                        cluster = try s.query("SELECT nextval(pg_get_serial_sequence('cluster', 'id'))")[0].get(
                            0, Int64.self)
                    }
                    inserted.ids.append(cluster)
                    inserted.signatures.append(Int64(bitPattern: hash))
                    // A text-less attachment is nobody's repost: never matched (not in the bands).
                    if hasText { state.bands.add(id: cluster, signature: hash) }
                }
                if cluster != tentative {
                    moved.ids.append(id)
                    moved.clusters.append(cluster)
                }
                clusters.append(cluster)
            }
            if !inserted.ids.isEmpty {
                let seqs = try s.query(
                    """
                    INSERT INTO cluster(id, simhash) SELECT * FROM unnest($1::int8[], $2::int8[]) AS u(id, simhash)
                    RETURNING seq
                    """, [inserted.ids, inserted.signatures]
                ).map { try $0.get(0, Int64.self) }
                // Under the lock no other seq is taken, so this process has read every one below.
                state.seq = max(state.seq, seqs.max() ?? 0)
            }
            if !moved.ids.isEmpty {
                try s.query(
                    """
                    UPDATE document SET cluster = u.cluster
                    FROM unnest($1::int8[], $2::int8[]) AS u(id, cluster) WHERE document.id = u.id
                    """, [moved.ids, moved.clusters])
            }
            return clusters
        }
    }

    /// Loads the clusters committed since this process last looked, in commit order.
    private func load(_ state: inout ClusterState, _ s: PostgresSession) throws {
        for row in try s.query("SELECT id, simhash, seq FROM cluster WHERE seq > $1 ORDER BY seq", [state.seq]) {
            state.bands.add(id: try row.get(0, Int64.self), signature: UInt64(bitPattern: try row.get(1, Int64.self)))
            state.seq = try row.get(2, Int64.self)
        }
    }

    /// The tags, people and directives of new or replaced documents: one INSERT per table for
    /// all of them (arrays unnested server-side). A directive's missing span goes as -1 and a
    /// missing text as a false flag, since arrays of optionals do not encode.
    private func insertChildren(
        _ documents: [(id: Int64, notice: TaggedNotice, prepared: PreparedColumns)],
        _ s: PostgresSession
    ) throws {
        var tags: (ids: [Int64], tags: [String], evidence: [String]) = ([], [], [])
        var people: (ids: [Int64], ordinals: [Int32], names: [String], positions: [String]) = ([], [], [], [])
        var directives:
            (ids: [Int64], ordinals: [Int32], starts: [Int32], lengths: [Int32], texts: [String], hasText: [Bool]) =
                ([], [], [], [], [], [])
        for (id, n, prepared) in documents {
            for (t, evidence) in zip(n.tags, prepared.evidence) {
                tags.ids.append(id)
                tags.tags.append(t)
                tags.evidence.append(evidence)
            }
            for (i, p) in prepared.people.enumerated() {
                people.ids.append(id)
                people.ordinals.append(Int32(i))
                people.names.append(p.name)
                people.positions.append(p.positions)
            }
            for (i, d) in prepared.directives.enumerated() {
                directives.ids.append(id)
                directives.ordinals.append(Int32(i))
                directives.starts.append(d.start.map(Int32.init) ?? -1)
                directives.lengths.append(d.length.map(Int32.init) ?? -1)
                directives.texts.append(d.text ?? "")
                directives.hasText.append(d.text != nil)
            }
        }
        if !tags.ids.isEmpty {
            try s.query(
                "INSERT INTO tag(document_id, tag, evidence) SELECT * FROM unnest($1::int8[], $2::text[], $3::text[])",
                [tags.ids, tags.tags, tags.evidence])
        }
        if !people.ids.isEmpty {
            try s.query(
                """
                INSERT INTO person(document_id, ordinal, name, positions)
                SELECT * FROM unnest($1::int8[], $2::int4[], $3::text[], $4::text[])
                """, [people.ids, people.ordinals, people.names, people.positions])
        }
        if !directives.ids.isEmpty {
            try s.query(
                """
                INSERT INTO directive(document_id, ordinal, start, length, text)
                SELECT i, o, NULLIF(st, -1), NULLIF(l, -1), CASE WHEN h THEN t END
                FROM unnest($1::int8[], $2::int4[], $3::int4[], $4::int4[], $5::text[], $6::bool[])
                    AS u(i, o, st, l, t, h)
                """,
                [
                    directives.ids, directives.ordinals, directives.starts, directives.lengths, directives.texts,
                    directives.hasText,
                ])
        }
    }

    /// Marks document `id` as an attachment of page `page`.
    public func attach(_ id: Int64, to page: Int64) throws(StoreError) {
        try withSession("link document \(id) to its page") { s in try attach(id, to: page, title: nil, s) }
    }

    public func recordFailures(_ failures: [(error: PipelineError, sha256: String?)], at date: Date = Date())
        throws(StoreError)
    {
        guard !failures.isEmpty else { return }
        let now = NoticeStore.timestamp(date)
        try withSession("record failures") { s in
            try s.transaction {
                for (error, sha) in failures {
                    try s.query(
                        "INSERT INTO failure(file, sha256, stage, error, message, at) VALUES ($1, $2, $3, $4, $5, $6)",
                        [error.file, sha, error.stage.rawValue, error.code.rawValue, error.message, now])
                }
            }
        }
    }

    public func replace(id: Int64, with notice: TaggedNotice) throws(StoreError) {
        let prepared = PreparedColumns(notice, original: nil)
        let r = DocumentRecord(notice, prepared)
        let search = BigramVector.document(title: r.title ?? "", text: notice.parsed.clean.simplified)
        try withSession("update document \(id)") { s in
            try s.transaction {
                let old = try s.query("SELECT tokens FROM document WHERE id = $1 FOR UPDATE", [id]).first
                guard let old else { return }
                let oldTokens = try old.get(0, Int32.self)
                let values: [(any PostgresThrowingDynamicTypeEncodable)?] = [
                    r.encoding, r.script, r.title, r.titleSource, r.published, r.eventDate, r.agency,
                    r.regionCode, r.regionName, r.level, r.kind, r.docNumber, r.official, r.metadata, r.quality,
                    r.text.map { ByteBuffer(bytes: $0) }, ByteBuffer(bytes: r.simplifiedZlib),
                    NoticeStore.pipelineVersion, Int32(search.tokens), search.vector, id,
                ]
                try s.query(
                    """
                    UPDATE document SET encoding = $1, script = $2, title = $3, title_source = $4, published = $5,
                        event_date = $6, agency = $7, region_code = $8, region_name = $9, level = $10, kind = $11,
                        doc_number = $12, official = $13, metadata = $14, quality = $15, text = $16,
                        simplified_zlib = $17, pipeline_version = $18, tokens = $19, search = $20::tsvector
                    WHERE id = $21
                    """, values)
                try s.query(
                    "UPDATE search_totals SET tokens = tokens + $1, revision = revision + 1",
                    [Int64(search.tokens) - Int64(oldTokens)])
                for table in ["tag", "person", "directive"] {
                    try s.query("DELETE FROM \(table) WHERE document_id = $1", [id])
                }
                try insertChildren([(id, notice, prepared)], s)
            }
        }
    }
}
