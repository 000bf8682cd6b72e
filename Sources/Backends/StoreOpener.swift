package import Daemon
internal import PostgresStore
package import Store

/// Opens the store a `database` setting names: a SQLite file (the default), or a shared
/// PostgreSQL database for a `postgresql://` URL, its password from `passwordFile` (else
/// `PGPASSFILE`).
///
/// Promises: the commands, the tools and (through `daemon`) the daemon open stores only
/// through here, so every one of them works on either backend. It is a module of its own so
/// that the daemon's library does not link postgres-nio: the sanitised fuzz build over
/// `Daemon` stays free of NIO and BoringSSL, and the executable injects this opener.
package enum StoreOpener {
    /// `cacheMiB` and `mapped` size the SQLite store's page cache and map (the daemon keeps both
    /// small); PostgreSQL ignores them.
    package static func open(
        _ database: String, passwordFile: String? = nil, readOnly: Bool = false, cacheMiB: Int = 64,
        mapped: Bool = true
    ) throws(StoreError) -> any NoticeStoring {
        if ServiceConfig.isPostgres(database) {
            return try PostgresStore(url: database, passwordFile: passwordFile, readOnly: readOnly)
        }
        return try NoticeStore(path: database, readOnly: readOnly, cacheMiB: cacheMiB, mapped: mapped)
    }

    /// A read-only store for `noticed web`, with `queryCacheMiB` for each of the SQLite
    /// store's caches of recent queries.
    package static func browsing(_ database: String, passwordFile: String? = nil, queryCacheMiB: Int = 16)
        throws(StoreError) -> any BrowsingStore
    {
        if ServiceConfig.isPostgres(database) {
            return try PostgresStore(url: database, passwordFile: passwordFile, readOnly: true)
        }
        return try NoticeStore(path: database, readOnly: true, queryCacheMiB: queryCacheMiB)
    }

    /// The daemon's opener: either backend, with the SQLite store's cache and map kept small.
    package static let daemon: Service.StoreOpening = { database, passwordFile throws(StoreError) in
        try open(database, passwordFile: passwordFile, cacheMiB: 8, mapped: false)
    }
}
