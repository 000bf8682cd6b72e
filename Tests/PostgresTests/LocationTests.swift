import Foundation
import TestKit
import Testing

@testable import Pipeline
@testable import PostgresStore
@testable import Store

/// `postgresql://` URLs and password files, as libpq reads them (no server needed).
@Suite("PostgreSQL location")
struct LocationTests {
    @Test("TCP host, port, database and sslmode")
    func tcp() throws {
        let l = try PostgresLocation(url: "postgresql://ana@db.example:6543/notices?sslmode=require", environment: [:])
        #expect(l.user == "ana")
        #expect(l.host == "db.example")
        #expect(l.port == 6543)
        #expect(l.database == "notices")
        #expect(l.tls == .require)
        #expect(l.socketPath == nil)
        #expect(l.description == "postgresql://ana@db.example:6543/notices?sslmode=require")
        let v6 = try PostgresLocation(url: "postgres://ana@[::1]/n", environment: [:])
        #expect(v6.host == "::1")
        #expect(v6.port == 5432)
        #expect(v6.tls == .prefer)
    }

    @Test("a Unix socket's folder, percent-encoded or as ?host=")
    func socket() throws {
        let a = try PostgresLocation(url: "postgresql://noticed@%2Ftmp%2Fpg:5433/n", environment: [:])
        #expect(a.host == nil)
        #expect(a.socketPath == "/tmp/pg/.s.PGSQL.5433")
        #expect(a.tls == .disable)
        let b = try PostgresLocation(url: "postgresql://noticed@/n?host=/run/postgresql", environment: [:])
        #expect(b.socketPath == "/run/postgresql/.s.PGSQL.5432")
    }

    @Test("refused: a password in the URL, a bad port, an unknown parameter or sslmode")
    func refused() {
        for url in [
            "postgresql://ana:pw@h/n", "postgresql://ana@h:port/n", "postgresql://ana@h/n?application_name=x",
            "postgresql://ana@h/n?sslmode=sometimes", "mysql://ana@h/n",
        ] {
            #expect(throws: StoreError.self, "\(url)") { try PostgresLocation(url: url, environment: [:]) }
        }
    }

    @Test("sslrootcert names the CA file verify-full trusts; a file that cannot be read is refused")
    func rootCertificates() throws {
        let dir = try temporaryFolder("rootcert")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ca = dir.appendingPathComponent("ca.pem")
        try Data("-----BEGIN CERTIFICATE-----\n".utf8).write(to: ca)
        let l = try PostgresLocation(
            url: "postgresql://ana@10.0.0.1/n?sslmode=verify-full&sslrootcert=\(ca.path)", environment: [:])
        #expect(l.tls == .verifyFull)
        #expect(l.rootCertificates == ca.path)
        #expect(throws: StoreError.self) {
            try PostgresLocation(
                url: "postgresql://ana@10.0.0.1/n?sslmode=verify-full&sslrootcert=\(dir.path)/missing.pem",
                environment: [:])
        }
    }

    @Test("the password from password_file, else the first matching PGPASSFILE line")
    func passwords() throws {
        let dir = try temporaryFolder("pgpass")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pw").path
        try "s3cret\nignored\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(
            try PostgresLocation(url: "postgresql://a@h/n", passwordFile: file, environment: [:]).password == "s3cret")
        let pgpass = dir.appendingPathComponent("pgpass").path
        try "# comment\nother:5432:n:a:no\nh:5432:n:a:yes\\:colon\n*:*:*:*:fallback\n"
            .write(toFile: pgpass, atomically: true, encoding: .utf8)
        let env = ["PGPASSFILE": pgpass]
        #expect(try PostgresLocation(url: "postgresql://a@h/n", environment: env).password == "yes:colon")
        #expect(try PostgresLocation(url: "postgresql://b@h/n", environment: env).password == "fallback")
        #expect(try PostgresLocation(url: "postgresql://a@h/n", environment: [:]).password == nil)
    }

    @Test("tsvector and tsquery literals: bigrams, title weight, prefixes and operators")
    func literals() throws {
        let v = BigramVector.document(title: "养老服务", text: "养老")
        #expect(v.tokens == 6)
        #expect(v.vector == "'养老':1A,6 '老服':2A '服务':3A '务':4A '老':7")
        let q = try SearchQuery("(养老 OR 养) NOT \"社会救助\" it's", folding: .simplified)
        #expect(
            BigramVector.query(q.root)
                == "((('养老' | '养':*) & !('社会' <-> '会救' <-> '救助')) & ('it' <-> 's'))")
    }
}
