import Foundation
import TestKit
import Testing

/// The web page in a real browser: the real `noticed web` binary over a store filled by
/// `noticed ingest`, loaded by Debian's headless chromium. Assertions are on the DOM chromium
/// rendered (`--dump-dom`) and on its console (`--enable-logging=stderr`); screenshots of the
/// search page and a document page go to `.build/screenshots/`.
@Suite("Web page in a browser", .serialized)
struct WebBrowserTests {
    static let screenshots = NoticedBinary.root.appendingPathComponent(".build/screenshots")

    /// What chromium rendered and what its console said.
    struct Rendered {
        var dom: String
        var console: [String]
    }

    static func chromium(_ extra: [String], _ url: String, profile: URL) throws -> (stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromium")
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0", "--lang=zh-CN",
            ] + extra + [url]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to their end while chromium runs (a full pipe would stall it).
        nonisolated(unsafe) var stderrData = Data()
        let reader = Thread { stderrData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try Deadline.wait("chromium's stderr", timeout: 30) { reader.isFinished }
        return (String(decoding: stdoutData, as: UTF8.self), String(decoding: stderrData, as: UTF8.self))
    }

    static func render(_ url: String, profile: URL) throws -> Rendered {
        let (dom, log) = try chromium(["--dump-dom"], url, profile: profile)
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Refused to") }
        return Rendered(dom: dom, console: console.map(String.init))
    }

    static func total(_ dom: String) -> Int? {
        guard let range = dom.range(of: "data-total=\"") else { return nil }
        return Int(dom[range.upperBound...].prefix { $0.isNumber })
    }

    /// The hrefs of one facet's links, in order, as the DOM gives them (entities decoded).
    static func facetLinks(_ dom: String, facet: String) -> [(href: String, count: Int)] {
        guard let start = dom.range(of: "data-facet=\"\(facet)\"") else { return [] }
        let section = dom[start.upperBound...]
        let end = section.range(of: "</section>")?.lowerBound ?? section.endIndex
        var out: [(String, Int)] = []
        var rest = section[..<end]
        while let a = rest.range(of: "<a href=\"") {
            let tail = rest[a.upperBound...]
            guard let quote = tail.firstIndex(of: "\"") else { break }
            let href = tail[..<quote].replacingOccurrences(of: "&amp;", with: "&")
            var count = 0
            if let c = tail.range(of: "<span class=\"count\">") {
                count = Int(tail[c.upperBound...].prefix { $0.isNumber }) ?? 0
            }
            out.append((href, count))
            rest = tail[quote...]
        }
        return out
    }

    @Test("search, 養老, a facet click, the timeline, a hostile title and no console errors, in chromium")
    func browser() throws {
        let chromium = "/usr/bin/chromium"
        try #require(
            FileManager.default.isExecutableFile(atPath: chromium), "chromium is not installed (make deps installs it)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-browser-\(UUID().uuidString)")
        let files = dir.appendingPathComponent("files")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let hostile = "<script>alert(1)</script>关于做好养老服务工作的通知"
        let page = """
            <html><head><meta charset="utf-8"><title>&lt;script&gt;alert(1)&lt;/script&gt;关于做好养老服务工作的通知</title></head>
            <body><h1>&lt;script&gt;alert(1)&lt;/script&gt;关于做好养老服务工作的通知</h1>
            <p>各地民政部门要做好养老服务工作，加强养老院安全管理，确保老年人安全。</p></body></html>
            """
        try Data(page.utf8).write(to: files.appendingPathComponent("hostile.html"))
        try Data("关于做好养老服务<img src=x onerror=alert(2)>工作的通知\n各地民政部门要做好养老服务工作，加强养老院安全管理。\n".utf8)
            .write(to: files.appendingPathComponent("img.txt"))
        try Data("關於做好養老服務機構疫情防控工作的通知\n請各地切實做好養老服務機構疫情防控工作，加強養老院管理。\n".utf8)
            .write(to: files.appendingPathComponent("traditional.txt"))
        let database = dir.appendingPathComponent("web.sqlite").path
        let seeds = NoticedBinary.root.appendingPathComponent("Tests/PipelineTests/Fixtures/seeds").path
        let ingest = try NoticedBinary.run(["ingest", "--db", database, seeds, files.path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let web = try WebProcess(binary: NoticedBinary.url, database: database, directory: dir)
        defer { _ = web.stop() }
        let profile = dir.appendingPathComponent("chromium")

        // The console check can fail: a page that logs an error is seen.
        let control = try Self.render("data:text/html,<script>console.error('control')</script>", profile: profile)
        #expect(control.console.contains { $0.contains("control") })

        let simplified = try Self.render(web.url("/search?q=%E5%85%BB%E8%80%81"), profile: profile)
        let traditional = try Self.render(web.url("/search?q=%E9%A4%8A%E8%80%81"), profile: profile)
        let total = try #require(Self.total(simplified.dom))
        #expect(total >= 5)
        #expect(Self.total(traditional.dom) == total)
        #expect(simplified.dom.contains("<mark>养老</mark>"))
        // The timeline's bars, drawn by the server as SVG.
        #expect(simplified.dom.components(separatedBy: "<rect class=\"bar\"").count > 1)
        // A facet click: the link's page counts what the facet said, fewer than before.
        let links = Self.facetLinks(simplified.dom, facet: "tag")
        let narrow = try #require(links.last)
        #expect(narrow.count < total)
        let narrowed = try Self.render(web.url(narrow.href), profile: profile)
        #expect(Self.total(narrowed.dom) == narrow.count)
        // A hostile title is text, in the results and on its page.
        #expect(simplified.dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;关于做好养老服务工作的通知"))
        #expect(!simplified.dom.contains("<script"))
        #expect(!simplified.dom.contains("<img"))
        let api = try NoticedBinary.run(["search", "--db", database, "--json", "--limit", "50", "养老"])
        let hostileID = try #require(
            api.stdout.split(separator: "\n").first { $0.contains("alert(1)") }.flatMap { line in
                line.range(of: "\"id\":").map { Int(line[$0.upperBound...].prefix { $0.isNumber }) } ?? nil
            })
        let document = try Self.render(web.url("/documents/\(hostileID)"), profile: profile)
        #expect(document.dom.contains("<h1 id=\"title\">&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!document.dom.contains("<script"))
        #expect(
            document.dom.contains(
                "<title>\(hostile.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")) · noticed</title>"
            ))
        let status = try Self.render(web.url("/status"), profile: profile)
        #expect(status.dom.contains("运行状态"))
        for rendered in [simplified, traditional, narrowed, document, status] {
            #expect(rendered.console.isEmpty, "\(rendered.console)")
        }

        // Screenshots of the search page and a document page.
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let firstSeed = try #require(
            NoticedBinary.run(["search", "--db", database, "--json", "疫情防控"]).stdout.split(separator: "\n").first)
        let seedID =
            firstSeed.range(of: "\"id\":").map { Int(firstSeed[$0.upperBound...].prefix { $0.isNumber }) ?? 0 } ?? 0
        for (name, path) in [("search", "/search?q=%E5%85%BB%E8%80%81"), ("document", "/documents/\(seedID)")] {
            let png = Self.screenshots.appendingPathComponent("\(name).png")
            try? FileManager.default.removeItem(at: png)
            _ = try Self.chromium(
                ["--hide-scrollbars", "--window-size=1280,1600", "--screenshot=\(png.path)"], web.url(path),
                profile: profile)
            let bytes = try Data(contentsOf: png)
            #expect(bytes.count > 20_000, "\(name).png")
            #expect(bytes.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "\(name).png")
        }
        #expect(web.stop() == 0)
    }
}
