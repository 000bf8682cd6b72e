import Backends
import Daemon
import Foundation
import Store
import TestKit
import Testing

/// The real `noticed serve` and the store commands on a PostgreSQL database of the private
/// test server (scripts/with-postgres.sh).
@Suite("noticed on PostgreSQL", .enabled(if: PostgresTestServer.available), .serialized)
struct PostgresServeTests {
    var password: String { PostgresTestServer.passwordFile ?? "" }

    @Test("serve stores dropped files once, survives its connection being killed, and the commands read the store")
    func serve() throws {
        let url = try PostgresTestServer.database("serve")
        let d = try RunningDaemon(database: url, extra: ["--password-file", password])
        for i in 0..<5 { try ServeTests.seedBytes(i).write(to: d.incoming.appendingPathComponent("s\(i).txt")) }
        try d.waitFor("five documents") { try d.documents() == 5 }
        // The server drops the daemon's connection (as a restart or a failover would).
        try PostgresTestServer.sql(
            url,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'noticed' AND datname = current_database()"
        )
        for i in 0..<40 { try ServeTests.variant(i + 5).write(to: d.incoming.appendingPathComponent("v\(i).txt")) }
        // A repeat of a stored file under another name: a duplicate sighting, not a second row.
        try ServeTests.seedBytes(0).write(to: d.incoming.appendingPathComponent("again.txt"))
        try d.waitFor("45 documents and incoming/ empty") { try d.documents() == 45 && d.files(d.incoming).isEmpty }
        let digests = try StoreOpener.open(url, passwordFile: password, readOnly: true).storedDigests()
        #expect(digests.values.allSatisfy { $0 == 1 })
        #expect(d.count("ingested") == 45)
        #expect(d.count("duplicate") == 1)

        // The commands, on the same database.
        let search = try NoticedBinary.run(["search", "养老", "--db", url, "--password-file", password])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("#1"))
        let stats = try NoticedBinary.run(["stats", "--db", url, "--password-file", password])
        #expect(stats.stdout.contains("documents 45"), "\(stats.stdout)")
        let status = try NoticedBinary.run([
            "status", "--db", url, "--password-file", password, "--spool", d.spool.path,
        ])
        #expect(status.stdout.contains("45 document(s)"), "\(status.stdout)\(status.stderr)")
        #expect(status.stdout.contains("running"), "\(status.stdout)")

        // The web page and API, on the same database.
        let web = try WebProcess(
            binary: NoticedBinary.url, database: url, directory: d.spool.deletingLastPathComponent(),
            arguments: ["--password-file", password, "--spool", d.spool.path])
        defer { web.stop() }
        func get(_ path: String) throws -> String {
            // curl (a test dependency): swift-corelibs' Foundation reads no http: URL.
            let curl = Process()
            let pipe = Pipe()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = ["-sSf", "--max-time", "60", web.url(path)]
            curl.standardOutput = pipe
            try curl.run()
            let body = pipe.fileHandleForReading.readDataToEndOfFile()
            curl.waitUntilExit()
            #expect(curl.terminationStatus == 0, "\(path)")
            return String(decoding: body, as: UTF8.self)
        }
        #expect(try get("/api/stats").contains("\"documents\":45"))
        let found = try get("/api/search?q=%E5%85%BB%E8%80%81&tag=elderly-care")
        #expect(found.contains("\"total\":") && !found.contains("\"total\":0"), "\(found.prefix(300))")
        #expect(try get("/search?q=%E9%A4%8A%E8%80%81").contains("data-total="))
        #expect(try get("/status").contains("45"))
        #expect(web.stop() == 0)
        #expect(d.stop() == 0)

        // No password file: one clear line, no trace, no password.
        let refused = try NoticedBinary.run(["search", "养老", "--db", url])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("asks for a password"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
    }

    @Test(
        "noticed copy: SQLite to PostgreSQL and back gives the same export and logs; a second run resumes, adding nothing twice"
    )
    func copy() throws {
        let dir = try temporaryFolder("copy")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, b) = (dir.appendingPathComponent("a.sqlite").path, dir.appendingPathComponent("b.sqlite").path)
        let seeds = NoticedBinary.root.appendingPathComponent("Tests/PipelineTests/Fixtures/seeds").path
        let real = NoticedBinary.root.appendingPathComponent("Tests/PipelineTests/Fixtures/real/gongwen").path
        #expect(try NoticedBinary.run(["ingest", "--db", a, seeds, real]).status == 0)
        // A duplicate sighting and two failures for the logs to carry.
        let extra = dir.appendingPathComponent("extra")
        try FileManager.default.createDirectory(at: extra, withIntermediateDirectories: true)
        try ServeTests.seedBytes(0).write(to: extra.appendingPathComponent("again.txt"))
        try Data([0, 1, 2, 0xFF, 0, 0, 7]).write(to: extra.appendingPathComponent("binary.txt"))
        try Data().write(to: extra.appendingPathComponent("empty.txt"))
        _ = try NoticedBinary.run(["ingest", "--db", a, extra.path])
        func logLine(_ db: String, _ extra: [String] = []) throws -> String {
            let out = try NoticedBinary.run(["stats", "--db", db] + extra).stdout
            let first = out.split(separator: "\n").first.map(String.init) ?? ""
            // "documents N  exact duplicates seen N  clusters …  failures N  last ingest …"
            return first.components(separatedBy: "  ").filter { $0.hasPrefix("exact") || $0.hasPrefix("failures") }
                .joined(separator: ", ")
        }
        let logs = try logLine(a)
        #expect(logs == "exact duplicates seen 1, failures 2", "\(logs)")
        let url = try PostgresTestServer.database("copy")
        // An interrupted copy, as far as the destination knows: part of it is there already.
        #expect(try NoticedBinary.run(["ingest", "--db", url, "--password-file", password, seeds]).status == 0)
        let there = try NoticedBinary.run([
            "copy", "--from", a, "--to", url, "--to-password-file", password,
        ])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("already there 5"), "\(there.stdout)")
        #expect(there.stdout.contains("verified"))
        #expect(there.stdout.contains("1 duplicate sighting(s) and 2 failure(s) added"), "\(there.stdout)")
        #expect(try logLine(url, ["--password-file", password]) == logs)
        // Run again: nothing is added twice.
        let again = try NoticedBinary.run(["copy", "--from", a, "--to", url, "--to-password-file", password])
        #expect(again.stdout.contains("0 duplicate sighting(s) and 0 failure(s) added"), "\(again.stdout)")
        #expect(try logLine(url, ["--password-file", password]) == logs)
        let back = try NoticedBinary.run([
            "copy", "--from", url, "--from-password-file", password, "--to", b,
        ])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try logLine(b) == logs)
        func export(_ db: String, _ extra: [String] = []) throws -> [String] {
            try NoticedBinary.run(["export", "--db", db] + extra).stdout.split(separator: "\n").map { line in
                // The seeds' ingestion time differs (ingested into the destination first).
                var object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                object["ingested_at"] = nil
                object["id"] = nil
                object["cluster"] = nil
                return String(
                    decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
            }.sorted()
        }
        let original = try export(a)
        #expect(original.count > 20)
        #expect(try export(url, ["--password-file", password]) == original)
        #expect(try export(b) == original)
    }
}
