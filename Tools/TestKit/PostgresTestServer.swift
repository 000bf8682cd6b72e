import Foundation
package import PostgresStore

/// The private server `make test` starts (scripts/with-postgres.sh): its URL and password file
/// come from the environment. Each test gets a database of its own.
public enum PostgresTestServer {
    public static let url = ProcessInfo.processInfo.environment["NOTICED_TEST_PG"]
    public static let passwordFile = ProcessInfo.processInfo.environment["NOTICED_TEST_PG_PASSWORD"]
    public static var available: Bool { url != nil && passwordFile != nil }

    /// A fresh, empty database on the test server; its URL.
    public static func database(_ label: String) throws -> String {
        guard let base = url else {
            throw TestKitError("no PostgreSQL test server (run through scripts/with-postgres.sh)")
        }
        let name = "t_\(label)_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try PostgresLocation(url: base, passwordFile: passwordFile)
        let session = try PostgresSession(admin)
        defer { session.close() }
        try session.query("CREATE DATABASE \(name)")
        let slash = base.lastIndex(of: "/")!
        return base[...slash] + name
    }

    /// A store on a fresh database (or on `url`).
    package static func store(_ label: String, url: String? = nil) throws -> PostgresStore {
        try PostgresStore(url: url ?? database(label), passwordFile: passwordFile)
    }

    /// Runs SQL on the database of `url`, outside any store (to break things on purpose).
    @discardableResult
    public static func sql(_ url: String, _ text: String) throws -> Int {
        let session = try PostgresSession(try PostgresLocation(url: url, passwordFile: passwordFile))
        defer { session.close() }
        return try session.query(text).count
    }
}
