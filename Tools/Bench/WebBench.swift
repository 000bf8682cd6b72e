import Foundation
import TestKit

/// `noticed web` under load (issue 17): the real binary over the benchmark's store, `wrk` from
/// Debian on loopback with 16 connections, a rotation of typical searches (words, phrases,
/// AND/OR/NOT, filters, a second page). p50, p95 and p99 per run from wrk's own histogram
/// (a Lua `done` hook; `--latency` prints no p95); the baseline, in the same run, is the
/// stylesheet: the server's and wrk's floor for one request. Measured twice: as the server
/// runs, its caches of recent queries warmed by one pass of the rotation (the rotation repeats
/// 20 searches, so every measured request is a repeat), and with no query cache, where every
/// request reads the index, filters, counts and ranks afresh.
struct WebBench {
    let database: String
    var runs = 3
    var seconds = 10
    var connections = 16
    var summary: Summary?

    static let queries = [
        "养老", "社会救助", "低保", "疫情防控", "婚姻登记", "殡葬 OR 遗体", "儿童福利", "\"社会组织\"", "慈善 AND 捐赠",
        "养老 NOT 疫情", "救助站", "志愿者", "残疾人", "福利彩票", "特困", "社区防控", "養老服務", "民政", "督查", "困难群众",
    ]

    /// The rotation: each query alone, then with a filter or on its second page.
    static var paths: [String] {
        let filters = ["", "&tag=elderly-care", "&level=provincial", "&page=2", "&since=2020", "&region=440000"]
        return queries.enumerated().map { i, q in
            "?q=" + (q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q) + filters[i % filters.count]
        }
    }

    func run() throws {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile) else {
            print("web: wrk is not installed (make bench installs it); skipped")
            return
        }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("noticed").path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-bench-web-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let targets: [(name: String, paths: [String])] = [
            ("/api/search", Self.paths.map { "/api/search" + $0 }), ("search page", Self.paths.map { "/search" + $0 }),
            ("/static/app.css", ["/static/app.css"]),
        ]
        // As it runs (its caches of recent queries warmed by one pass of the rotation), and with
        // no cache at all (`--query-cache 0`): every request reads the index and ranks afresh.
        for (label, arguments) in [("", [String]()), (" (no query cache)", ["--query-cache", "0"])] {
            let server = try WebProcess(
                binary: URL(fileURLWithPath: binary), database: database, directory: dir, arguments: arguments)
            defer { server.stop() }
            let base = "http://127.0.0.1:\(server.port)"
            let script = dir.appendingPathComponent("rotation.lua")
            if arguments.isEmpty {
                try Self.lua(targets.flatMap(\.paths)).write(to: script, atomically: true, encoding: .utf8)
                _ = try Self.wrk(wrk, url: base, script: script.path, seconds: 8, connections: 2)
            }
            try measure(targets, label: label, wrk: wrk, base: base, script: script)
        }
    }

    func measure(_ targets: [(name: String, paths: [String])], label: String, wrk: String, base: String, script: URL)
        throws
    {
        var results: [String: [Result]] = [:]
        for run in 0..<runs {
            for target in targets {
                try Self.lua(target.paths).write(to: script, atomically: true, encoding: .utf8)
                let result = try Self.wrk(
                    wrk, url: base, script: script.path, seconds: seconds, connections: connections)
                print(
                    String(
                        format: "web run %d, %@%@: %.0f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d errors",
                        run + 1, target.name, label, result.rate, result.p50, result.p95, result.p99, result.errors))
                results[target.name, default: []].append(result)
            }
        }
        let floor = results["/static/app.css"] ?? []
        for name in ["/api/search", "search page"] {
            let r = results[name] ?? []
            summary?.add(
                "web \(name) p95\(label), \(connections) clients (wrk, loopback)", r.map(\.p95), unit: "ms",
                baseline: ("the stylesheet", floor.map(\.p95)))
            summary?.add(
                "web \(name) throughput\(label), \(connections) clients", r.map(\.rate), unit: "req/s", format: "%.0f",
                baseline: ("the stylesheet", floor.map(\.rate)))
        }
    }

    struct Result {
        var p50: Double
        var p95: Double
        var p99: Double
        var rate: Double
        var errors: Int
    }

    static func lua(_ paths: [String]) -> String {
        let list = paths.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",\n")
        return """
            local paths = {\n\(list)\n}
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT %f %f %f %d %d %d\\n", latency:percentile(50) / 1000,
                latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests, summary.duration,
                e.connect + e.read + e.write + e.timeout + e.status))
            end
            """
    }

    static func wrk(_ wrk: String, url: String, script: String, seconds: Int, connections: Int) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--timeout", "5s", "-s", script, url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("RESULT ") }) else {
            throw TestKitError("wrk printed no result: \(text.prefix(400))")
        }
        let v = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard v.count == 6 else { throw TestKitError("wrk's result line is malformed: \(line)") }
        return Result(p50: v[0], p95: v[1], p99: v[2], rate: v[3] / (v[4] / 1e6), errors: Int(v[5]))
    }
}
