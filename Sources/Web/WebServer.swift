internal import Backends
internal import Daemon
internal import Foundation
internal import HTTPTypes
public import Hummingbird
public import Logging
internal import NoticeModel
public import Pipeline
internal import Store

/// `noticed web`: a read-only web server over the store. Routes: `/` and `/search` (results,
/// facets, timeline), `/documents/{id}` (and `/original`), `/status`, `/feed.atom`,
/// `/export.csv`, `/export.jsonl`, `/api/search`, `/api/documents/{id}`, `/api/timeline`,
/// `/api/stats`, `/api/openapi.json`, `/static/app.css`.
public struct WebServer: Sendable {
    public let settings: WebSettings
    let store: any BrowsingStore
    let pages: Pages
    let labels: Labels
    /// The rendered timeline and facets of recent searches (`queryCacheMiB` of HTML at most):
    /// a search's next page, or the same search again, reuses them.
    let countsCache: QueryCache<CountsView.Key, String>

    /// Opens the store read-only (a SQLite file, or a `postgresql://` URL with the password
    /// from `settings.passwordFile`); refuses (one line) a missing or unreadable database, and a
    /// non-loopback address without a token.
    public init(settings: WebSettings, rules: RuleSet = .builtIn) throws(WebError) {
        guard settings.isLoopback || !(settings.token ?? "").isEmpty else {
            throw WebError(
                .badRequest,
                "listening on \(settings.host) needs a token: give --token-file (or listen on 127.0.0.1)")
        }
        guard ServiceConfig.isPostgres(settings.database) || FileManager.default.fileExists(atPath: settings.database)
        else {
            throw WebError(.notFound, "no store at \(settings.database) (start the daemon first, or give --db)")
        }
        do {
            store = try StoreOpener.browsing(
                settings.database, passwordFile: settings.passwordFile, queryCacheMiB: settings.queryCacheMiB)
        } catch {
            throw WebError(.unavailable, "cannot open the store: \(error.message)")
        }
        do {
            pages = try Pages()
        } catch {
            throw WebError(.unavailable, "the page templates do not compile: \(error)")
        }
        self.settings = settings
        labels = Labels(rules: rules)
        countsCache = QueryCache(budget: max(0, settings.queryCacheMiB) << 20)
    }

    /// The application, for `run` and for tests (HummingbirdTesting). `onRunning` gets the port
    /// the server bound (the one asked for, or the kernel's choice for port 0).
    public func application(logger: Logger, onRunning: @escaping @Sendable (Int) -> Void = { _ in })
        -> some ApplicationProtocol
    {
        let asked = settings.port
        return Application(
            router: router(),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "noticed"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? asked) },
            logger: logger)
    }

    public func run(logger: Logger, onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        // The facet columns load while the server starts (about 2 s for 100,000 documents).
        let store = store
        DispatchQueue.global(qos: .userInitiated).async { store.prepareForBrowsing() }
        try await application(logger: logger, onRunning: onRunning).runService()
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages(pages: pages))
        if let token = settings.token, !token.isEmpty { router.add(middleware: AccessGate(token: token)) }
        router.get("/") { request, _ in try await Self.offload { try self.searchPage(request) } }
        router.get("/search") { request, _ in try await Self.offload { try self.searchPage(request) } }
        router.get("/documents/:id") { _, context in
            let id = try Self.id(context)
            return try await Self.offload { try self.documentPage(id) }
        }
        router.get("/documents/:id/original") { _, context in
            let id = try Self.id(context)
            return try await Self.offload { try self.original(id) }
        }
        router.get("/status") { _, _ in try await Self.offload { try self.statusPage() } }
        router.get("/static/app.css") { _, _ in
            Self.response(Stylesheet.css, type: "text/css; charset=utf-8", cache: "public, max-age=86400")
        }
        router.get("/feed.atom") { request, _ in try await Self.offload { try self.feed(request) } }
        router.get("/export.csv") { request, _ in try await Self.offload { try self.export(request, csv: true) } }
        router.get("/export.jsonl") { request, _ in try await Self.offload { try self.export(request, csv: false) } }
        router.get("/api/search") { request, _ in try await Self.offload { try self.apiSearch(request) } }
        router.get("/api/documents/:id") { _, context in
            let id = try Self.id(context)
            return try await Self.offload { try self.apiDocument(id) }
        }
        router.get("/api/timeline") { request, _ in try await Self.offload { try self.apiTimeline(request) } }
        router.get("/api/stats") { _, _ in try await Self.offload { try self.apiStats() } }
        router.get("/api/openapi.json") { _, _ in
            Self.response(OpenAPIDocument.json, type: "application/json; charset=utf-8", cache: "public, max-age=3600")
        }
        return router
    }

    // MARK: pages

    func searchPage(_ request: Request) throws -> Response {
        let p = try Self.parameters(request)
        let result = try storeCall {
            try store.browse(
                p.query, filters: p.filters, offset: (p.page - 1) * SearchParameters.pageSize,
                limit: SearchParameters.pageSize)
        }
        let key = CountsView.Key(result, parameters: p)
        let counts =
            countsCache.value(key)
            ?? {
                let html = pages.render("counts", CountsView(result, parameters: p, labels: labels))
                countsCache.store(html, cost: html.utf8.count, for: key)
                return html
            }()
        return Self.html(pages.render("search", SearchView(result, parameters: p, labels: labels, counts: counts)))
    }

    func documentPage(_ id: Int64) throws -> Response {
        let stored = try notice(id)
        let view = try storeCall {
            DocumentView(
                stored, original: try store.original(id: id),
                copies: try store.clusterMembers(stored.cluster, except: id, limit: 50),
                attachments: try store.attachments(of: id),
                parent: try stored.attachmentOf.flatMap { try store.notice(reference: String($0)) }, labels: labels)
        }
        return Self.html(pages.render("document", view))
    }

    func original(_ id: Int64) throws -> Response {
        let stored = try notice(id)
        guard let bytes = try storeCall({ try store.original(id: id) }) else {
            throw WebError(.notFound, "the original bytes of document \(id) are missing or damaged")
        }
        let name = (stored.notice.clean.file as NSString).lastPathComponent
        var headers: HTTPFields = [
            .contentType: "application/octet-stream",
            .contentDisposition: "attachment; filename=\"document-\(id)\"; filename*=UTF-8''\(URLQuery.escape(name))",
        ]
        headers[HTTPField.Name("Content-Security-Policy")!] = "sandbox; default-src 'none'"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    func statusPage() throws -> Response {
        let status = try storeCall { try WebStatus(store: store, settings: settings) }
        return Self.html(pages.render("status", StatusView(status)))
    }

    func feed(_ request: Request) throws -> Response {
        let p = try Self.parameters(request)
        let hits = try storeCall {
            // A feed lists the newest matches, whatever their rank.
            let (ids, _) = try store.matchingIDs(p.query, filters: p.filters, cap: 50)
            return try store.hits(ids, terms: p.query?.terms ?? [])
        }
        let title = "noticed：" + (p.q.isEmpty ? "最新文件" : p.q)
        let xml = AtomFeed.xml(
            hits: hits, title: title, selfLink: p.link("/feed.atom"), base: Self.base(request),
            updated: AtomFeed.timestamp(hits.compactMap(\.published).max()) ?? "1970-01-01T00:00:00Z")
        return Self.response(xml, type: "application/atom+xml; charset=utf-8")
    }

    func export(_ request: Request, csv: Bool) throws -> Response {
        let p = try Self.parameters(request)
        let (ids, total) = try storeCall { try store.matchingIDs(p.query, filters: p.filters, cap: ResultExport.cap) }
        var out = csv ? ResultExport.csvHeader() : ""
        try storeCall {
            for id in ids {
                guard let stored = try store.notice(reference: String(id)) else { continue }
                out += csv ? ResultExport.csvRow(stored) : ResultExport.jsonLine(stored)
            }
        }
        var response = Self.response(
            out, type: csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
        response.headers[.contentDisposition] = "attachment; filename=\"noticed-export.\(csv ? "csv" : "jsonl")\""
        response.headers[HTTPField.Name("X-Noticed-Total")!] = String(total)
        if total > ids.count { response.headers[HTTPField.Name("X-Noticed-Truncated")!] = String(ids.count) }
        return response
    }

    // MARK: API

    func apiSearch(_ request: Request) throws -> Response {
        let values = try QueryString.parse(request.uri.query)
        let p = try SearchParameters { values[$0] }
        var limit = SearchParameters.pageSize
        if let text = values["limit"] {
            guard let n = Int(text), n >= 1, n <= SearchParameters.maxLimit else {
                throw WebError(.badRequest, "limit must be a whole number from 1 to \(SearchParameters.maxLimit)")
            }
            limit = n
        }
        let result = try storeCall {
            try store.browse(p.query, filters: p.filters, offset: (p.page - 1) * limit, limit: limit)
        }
        var facets: [(String, JSONValue)] = []
        for facet in Labels.facets {
            facets.append(
                (facet.name, .object((result.facets[facet.name] ?? []).map { ($0.value, JSONValue.int($0.count)) })))
        }
        let json = JSONValue.object([
            ("total", .int(result.total)), ("page", .int(p.page)), ("sampled", .bool(result.sampled)),
            ("hits", .array(result.hits.map(\.json))), ("facets", .object(facets)),
        ])
        return Self.json(json)
    }

    func apiDocument(_ id: Int64) throws -> Response {
        Self.json(try notice(id).json)
    }

    func apiTimeline(_ request: Request) throws -> Response {
        let values = try QueryString.parse(request.uri.query)
        let p = try SearchParameters { values[$0] }
        let by = values["by"] ?? "month"
        guard by == "month" || by == "year" else { throw WebError(.badRequest, "by must be month or year") }
        let result = try storeCall { try store.browse(p.query, filters: p.filters, offset: 0, limit: 0) }
        var periods: [String: Int] = [:]
        for month in result.timeline {
            periods[by == "year" ? String(month.value.prefix(4)) : month.value, default: 0] += month.count
        }
        let json = JSONValue.array(
            periods.sorted { $0.key < $1.key }.map {
                .object([("period", .string($0.key)), ("count", .int($0.value))])
            })
        return Self.json(json)
    }

    func apiStats() throws -> Response {
        let status = try storeCall { try WebStatus(store: store, settings: settings) }
        let s = status.stats
        func pairs(_ list: [(String, Int)]) -> JSONValue { .object(list.map { ($0.0, JSONValue.int($0.1)) }) }
        return Self.json(
            .object([
                ("documents", .int(s.documents)), ("duplicates", .int(s.duplicates)), ("clusters", .int(s.clusters)),
                ("failures", .int(s.failures)), ("last_ingest", .optional(s.lastIngest)),
                ("daemon", .string(status.daemon)),
                ("waiting", status.waiting.map { .int($0) } ?? .null), ("by_tag", pairs(s.byTag)),
                ("by_month", pairs(s.byMonth)),
            ]))
    }

    // MARK: helpers

    /// Runs a store call off the server's event loops (SQLite blocks): on Dispatch's pool, so a
    /// slow search never holds up the stylesheet or another connection's bytes.
    static func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try body() }) }
        }
    }

    func notice(_ id: Int64) throws -> StoredNotice {
        guard let stored = try storeCall({ try store.notice(reference: String(id)) }) else {
            throw WebError(.notFound, "no document \(id) in this store")
        }
        return stored
    }

    /// A store call whose failure is one line of ours (503: the store is busy or unreadable).
    func storeCall<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as WebError {
            throw error
        } catch let error as StoreError {
            throw WebError(error.isTransient ? .unavailable : .badRequest, error.message)
        }
    }

    static func id(_ context: BasicRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw WebError(.badRequest, "a document id is a positive whole number")
        }
        return id
    }

    static func parameters(_ request: Request) throws -> SearchParameters {
        let values = try QueryString.parse(request.uri.query)
        return try SearchParameters { values[$0] }
    }

    /// `http://HOST` from the request's Host header, for absolute links in the feed; a header
    /// with anything but host-name characters gives `http://localhost`.
    static func base(_ request: Request) -> String {
        let host = request.head.authority ?? "localhost"
        let ok = host.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                || [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]")]
                    .contains(byte)
        }
        return "http://" + (ok && !host.isEmpty ? host : "localhost")
    }

    static func html(_ body: String) -> Response { response(body, type: "text/html; charset=utf-8") }

    static func json(_ value: JSONValue) -> Response {
        response(value.serialized() + "\n", type: "application/json; charset=utf-8")
    }

    static func response(_ body: String, type: String, cache: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: type]
        if let cache { headers[.cacheControl] = cache }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
