// Module PostgresStore: the store in PostgreSQL, for several daemons on several hosts writing
// into one database (issue 18), behind the same `NoticeStoring` boundary as the SQLite store.
//
// Promises: what `NoticeStoring` says, across hosts. A batch is one transaction committed with
// `synchronous_commit = on` before `persist` returns; sha256 is unique in the database, and
// two hosts taking the same bytes at once end with one document and one duplicate sighting;
// near-duplicate clusters are assigned under one advisory lock, so concurrent writers put two
// copies of a notice in one cluster as a single writer would. Search uses the SQLite store's
// bigram tokens, query syntax and bm25 ranking. A lost server is a transient `StoreError`; the
// next call connects again.
// May touch: the network (one connection per store), NoticeModel and the Store module's
// shared row forms. Never the SQLite files.

internal import Foundation
internal import Logging
internal import NIOCore
internal import NIOSSL
internal import PostgresNIO
public import Store
internal import Synchronization

/// The clusters this process has loaded: their signatures, and how far into `cluster.seq`
/// (assigned under the cluster lock, so committed in order) it has read.
struct ClusterState {
    var bands = ClusterBands()
    var seq: Int64 = 0
}

/// The PostgreSQL store (see the module comment for its promises).
public final class PostgresStore: BrowsingStore, Sendable {
    public let location: PostgresLocation
    let readOnly: Bool
    /// The connection, made on first use and again after it is lost.
    private let session = Mutex<PostgresSession?>(nil)
    /// Cluster signatures known to this process, and the highest `cluster.seq` loaded.
    let clusterBands = Mutex(ClusterState())
    /// `noticed web`'s filterable fields in memory, as the SQLite store keeps them.
    let facetColumns = Mutex(FacetColumns())
    /// Every match of a recent query (ids, newest first), for its next page or facet.
    let matchCache = QueryCache<BrowseKey, [Int64]>(budget: 2 << 20)

    /// Advisory lock keys (two-key form; one-key locks take each input's sha256).
    static let lockSpace: Int32 = 0x6E6F_7469  // "noti"
    static let clusterLock: Int32 = 1
    static let migrationLock: Int32 = 2

    /// Connects, refuses a database a newer noticed migrated, and (unless `readOnly`) applies
    /// the migrations it lacks.
    public init(_ location: PostgresLocation, readOnly: Bool = false) throws(StoreError) {
        self.location = location
        self.readOnly = readOnly
        try withSession("open \(location)") { s in try Self.migrate(s, readOnly: readOnly, location: location) }
    }

    /// Opens the store named by a `postgresql://` URL, the password from `passwordFile`.
    public convenience init(url: String, passwordFile: String? = nil, readOnly: Bool = false) throws(StoreError) {
        try self.init(PostgresLocation(url: url, passwordFile: passwordFile), readOnly: readOnly)
    }

    deinit {
        session.withLock { $0?.close() }
    }

    /// Under one advisory lock for all writers (two daemons starting at once both create the
    /// migrations table otherwise, and one fails on PostgreSQL's catalog): creates the table,
    /// refuses unknown migrations, applies the missing ones.
    private static func migrate(_ s: PostgresSession, readOnly: Bool, location: PostgresLocation) throws {
        let exists = try s.query("SELECT to_regclass('noticed_migration') IS NOT NULL")[0].get(0, Bool.self)
        if !exists && readOnly { throw StoreError("no store at \(location) (ingest something first)") }
        try s.transaction {
            if !readOnly {
                try s.query("SELECT pg_advisory_xact_lock($1, $2)", [lockSpace, migrationLock])
                try s.query(
                    "CREATE TABLE IF NOT EXISTS noticed_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
                )
            }
            let applied = Set(try s.query("SELECT name FROM noticed_migration").map { try $0.get(0, String.self) })
            let known = Set(PostgresSchema.migrations.map(\.name))
            if !applied.isSubset(of: known) {
                throw StoreError(
                    "\(location) was written by a newer noticed (its schema has migrations this binary does not know); "
                        + "upgrade noticed")
            }
            if readOnly { return }
            for migration in PostgresSchema.migrations where !applied.contains(migration.name) {
                try s.execute(migration.sql)
                try s.query("INSERT INTO noticed_migration(name) VALUES ($1)", [migration.name])
            }
        }
    }

    /// Runs `body` on the connection (connecting first if there is none). An error that lost
    /// the connection drops it, so the next call connects again; every error comes out as a
    /// `StoreError` saying what was being done.
    func withSession<T>(_ doing: @autoclosure () -> String, _ body: (PostgresSession) throws -> T) throws(StoreError)
        -> T
    {
        do {
            return try session.withLock { current throws -> T in
                if let s = current, s.isClosed {
                    s.close()
                    current = nil
                }
                let s: PostgresSession
                if let existing = current {
                    s = existing
                } else {
                    s = try PostgresSession(location)
                    do {
                        try s.execute("SET synchronous_commit = on;\nSET application_name = 'noticed'")
                    } catch {
                        s.close()
                        throw error
                    }
                    current = s
                }
                do {
                    return try body(s)
                } catch {
                    if s.isClosed || Self.isConnectionLoss(error) {
                        s.close()
                        current = nil
                    }
                    throw error
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, doing: doing())
        }
    }

    static func isConnectionLoss(_ error: any Error) -> Bool {
        if error is ConnectionLost { return true }
        guard let psql = error as? PSQLError else { return error is ChannelError || error is IOError }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown: return true
        case .server:
            // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now.
            return psql.serverInfo?[.sqlState].map { $0.hasPrefix("57P") || $0.hasPrefix("08") } ?? false
        default: return false
        }
    }

    /// One sentence: what failed, why, and (through `isTransient`) whether a retry may help.
    /// Never the password, which no error of ours or postgres-nio's contains.
    static func storeError(_ error: any Error, doing: String) -> StoreError {
        if let tls = (error as? PSQLError)?.underlying as? NIOSSLError ?? error as? NIOSSLError {
            // A configuration matter (the CA, the host name, sslmode), not an outage.
            let why =
                "\(tls)".contains("CERTIFICATE_VERIFY_FAILED")
                ? "the server's certificate is not signed by a trusted CA or does not name this host"
                : "\(tls)"
            return StoreError(
                "cannot \(doing): the TLS handshake failed: \(why); check sslmode, sslrootcert and the host in the URL")
        }
        if isConnectionLoss(error) {
            return StoreError(
                "cannot \(doing): the database server is unreachable (\(reason(error)))", isTransient: true)
        }
        guard let psql = error as? PSQLError else { return StoreError("cannot \(doing): \(error)") }
        switch psql.code {
        case .authMechanismRequiresPassword:
            return StoreError(
                "cannot \(doing): the server asks for a password; name its file with password_file (--password-file) or PGPASSFILE"
            )
        case .unsupportedAuthMechanism:
            return StoreError("cannot \(doing): the server asks for an authentication method postgres-nio lacks")
        case .sslUnsupported:
            return StoreError("cannot \(doing): the server does not offer TLS, which sslmode asks for")
        default: break
        }
        let state = psql.serverInfo?[.sqlState] ?? ""
        let message = psql.serverInfo?[.message] ?? "\(psql.code)"
        switch state {
        case "40001", "40P01":
            return StoreError("cannot \(doing): a concurrent writer conflicted (\(message))", isConflict: true)
        case "53100", "53200", "53300", "55P03", "57014":
            return StoreError("cannot \(doing): the database server is busy or full (\(message))", isTransient: true)
        case "28P01", "28000":
            return StoreError("cannot \(doing): the database refused the login (\(message))")
        case "3D000":
            return StoreError("cannot \(doing): \(message)")
        default:
            return StoreError("cannot \(doing): \(message)", isTransient: state.hasPrefix("08"))
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            if let underlying = psql.underlying { return "\(underlying)" }
            return "\(psql.code)"
        }
        return "\(error)"
    }
}
