internal import GRDB

/// The store's schema, as named, append-only migrations.
///
/// Opening an older database upgrades it; opening one written by a newer
/// noticed (it holds migrations this binary does not know) is refused.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, originals, tags, people, directives, failures, search") { db in
            try db.execute(
                sql: """
                    CREATE TABLE document (
                        id INTEGER PRIMARY KEY,
                        sha256 TEXT NOT NULL UNIQUE,
                        file TEXT NOT NULL,
                        collection TEXT,
                        bytes INTEGER NOT NULL,
                        encoding TEXT NOT NULL,
                        script TEXT NOT NULL,
                        title TEXT,
                        title_source TEXT,
                        published TEXT,
                        event_date TEXT,
                        agency TEXT,
                        region_code TEXT,
                        region_name TEXT,
                        level TEXT,
                        kind TEXT NOT NULL,
                        doc_number TEXT,
                        official TEXT NOT NULL,
                        metadata TEXT NOT NULL,
                        quality TEXT NOT NULL,
                        text BLOB,
                        text_simplified TEXT NOT NULL,
                        simhash INTEGER NOT NULL,
                        cluster INTEGER NOT NULL,
                        ingested_at TEXT NOT NULL,
                        pipeline_version TEXT NOT NULL
                    );
                    CREATE INDEX document_published ON document(published);
                    CREATE INDEX document_agency ON document(agency);
                    CREATE INDEX document_region ON document(region_code);
                    CREATE INDEX document_cluster ON document(cluster);
                    CREATE INDEX document_ingested ON document(ingested_at);
                    CREATE TABLE cluster (
                        id INTEGER PRIMARY KEY,
                        simhash INTEGER NOT NULL,
                        band0 INTEGER NOT NULL, band1 INTEGER NOT NULL, band2 INTEGER NOT NULL, band3 INTEGER NOT NULL
                    );
                    CREATE INDEX cluster_band0 ON cluster(band0);
                    CREATE INDEX cluster_band1 ON cluster(band1);
                    CREATE INDEX cluster_band2 ON cluster(band2);
                    CREATE INDEX cluster_band3 ON cluster(band3);

                    CREATE TABLE original (
                        document_id INTEGER PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,
                        compression TEXT NOT NULL,
                        data BLOB NOT NULL
                    );
                    CREATE TABLE tag (
                        document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                        tag TEXT NOT NULL,
                        evidence TEXT NOT NULL,
                        PRIMARY KEY (document_id, tag)
                    ) WITHOUT ROWID;
                    CREATE INDEX tag_by_tag ON tag(tag, document_id);
                    CREATE TABLE person (
                        document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        positions TEXT NOT NULL
                    );
                    CREATE UNIQUE INDEX person_by_document ON person(document_id, ordinal);
                    CREATE INDEX person_by_name ON person(name);
                    CREATE TABLE directive (
                        document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        start INTEGER,
                        length INTEGER,
                        text TEXT
                    );
                    CREATE UNIQUE INDEX directive_by_document ON directive(document_id, ordinal);
                    CREATE TABLE failure (
                        id INTEGER PRIMARY KEY,
                        file TEXT NOT NULL,
                        sha256 TEXT,
                        stage TEXT NOT NULL,
                        error TEXT NOT NULL,
                        message TEXT NOT NULL,
                        at TEXT NOT NULL
                    );
                    CREATE INDEX failure_at ON failure(at);
                    CREATE TABLE duplicate (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                        file TEXT NOT NULL,
                        at TEXT NOT NULL
                    );

                    CREATE VIRTUAL TABLE document_fts USING fts5(
                        title, text_simplified, content='document', content_rowid='id', tokenize='noticed_bigram'
                    );
                    INSERT INTO document_fts(document_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)');
                    CREATE TRIGGER document_fts_insert AFTER INSERT ON document BEGIN
                        INSERT INTO document_fts(rowid, title, text_simplified)
                        VALUES (new.id, new.title, new.text_simplified);
                    END;
                    CREATE TRIGGER document_fts_delete AFTER DELETE ON document BEGIN
                        INSERT INTO document_fts(document_fts, rowid, title, text_simplified)
                        VALUES ('delete', old.id, old.title, old.text_simplified);
                    END;
                    CREATE TRIGGER document_fts_update AFTER UPDATE OF title, text_simplified ON document BEGIN
                        INSERT INTO document_fts(document_fts, rowid, title, text_simplified)
                        VALUES ('delete', old.id, old.title, old.text_simplified);
                        INSERT INTO document_fts(rowid, title, text_simplified)
                        VALUES (new.id, new.title, new.text_simplified);
                    END;
                    """)
        }
        // Larger FTS5 leaf pages: fewer pages per segment to write and merge. (A 32 MiB
        // pending-terms hash was tried too: within noise for writes, and 32 MiB more RSS.)
        migrator.registerMigration("v2: search index page size") { db in
            try db.execute(sql: "INSERT INTO document_fts(document_fts, rank) VALUES ('pgsz', 4050)")
        }
        // The full-text index moves to a file of its own, filled after the commit (`SearchIndex`);
        // `search_epoch` tells it when `reprocess` has rewritten texts it holds.
        migrator.registerMigration("v3: search index in its own file") { db in
            try db.execute(
                sql: """
                    DROP TRIGGER document_fts_insert;
                    DROP TRIGGER document_fts_delete;
                    DROP TRIGGER document_fts_update;
                    DROP TABLE document_fts;
                    CREATE TABLE search_epoch (epoch INTEGER NOT NULL);
                    INSERT INTO search_epoch VALUES (0);
                    """)
        }
        // The Simplified text zlib-compressed (about a third of its size): the search index no
        // longer reads it from the table, and `Compression.sqlDeflate` converts older stores.
        migrator.registerMigration("v4: Simplified text compressed") { db in
            db.add(function: Compression.sqlDeflate)
            try db.execute(
                sql: """
                    ALTER TABLE document ADD COLUMN simplified_zlib BLOB;
                    UPDATE document SET simplified_zlib = noticed_deflate(text_simplified);
                    ALTER TABLE document DROP COLUMN text_simplified;
                    """)
        }
        // Tag evidence as keyword/count pairs (`StoredJSON.evidence`): a third of the size.
        migrator.registerMigration("v5: tag evidence as pairs") { db in
            try db.execute(
                sql: """
                    UPDATE tag SET evidence = (
                        SELECT json_group_array(json_array(json_extract(value, '$.keyword'), json_extract(value, '$.count')))
                        FROM json_each(tag.evidence))
                    """)
        }
        // Near-duplicate bands move to the writer's memory (`ClusterBands`), and indexes no
        // query uses go: random-key B-trees that each commit rewrote (a third of the bytes
        // written per document). The region and ingestion dates are only ever filtered
        // per hit or through expressions; people are only read per document.
        migrator.registerMigration("v6: fewer indexes to write") { db in
            try db.execute(
                sql: """
                    DROP INDEX cluster_band0;
                    DROP INDEX cluster_band1;
                    DROP INDEX cluster_band2;
                    DROP INDEX cluster_band3;
                    ALTER TABLE cluster DROP COLUMN band0;
                    ALTER TABLE cluster DROP COLUMN band1;
                    ALTER TABLE cluster DROP COLUMN band2;
                    ALTER TABLE cluster DROP COLUMN band3;
                    DROP INDEX document_region;
                    DROP INDEX document_ingested;
                    DROP INDEX person_by_name;
                    """)
        }
        // Attachments (issue 15): the drop a file arrived in, its format (to tell pages from
        // attachments without reading the metadata JSON) and the page it belongs to.
        migrator.registerMigration("v7: attachments") { db in
            try db.execute(
                sql: """
                    ALTER TABLE document ADD COLUMN format TEXT NOT NULL DEFAULT 'text';
                    ALTER TABLE document ADD COLUMN drop_key TEXT;
                    ALTER TABLE document ADD COLUMN drop_name TEXT;
                    ALTER TABLE document ADD COLUMN attachment_of INTEGER REFERENCES document(id) ON DELETE SET NULL;
                    CREATE INDEX document_drop ON document(drop_key) WHERE drop_key IS NOT NULL;
                    CREATE INDEX document_attachment_of ON document(attachment_of) WHERE attachment_of IS NOT NULL;
                    """)
        }
        // Issue 17: in-memory facet columns reload when a document's fields are rewritten in
        // place (`replace`), which bumps this counter.
        migrator.registerMigration("v8: field revision") { db in
            try db.execute(sql: "ALTER TABLE search_epoch ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
        }
        return migrator
    }
}
