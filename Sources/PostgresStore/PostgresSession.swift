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
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
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
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { try binds.append(value) } else { binds.appendNull() }
        }
        return try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait().rows
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
