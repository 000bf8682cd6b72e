import Backends
import Foundation
import Logging
import TestKit
import Testing

@testable import Pipeline
@testable import Store
@testable import Web

/// A store for the web tests: the five seeds, a Traditional-script copy of one, and notices
/// whose stored strings are hostile (markup in the title, agency, person and tag evidence),
/// served by an in-process `WebServer`, in a SQLite file or (when `make test`'s private
/// server is up) a fresh PostgreSQL database.
struct WebFixture {
    enum Backend: String, Sendable, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgresql
        var testDescription: String { rawValue }
    }

    /// SQLite always; PostgreSQL when the test server runs (scripts/with-postgres.sh).
    static let backends: [Backend] = PostgresTestServer.available ? [.sqlite, .postgresql] : [.sqlite]

    static let hostileTitle = "<script>alert(1)</script>关于\"养老\"服务的'通知'&"
    static let hostileAgency = "\"><img src=x onerror=alert(2)>民政局"
    static let formulaTitle = "=HYPERLINK(\"http://x\")养老通知"

    let directory: URL
    let database: String
    let passwordFile: String?
    let ids: [Int64]
    let hostileID: Int64

    init(_ backend: Backend = .sqlite) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch backend {
        case .sqlite:
            database = directory.appendingPathComponent("web.sqlite").path
            passwordFile = nil
        case .postgresql:
            database = try PostgresTestServer.database("web")
            passwordFile = PostgresTestServer.passwordFile
        }
        let store = try StoreOpener.open(database, passwordFile: passwordFile)
        let pipeline = NoticePipeline()
        var arrivals: [Arrival] = []
        for name in Fixtures.seedNames() {
            let raw = Fixtures.seed(name)
            arrivals.append(Arrival.prepare(try pipeline.process(raw), original: raw.bytes, collection: nil))
        }
        // A Traditional copy of a seed's opening, so 養老 and 养老 meet the same documents.
        let traditional = RawNotice(
            file: "traditional.txt",
            bytes: Array("關於做好養老服務機構疫情防控工作的通知\n各區民政局：\n請各地切實做好養老服務機構疫情防控工作，加強養老院管理。\n".utf8))
        arrivals.append(
            Arrival.prepare(try pipeline.process(traditional), original: traditional.bytes, collection: nil))
        var hostile = try pipeline.process(
            RawNotice(file: "hostile.txt", bytes: Array("关于做好养老服务工作的通知\n各地要做好养老服务，加强养老院安全管理。\n".utf8)))
        hostile.parsed.title = Self.hostileTitle
        hostile.parsed.agency = Self.hostileAgency
        hostile.parsed.people = [Person(name: "<b>王某</b>", positions: ["</td><script>x</script>"])]
        arrivals.append(Arrival.prepare(hostile, original: Array("<script>alert(3)</script>".utf8), collection: nil))
        var formula = try pipeline.process(
            RawNotice(file: "formula.txt", bytes: Array("养老服务通知\n各地要做好养老服务工作。\n".utf8)))
        formula.parsed.title = Self.formulaTitle
        arrivals.append(Arrival.prepare(formula, original: Array("x".utf8), collection: nil))
        let outcomes = try store.persist(arrivals)
        ids = outcomes.map(\.id)
        hostileID = ids[ids.count - 2]
        try store.indexPending()
    }

    func server(token: String? = nil) throws -> WebServer {
        try WebServer(settings: WebSettings(database: database, port: 0, token: token, passwordFile: passwordFile))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    static var logger: Logger {
        var logger = Logger(label: "web-tests")
        logger.logLevel = .critical
        return logger
    }
}
