import Foundation
import TestKit
import Testing

typealias TestServer = PostgresTestServer

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
