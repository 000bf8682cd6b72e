internal import Store

/// The PostgreSQL store's schema, as named, append-only migrations (as `Schema` is for SQLite).
///
/// The tables hold what the SQLite store's do, in the same forms (compressed texts, JSON
/// columns), so `noticed copy` moves rows without converting them. What differs:
/// - `document.search` is the bigram `tsvector` (title at weight A, text at D) with a GIN
///   index, written in the document's own transaction (no background index to catch up);
/// - `document.tokens` and `search_totals` keep what bm25 needs (tokens per row, rows and
///   tokens in all), so search ranks as the SQLite store does;
/// - applied migrations are rows of `noticed_migration`; a name this binary does not know
///   means a newer noticed wrote the database, which is then refused.
enum PostgresSchema {
    static let migrations: [(name: String, sql: String)] = [
        (
            "v1: documents, originals, tags, people, directives, failures, duplicates, clusters, search",
            """
            CREATE TABLE cluster (
                id bigserial PRIMARY KEY,
                simhash bigint NOT NULL
            );
            CREATE TABLE document (
                id bigserial PRIMARY KEY,
                sha256 text NOT NULL UNIQUE,
                file text NOT NULL,
                collection text,
                bytes bigint NOT NULL,
                encoding text NOT NULL,
                script text NOT NULL,
                title text,
                title_source text,
                published text,
                event_date text,
                agency text,
                region_code text,
                region_name text,
                level text,
                kind text NOT NULL,
                doc_number text,
                official text NOT NULL,
                metadata text NOT NULL,
                quality text NOT NULL,
                text bytea,
                simplified_zlib bytea NOT NULL,
                simhash bigint NOT NULL,
                cluster bigint NOT NULL DEFAULT 0,
                ingested_at text NOT NULL,
                pipeline_version text NOT NULL,
                format text NOT NULL DEFAULT 'text',
                drop_key text,
                drop_name text,
                attachment_of bigint REFERENCES document(id) ON DELETE SET NULL,
                tokens integer NOT NULL DEFAULT 0,
                search tsvector NOT NULL
            );
            CREATE INDEX document_published ON document(published);
            CREATE INDEX document_agency ON document(agency);
            CREATE INDEX document_cluster ON document(cluster);
            CREATE INDEX document_drop ON document(drop_key) WHERE drop_key IS NOT NULL;
            CREATE INDEX document_attachment_of ON document(attachment_of) WHERE attachment_of IS NOT NULL;
            CREATE INDEX document_search ON document USING gin(search);
            CREATE TABLE original (
                document_id bigint PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,
                compression text NOT NULL,
                data bytea NOT NULL
            );
            CREATE TABLE tag (
                document_id bigint NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                tag text NOT NULL,
                evidence text NOT NULL,
                PRIMARY KEY (document_id, tag)
            );
            CREATE INDEX tag_by_tag ON tag(tag, document_id);
            CREATE TABLE person (
                document_id bigint NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                ordinal integer NOT NULL,
                name text NOT NULL,
                positions text NOT NULL,
                PRIMARY KEY (document_id, ordinal)
            );
            CREATE TABLE directive (
                document_id bigint NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                ordinal integer NOT NULL,
                start integer,
                length integer,
                text text,
                PRIMARY KEY (document_id, ordinal)
            );
            CREATE TABLE failure (
                id bigserial PRIMARY KEY,
                file text NOT NULL,
                sha256 text,
                stage text NOT NULL,
                error text NOT NULL,
                message text NOT NULL,
                at text NOT NULL
            );
            CREATE INDEX failure_at ON failure(at);
            CREATE TABLE duplicate (
                id bigserial PRIMARY KEY,
                document_id bigint NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                file text NOT NULL,
                at text NOT NULL
            );
            CREATE TABLE search_totals (
                one boolean PRIMARY KEY DEFAULT true CHECK (one),
                documents bigint NOT NULL,
                tokens bigint NOT NULL,
                revision bigint NOT NULL
            );
            INSERT INTO search_totals VALUES (true, 0, 0, 0);
            """
        ),
        (
            // Cluster ids are now taken before the cluster lock (documents go in with their
            // cluster, never updated after); `seq`, taken under the lock, keeps commit order.
            "v2: cluster.seq, the order clusters were committed in",
            """
            ALTER TABLE cluster ADD COLUMN seq bigserial;
            CREATE UNIQUE INDEX cluster_by_seq ON cluster(seq);
            """
        ),
    ]
}
