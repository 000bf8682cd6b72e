import Foundation
import Testing

@testable import PostgresStore
@testable import Store

/// The private server `make test` starts (scripts/with-postgres.sh): its URL and password file
/// come from the environment. Each test gets a database of its own.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["NOTICED_TEST_PG"]
    static let passwordFile = ProcessInfo.processInfo.environment["NOTICED_TEST_PG_PASSWORD"]
    static var available: Bool { url != nil && passwordFile != nil }

    /// A fresh, empty database on the test server; its URL.
    static func database(_ label: String) throws -> String {
        let base = try #require(url)
        let name = "t_\(label)_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try PostgresLocation(url: base, passwordFile: passwordFile)
        let session = try PostgresSession(admin)
        defer { session.close() }
        try session.query("CREATE DATABASE \(name)")
        let slash = try #require(base.lastIndex(of: "/"))
        return base[...slash] + name
    }

    /// A store on a fresh database (or on `url`).
    static func store(_ label: String, url: String? = nil) throws -> PostgresStore {
        try PostgresStore(url: url ?? database(label), passwordFile: passwordFile)
    }

    /// Runs SQL on the database of `url`, outside any store (to break things on purpose).
    @discardableResult
    static func sql(_ url: String, _ text: String) throws -> Int {
        let session = try PostgresSession(try PostgresLocation(url: url, passwordFile: passwordFile))
        defer { session.close() }
        return try session.query(text).count
    }
}

/// Without the private server these tests would pass by skipping: under CI they must not.
@Suite("PostgreSQL test server")
struct TestServerTests {
    @Test("make test provides the private PostgreSQL server (CI runs every PostgreSQL test)")
    func provided() {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(TestServer.available, "run the tests through scripts/with-postgres.sh (make test does)")
        }
    }
}
