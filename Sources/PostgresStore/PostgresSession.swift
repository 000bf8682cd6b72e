internal import Foundation
internal import Logging
internal import NIOCore
internal import NIOPosix
internal import NIOSSL
package import PostgresNIO
internal import Store

/// One connection to the server, used synchronously: the store's callers (the committer's
/// Dispatch queue, the commands, the web page's handlers) are plain threads, and
/// `NoticeStoring` is synchronous as the SQLite store is. Each call waits on postgres-nio's
/// futures, which complete on NIO's event loops, never on the caller's thread, so waiting
/// cannot deadlock as long as no caller is an event loop thread (none is).
///
/// Not thread-safe: `PostgresStore` hands it out under its lock, one caller at a time (hence
/// `@unchecked Sendable`: it moves between threads, never shared by two at once).
package final class PostgresSession: @unchecked Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// postgres-nio logs below `error` only; the store's own errors carry what an operator needs.
    static let quiet = Logger(label: "noticed.postgres") { _ in SwiftLogNoOpLogHandler() }

    package init(_ location: PostgresLocation) throws {
        logger = Self.quiet
        let configuration: PostgresConnection.Configuration
        if let socket = location.socketPath {
            configuration = .init(
                unixSocketPath: socket, username: location.user, password: location.password,
                database: location.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch location.tls {
            case .disable: tls = .disable
            case .prefer, .require:
                var config = TLSConfiguration.makeClientConfiguration()
                config.certificateVerification = .none
                let context = try NIOSSLContext(configuration: config)
                tls = location.tls == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                var config = TLSConfiguration.makeClientConfiguration()
                if let roots = location.rootCertificates { config.trustRoots = .file(roots) }
                tls = .require(try NIOSSLContext(configuration: config))
            }
            configuration = .init(
                host: location.host ?? "localhost", port: location.port, username: location.user,
                password: location.password, database: location.database, tls: tls)
        }
        var options = configuration
        options.options.connectTimeout = .seconds(10)
        connection = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: options, id: 1, logger: logger
        ).wait()
    }

    /// Runs one statement with `$1…` parameters; its rows.
    @discardableResult
    package func query(_ sql: String, _ values: [(any PostgresThrowingDynamicTypeEncodable)?] = []) throws
        -> [PostgresRow]
    {
        // A statement written to a closed connection would never complete (see `waited`).
        if connection.isClosed { throw ConnectionLost(reason: "the connection was closed") }
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { try binds.append(value) } else { binds.appendNull() }
        }
        return try waited(connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)).rows
    }

    /// How long one statement may take before the connection is given up: a server that went
    /// silent (a failover without a reset, a cable pulled) must not hold the daemon's writer,
    /// and with it the watchdog's proof of life, for TCP's minutes. Our statements take
    /// milliseconds; a search of 100,000 documents well under a second.
    static let statementDeadline = TimeAmount.seconds(10)

    /// The future's value, or a lost-connection error past the deadline (the connection is
    /// then closed). The wait is on a promise of our own: postgres-nio drops a statement written
    /// to a connection that has just closed without ever completing its future.
    private func waited<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
        let connection = self.connection
        let loop = future.eventLoop
        let result = loop.makePromise(of: T.self)
        future.cascade(to: result)
        let deadline = loop.scheduleTask(in: Self.statementDeadline) {
            result.fail(
                ConnectionLost(reason: "no answer within \(Self.statementDeadline.nanoseconds / 1_000_000_000) s"))
            let _: EventLoopFuture<Void> = connection.close()
        }
        result.futureResult.whenComplete { _ in deadline.cancel() }
        return try result.futureResult.wait()
    }

    /// Statements without parameters, one after another, each ending with `;` and a line
    /// break (migrations; none of ours has one inside a literal).
    func execute(_ sql: String) throws {
        for statement in sql.components(separatedBy: ";\n") {
            let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { try query(trimmed.hasSuffix(";") ? String(trimmed.dropLast()) : trimmed) }
        }
    }

    /// `body` inside `BEGIN … COMMIT`; a failure rolls back (when the connection still can).
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var isClosed: Bool { connection.isClosed }

    package func close() {
        if !connection.isClosed { try? connection.close().wait() }
    }

    /// postgres-nio requires a connection closed before it is released.
    deinit { close() }
}

extension PostgresRow {
    /// Column `name`, decoded (nil for NULL where `T` is optional).
    func get<T: PostgresDecodable>(_ name: String, _ type: T.Type = T.self) throws -> T {
        try makeRandomAccess()[name].decode(T.self)
    }

    /// Column `index`, decoded.
    func get<T: PostgresDecodable>(_ index: Int, _ type: T.Type = T.self) throws -> T {
        try makeRandomAccess()[index].decode(T.self)
    }
}

/// The connection is gone (closed under us, or silent past the statement deadline).
struct ConnectionLost: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
