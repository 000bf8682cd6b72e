import Foundation
import FoundationXML
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import Web

/// Every route over a real store (in process, HummingbirdTesting's router client): status,
/// content type, the security headers, what the page or API says, and that every stored
/// string is escaped wherever it is shown.
@Suite("Web routes")
struct WebRouteTests {
    static func uri(_ path: String, _ query: [(String, String)] = []) -> String {
        query.isEmpty ? path : path + "?" + query.map { "\($0.0)=\(URLQuery.escape($0.1))" }.joined(separator: "&")
    }

    /// One GET: status, headers, body.
    struct Got {
        var status: Int
        var headers: HTTPFields
        var body: String
        var json: JSON? { try? JSON.parse(body) }
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> Got {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            Got(
                status: Int(response.status.code), headers: response.headers,
                body: String(buffer: response.body))
        }
    }

    @Test("every route answers, with its content type and the security headers", arguments: WebFixture.backends)
    func routes(_ backend: WebFixture.Backend) async throws {
        let fixture = try WebFixture(backend)
        defer { fixture.remove() }
        let id = fixture.ids[0]
        let expected: [(String, String)] = [
            ("/", "text/html"), (Self.uri("/search", [("q", "养老")]), "text/html"), ("/documents/\(id)", "text/html"),
            ("/documents/\(id)/original", "application/octet-stream"), ("/status", "text/html"),
            ("/static/app.css", "text/css"), (Self.uri("/feed.atom", [("q", "养老")]), "application/atom+xml"),
            (Self.uri("/export.csv", [("q", "养老")]), "text/csv"),
            (Self.uri("/export.jsonl", [("q", "养老")]), "application/x-ndjson"),
            (Self.uri("/api/search", [("q", "养老")]), "application/json"), ("/api/documents/\(id)", "application/json"),
            (Self.uri("/api/timeline", [("q", "养老"), ("by", "month")]), "application/json"),
            ("/api/stats", "application/json"), ("/api/openapi.json", "application/json"),
        ]
        try await fixture.server().application(logger: WebFixture.logger).test(.router) { client in
            for (uri, type) in expected {
                let got = try await Self.get(client, uri)
                #expect(got.status == 200, "\(uri): \(got.body.prefix(200))")
                #expect(got.headers[.contentType]?.hasPrefix(type) == true, "\(uri)")
                #expect(
                    got.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'none'") == true,
                    "\(uri)")
                #expect(got.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                #expect(got.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                #expect(!got.body.isEmpty, "\(uri)")
            }
        }
    }

    @Test(
        "养老 and 養老 find the same documents; a facet narrows to its count; the timeline sums to the total",
        arguments: WebFixture.backends)
    func searchAndFacets(_ backend: WebFixture.Backend) async throws {
        let fixture = try WebFixture(backend)
        defer { fixture.remove() }
        try await fixture.server().application(logger: WebFixture.logger).test(.router) { client in
            let simplified = try #require(try await Self.get(client, Self.uri("/api/search", [("q", "养老")])).json)
            let traditional = try #require(try await Self.get(client, Self.uri("/api/search", [("q", "養老")])).json)
            let total = try #require(simplified["total"]?.int)
            #expect(total >= 3)
            #expect(traditional["total"]?.int == total)
            #expect(
                Set(simplified["hits"]?.array?.compactMap { $0["id"]?.int } ?? [])
                    == Set(traditional["hits"]?.array?.compactMap { $0["id"]?.int } ?? []))
            // A facet's count is the total of the search it narrows to.
            let tags = try #require(simplified["facets"]?["tag"]?.object)
            let (tag, count) = try #require(tags.min { ($0.value.int ?? 0) < ($1.value.int ?? 0) })
            #expect((count.int ?? 0) < total)
            let narrowed = try #require(
                try await Self.get(client, Self.uri("/api/search", [("q", "养老"), ("tag", tag)])).json)
            #expect(narrowed["total"]?.int == count.int)
            // The page says the same total, and its facet links narrow the same way.
            let page = try await Self.get(client, Self.uri("/search", [("q", "养老")]))
            #expect(page.body.contains("data-total=\"\(total)\""))
            let top = try #require(tags.max { ($0.value.int ?? 0, $1.key) < ($1.value.int ?? 0, $0.key) })
            #expect(page.body.contains("tag=\(URLQuery.escape(top.key))\" data-value=\"\(top.key)\""))
            let months = try #require(
                try await Self.get(client, Self.uri("/api/timeline", [("q", "养老")])).json?.array)
            let dated = simplified["facets"]?["year"]?.object?.values.compactMap(\.int).reduce(0, +) ?? -1
            #expect(months.compactMap { $0["count"]?.int }.reduce(0, +) == dated)
            #expect(page.body.contains("<rect class=\"bar\""))
            // Browsing without a query lists every document, newest first.
            let all = try #require(try await Self.get(client, "/api/search").json)
            #expect(all["total"]?.int == fixture.ids.count)
        }
    }

    @Test(
        "a hostile title, agency or person is text everywhere: page, document, attributes, feed, API",
        arguments: WebFixture.backends)
    func escaping(_ backend: WebFixture.Backend) async throws {
        let fixture = try WebFixture(backend)
        defer { fixture.remove() }
        try await fixture.server().application(logger: WebFixture.logger).test(.router) { client in
            let pages = [
                Self.uri("/search", [("q", "养老")]), "/documents/\(fixture.hostileID)", "/status",
                Self.uri("/search", [("agency", "民政局")]),
            ]
            for uri in pages {
                let body = try await Self.get(client, uri).body
                #expect(!body.contains("<script"), "\(uri)")
                #expect(!body.contains("<img"), "\(uri)")
                #expect(!body.contains("<b>王某"), "\(uri)")
            }
            let document = try await Self.get(client, "/documents/\(fixture.hostileID)").body
            #expect(document.contains("&lt;script&gt;alert(1)&lt;/script&gt;关于&quot;养老&quot;服务的&#39;通知&#39;&amp;"))
            #expect(document.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;民政局"))
            let feed = try await Self.get(client, Self.uri("/feed.atom", [("q", "养老")])).body
            #expect(!feed.contains("<script"))
            #expect(feed.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;"))
            // The feed is well-formed XML.
            let parser = XMLParser(data: Data(feed.utf8))
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
            // The API returns the string as data, under a JSON content type.
            let api = try await Self.get(client, "/api/documents/\(fixture.hostileID)")
            #expect(api.json?["title"]?.string == WebFixture.hostileTitle)
            // A spreadsheet does not run a title as a formula.
            let csv = try await Self.get(client, Self.uri("/export.csv", [("q", "养老")])).body
            #expect(csv.contains("'=HYPERLINK"))
            #expect(!csv.contains(",=HYPERLINK"))
        }
    }

    @Test(
        "bad parameters and unknown ids get 400 or 404 with one clear line, never a 500", arguments: WebFixture.backends
    )
    func badRequests(_ backend: WebFixture.Backend) async throws {
        let fixture = try WebFixture(backend)
        defer { fixture.remove() }
        let cases: [(String, Int, String)] = [
            (Self.uri("/search", [("page", "-1")]), 400, "page must be"),
            (Self.uri("/api/search", [("page", "0")]), 400, "page must be"),
            (Self.uri("/api/search", [("limit", "100000")]), 400, "limit must be"),
            (Self.uri("/api/search", [("q", "\"((")]), 400, "query"),
            (Self.uri("/search", [("q", "AND")]), 400, "query"),
            (Self.uri("/api/search", [("since", "2020-13")]), 400, "since"),
            (Self.uri("/search", [("until", "yesterday")]), 400, "until"),
            (Self.uri("/search", [("region", "火星")]), 400, "unknown region"),
            (Self.uri("/search", [("level", "galactic")]), 400, "level must be"),
            (Self.uri("/api/timeline", [("by", "week")]), 400, "by must be"),
            ("/search?q=%E5%85", 400, "percent-encoding"),
            ("/documents/999999", 404, "no document 999999"), ("/api/documents/999999", 404, "no document"),
            ("/documents/abc", 400, "positive whole number"), ("/api/documents/-4", 400, "positive whole number"),
            ("/documents/999999/original", 404, "no document"), ("/no/such/page", 404, "no such page"),
            (Self.uri("/search", [("q", String(repeating: "养", count: 300))]), 400, "too long"),
        ]
        try await fixture.server().application(logger: WebFixture.logger).test(.router) { client in
            for (uri, status, words) in cases {
                let got = try await Self.get(client, uri)
                #expect(got.status == status, "\(uri): \(got.status) \(got.body.prefix(300))")
                #expect(got.body.contains(words), "\(uri): \(got.body.prefix(300))")
                #expect(!got.body.contains("Error("), "\(uri)")
            }
        }
    }

    @Test("every API response matches the OpenAPI document the server publishes", arguments: WebFixture.backends)
    func openAPI(_ backend: WebFixture.Backend) async throws {
        let fixture = try WebFixture(backend)
        defer { fixture.remove() }
        try await fixture.server().application(logger: WebFixture.logger).test(.router) { client in
            let document = try #require(try await Self.get(client, "/api/openapi.json").json)
            #expect(document["openapi"]?.string == "3.1.0")
            let check = SchemaCheck(document: document)
            let calls: [(String, String, String)] = [
                ("/api/search", Self.uri("/api/search", [("q", "养老")]), "200"),
                (
                    "/api/search", Self.uri("/api/search", [("tag", "elderly-care"), ("limit", "2"), ("page", "2")]),
                    "200"
                ),
                ("/api/search", "/api/search", "200"),
                ("/api/search", Self.uri("/api/search", [("limit", "0")]), "400"),
                ("/api/documents/{id}", "/api/documents/\(fixture.ids[0])", "200"),
                ("/api/documents/{id}", "/api/documents/\(fixture.hostileID)", "200"),
                ("/api/documents/{id}", "/api/documents/424242", "404"),
                ("/api/timeline", Self.uri("/api/timeline", [("q", "养老")]), "200"),
                ("/api/timeline", Self.uri("/api/timeline", [("by", "year")]), "200"),
                ("/api/stats", "/api/stats", "200"),
            ]
            for (path, uri, status) in calls {
                let got = try await Self.get(client, uri)
                #expect(String(got.status) == status, "\(uri)")
                let json = try #require(got.json, "\(uri)")
                let schema = check.response(path, status: status)
                #expect(schema.object != nil, "\(path) \(status) has no schema")
                #expect(check.problems(json, schema) == [], "\(uri)")
            }
        }
    }

    @Test("off loopback a token is required; with one, only requests that present it are served")
    func token() async throws {
        let fixture = try WebFixture()
        defer { fixture.remove() }
        #expect(throws: WebError.self) {
            try WebServer(settings: WebSettings(database: fixture.database, host: "0.0.0.0", port: 0))
        }
        #expect(throws: WebError.self) {
            try WebServer(settings: WebSettings(database: fixture.directory.path + "/none.sqlite"))
        }
        let token = "s3cret-token-0123456789"
        try await fixture.server(token: token).application(logger: WebFixture.logger).test(.router) { client in
            let refused = try await Self.get(client, "/api/stats")
            #expect(refused.status == 401)
            #expect(refused.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            let wrong = try await Self.get(client, "/api/stats", headers: [.authorization: "Bearer wrong"])
            #expect(wrong.status == 401)
            let bearer = try await Self.get(client, "/api/stats", headers: [.authorization: "Bearer \(token)"])
            #expect(bearer.status == 200)
            let basic = "Basic " + Data("analyst:\(token)".utf8).base64EncodedString()
            let page = try await Self.get(client, "/", headers: [.authorization: basic])
            #expect(page.status == 200)
        }
    }

    @Test("the server never writes the store it reads")
    func readOnly() async throws {
        let fixture = try WebFixture()
        defer { fixture.remove() }
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.database))
        try await fixture.server().application(logger: WebFixture.logger).test(.router) { client in
            for uri in [
                "/", Self.uri("/search", [("q", "养老")]), "/documents/\(fixture.ids[0])", "/status", "/api/stats",
            ] {
                let status = try await Self.get(client, uri).status
                #expect(status == 200, "\(uri)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.database)) == before)
    }

    @Test("parameters: dates widen to the days they cover, links keep the search and drop the page")
    func parameters() throws {
        let p = try SearchParameters {
            ["q": "养老", "since": "2020", "until": "2021-02", "page": "3", "tag": "funeral"][$0]
        }
        #expect(p.since == "2020-01-01" && p.until == "2021-02-31")
        #expect(p.link("/search", ["tag": nil]) == "/search?q=%E5%85%BB%E8%80%81&since=2020-01-01&until=2021-02-31")
        #expect(p.link("/search", ["page": "4"]).hasSuffix("&page=4"))
        #expect(try QueryString.parse("q=%E5%85%BB+%E8%80%81&q=x") == ["q": "养 老"])
        #expect(HTMLText.snippet("…做好[养老]<b>") == "…做好<mark>养老</mark>&lt;b&gt;")
        #expect(TimelineChart.fill([("2020-11", 2), ("2021-02", 1)]).map(\.count) == [2, 0, 0, 1])
        #expect(p.link("/search") == "/search?q=%E5%85%BB%E8%80%81&tag=funeral&since=2020-01-01&until=2021-02-31")
        #expect(try SearchParameters { _ in nil }.link("/search", ["tag": "a&b"]) == "/search?tag=a%26b")
    }

    @Test("escaping over bytes: the five characters as entities, XML's forbidden controls and U+FFFE/F dropped")
    func escapingBytes() {
        /// The rule, a scalar at a time.
        func reference(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                case "\t", "\n": out.unicodeScalars.append(scalar)
                default:
                    if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                    out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        var rng = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = [
            "a", "&", "<", ">", "\"", "'", "\t", "\n", "\u{1}", "\u{1F}", "养", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}",
            "\u{EFBF}", "\u{F000}", "😀", " ",
        ]
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                text.unicodeScalars.append(alphabet.randomElement(using: &rng)!)
            }
            #expect(HTMLText.escape(text) == reference(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("the rendered facets are kept per counts and links: a narrower search never shows a wider one's links")
    func countsCache() async throws {
        let fixture = try WebFixture()
        defer { fixture.remove() }
        try await fixture.server().application(logger: WebFixture.logger).test(.router) { client in
            let first = try await Self.get(client, Self.uri("/search", [("q", "养老")]))
            let again = try await Self.get(client, Self.uri("/search", [("q", "养老")]))
            #expect(first.body == again.body)
            let json = try #require(try await Self.get(client, Self.uri("/api/search", [("q", "养老")])).json)
            let tag = try #require(json["facets"]?["tag"]?.object?.keys.sorted().first)
            let narrow = try await Self.get(client, Self.uri("/search", [("q", "养老"), ("tag", tag)]))
            // Every facet link of the narrower page keeps its tag; none of the first page's does.
            let aside = narrow.body.components(separatedBy: "<aside class=\"facets\">").last ?? ""
            let links = aside.components(separatedBy: "</aside>").first ?? ""
            #expect(links.contains("href=\"/search?q="))
            for link in links.components(separatedBy: "href=\"").dropFirst() {
                let href = link.prefix { $0 != "\"" }
                #expect(href.contains("tag="), "\(href)")
            }
            #expect(narrow.body.contains("data-total=\"\(json["facets"]?["tag"]?[tag]?.int ?? -1)\""))
            let uncached = try WebServer(
                settings: WebSettings(database: fixture.database, port: 0, queryCacheMiB: 0))
            try await uncached.application(logger: WebFixture.logger).test(.router) { client in
                let fresh = try await Self.get(client, Self.uri("/search", [("q", "养老"), ("tag", tag)]))
                #expect(fresh.body == narrow.body, "a cached page is the page computed afresh")
            }
        }
    }
}
