import Corpus
import Foundation
import Pipeline
import Store
import Testing

/// The analyst's commands against a real SQLite file, through the real binary.
@Suite("Store and analyst commands", .serialized)
struct StoreCommandTests {
    static let seeds = NoticedBinary.root.appendingPathComponent("Tests/PipelineTests/Fixtures/seeds").path

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A scratch folder holding a store with the five seeds ingested.
    static func seededStore() throws -> (dir: URL, db: String) {
        let dir = try scratch()
        let db = dir.appendingPathComponent("n.sqlite").path
        let result = try NoticedBinary.run(["ingest", seeds, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        return (dir, db)
    }

    static func jsonLines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test("ingest twice: 5 documents, then 5 duplicates and still 5 rows")
    func dedup() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("n.sqlite").path
        let first = try NoticedBinary.run(["ingest", Self.seeds, "--db", db])
        #expect(first.status == 0)
        #expect(first.stdout.contains("ingested 5, duplicates 0, failed 0"))
        let second = try NoticedBinary.run(["ingest", Self.seeds, "--db", db])
        #expect(second.stdout.contains("ingested 0, duplicates 5, failed 0"))
        #expect(try NoticeStore(path: db, readOnly: true).count() == 5)
    }

    @Test(
        "searches return exactly the seeds that contain the words",
        arguments: [
            ("养老", ["000", "001", "002", "003"]), ("養老", ["000", "001", "002", "003"]), ("一老一小", ["001", "002"]),
            ("低保", ["002", "003"]), ("疫情 AND 婚姻登记", ["001", "003"]), ("\"社会救助\"", ["001", "004"]),
            ("殡葬 OR 遗体", ["001", "003"]), ("养老 NOT 低保", ["000", "001"]), ("李纪恒", ["004"]),
            ("養", ["000", "001", "002", "003"]),
        ])
    func search(_ query: String, _ expected: [String]) throws {
        let (dir, db) = try Self.seededStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try NoticedBinary.run(["search", query, "--json", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let hits = Self.jsonLines(result.stdout)
        #expect(Set(hits.compactMap { ($0["file"] as? String).map { String($0.prefix(3)) } }) == Set(expected))
        for hit in hits {
            for key in ["id", "file", "title", "agency", "published", "tags", "score", "snippet"] {
                #expect(hit.keys.contains(key), "\(key)")
            }
            #expect((hit["snippet"] as? String)?.contains("[") == true)
        }
        let scores = hits.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
    }

    @Test(
        "query mistakes are one clear line and a non-zero exit", arguments: ["(养老", "\"社会", "NOT 养老", "养老 AND", "!!!"])
    func badQuery(_ query: String) throws {
        let (dir, db) = try Self.seededStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try NoticedBinary.run(["search", query, "--db", db])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!result.stderr.lowercased().contains("sqlite") && !result.stderr.contains("fts5"))
    }

    @Test("runtime failures are one line and a non-zero exit")
    func oneLineErrors() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let garbage = dir.appendingPathComponent("garbage.sqlite").path
        #expect(FileManager.default.createFile(atPath: garbage, contents: Data("not a database".utf8)))
        for (arguments, message) in [
            (
                [
                    "ingest", dir.appendingPathComponent("missing").path, "--db",
                    dir.appendingPathComponent("n.sqlite").path,
                ],
                "no such file or folder"
            ),
            (["stats", "--db", garbage], "damaged or not a database"),
            (["search", "养老", "--db", dir.appendingPathComponent("absent.sqlite").path], "no store at"),
            (
                ["ingest", Self.seeds, "--rules", dir.appendingPathComponent("none.toml").path, "--db", garbage],
                "cannot read the rules file"
            ),
        ] {
            let result = try NoticedBinary.run(arguments)
            #expect(result.status != 0)
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    @Test("damaged copies of one notice share a cluster; the five seeds are five clusters")
    func clusters() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let drop = dir.appendingPathComponent("drop/siteA")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.seeds) {
            try FileManager.default.copyItem(
                atPath: Self.seeds + "/" + name, toPath: drop.appendingPathComponent(name).path)
        }
        let generator = try #require(DamageGenerator())
        let source = try #require(
            try? Cleaner().clean(
                RawNotice(
                    file: "s",
                    bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.seeds + "/003_2c81bb7cdb7e72f2.txt"))))))
        for seed in [11, 12] as [UInt64] {
            let copy = generator.damage(
                source.simplified.split(separator: "\n").map(String.init), name: "copy", seed: seed)
            #expect(
                FileManager.default.createFile(
                    atPath: drop.appendingPathComponent("copy-\(seed).txt").path, contents: Data(copy.bytes)))
        }
        let db = dir.appendingPathComponent("n.sqlite").path
        let ingest = try NoticedBinary.run(["ingest", dir.appendingPathComponent("drop").path, "--db", db])
        #expect(ingest.stdout.contains("ingested 7"))
        let docs = Self.jsonLines(try NoticedBinary.run(["export", "--db", db]).stdout)
        func cluster(_ prefix: String) -> Int? {
            docs.first { ($0["file"] as? String)?.split(separator: "/").last?.hasPrefix(prefix) == true }?["cluster"]
                as? Int
        }
        let seedClusters = ["000", "001", "002", "003", "004"].compactMap(cluster)
        #expect(Set(seedClusters).count == 5)
        #expect(cluster("copy-11") == cluster("003"))
        #expect(cluster("copy-12") == cluster("003"))
        #expect(docs.allSatisfy { $0["collection"] as? String == "siteA" })
    }

    @Test("export round-trips every inspect field, plus id, cluster, collection and ingested_at")
    func exportRoundTrip() throws {
        let (dir, db) = try Self.seededStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let exported = Self.jsonLines(try NoticedBinary.run(["export", "--db", db]).stdout)
        let files = exported.compactMap { $0["file"] as? String }
        let inspected = Self.jsonLines(try NoticedBinary.run(["inspect"] + files).stdout)
        #expect(exported.count == 5 && inspected.count == 5)
        for (e, i) in zip(exported, inspected) {
            for (key, value) in i {
                let a = try JSONSerialization.data(withJSONObject: ["v": value], options: .sortedKeys)
                let b = try JSONSerialization.data(withJSONObject: ["v": e[key] ?? NSNull()], options: .sortedKeys)
                #expect(a == b, "\(key) of \(i["file"] ?? "")")
            }
            for key in ["id", "cluster", "collection", "ingested_at"] { #expect(e.keys.contains(key)) }
        }
        let csv = try NoticedBinary.run(["export", "--format", "csv", "--db", db])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("id,file,sha256,"))
    }

    @Test("show, show --raw, stats and reprocess")
    func showStatsReprocess() throws {
        let (dir, db) = try Self.seededStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let raw = try NoticedBinary.run(["show", "1", "--raw", "--db", db])
        let original = try String(contentsOfFile: Self.seeds + "/000_30bca5a9dc432463.txt", encoding: .utf8)
        #expect(raw.stdout == original)
        let bySha = try NoticedBinary.run(["show", "fcc3f49d", "--json", "--db", db])
        #expect(Self.jsonLines(bySha.stdout).first?["id"] as? Int == 1)
        let stats = try NoticedBinary.run(["stats", "--db", db])
        #expect(stats.stdout.contains("documents 5"))
        #expect(stats.stdout.contains("epidemic-prevention"))
        // New rules, then reprocess: the new tag appears without re-ingesting.
        let rules = dir.appendingPathComponent("rules.toml").path
        try "[[tag]]\nid = \"video-meeting\"\nany = [\"视频会议\", \"电视电话会议\"]\n".write(
            toFile: rules, atomically: true, encoding: .utf8)
        let reprocess = try NoticedBinary.run(["reprocess", "--all", "--rules", rules, "--db", db])
        #expect(reprocess.stdout.contains("reprocessed 5, failed 0"))
        let hits = Self.jsonLines(
            try NoticedBinary.run(["search", "会议", "--tag", "video-meeting", "--json", "--db", db]).stdout)
        #expect(Set(hits.compactMap { ($0["file"] as? String)?.prefix(3) }) == ["000", "001", "002"])
        let missing = try NoticedBinary.run(["show", "99", "--db", db])
        #expect(missing.status != 0 && missing.stderr.contains("no document 99"))
        #expect(missing.stderr.split(separator: "\n").count == 1)
    }

    @Test("a writer killed mid-batch leaves a sound database with whole batches only")
    func crashSafety() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let drop = dir.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        let generator = try #require(DamageGenerator())
        let sources = try FileManager.default.contentsOfDirectory(atPath: Self.seeds).sorted().map { name in
            try Cleaner().clean(
                RawNotice(file: name, bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.seeds + "/" + name))))
            )
            .simplified.split(separator: "\n").map(String.init)
        }
        for i in 0..<3000 {
            var lines = sources[i % sources.count]
            lines.append("（第\(i)号稿件）")  // every file distinct
            let sample = generator.damage(lines, name: "f\(i)", seed: UInt64(i))
            #expect(
                FileManager.default.createFile(
                    atPath: drop.appendingPathComponent(String(format: "f%05d.txt", i)).path,
                    contents: Data(sample.bytes)))
        }
        let db = dir.appendingPathComponent("n.sqlite").path
        let batch = 50
        let process = Process()
        process.executableURL = NoticedBinary.url
        process.arguments = ["ingest", drop.path, "--db", db, "--batch", String(batch)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill once some batches are durable and more are in flight.
        let deadline = Date().addingTimeInterval(60)
        var seen = 0
        while Date() < deadline, process.isRunning {
            if FileManager.default.fileExists(atPath: db), let n = try? NoticeStore(path: db, readOnly: true).count() {
                seen = n
            }
            if seen >= 300 { break }
            usleep(2000)
        }
        #expect(process.isRunning, "the writer finished before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let store = try NoticeStore(path: db)
        #expect(try store.integrityCheck() == "ok")
        let counts = try store.tableCounts()
        let documents = try #require(counts["document"])
        #expect(documents >= 300 && documents < 3000)
        #expect(documents % batch == 0, "\(documents) documents is not a whole number of batches")
        #expect(counts["original"] == documents)
        #expect(counts["documents without original"] == 0 && counts["documents without tags"] == 0)
        // A second run after the crash stores the rest, and nothing twice.
        let rerun = try NoticedBinary.run(["ingest", drop.path, "--db", db])
        #expect(rerun.stdout.contains("ingested \(3000 - documents), duplicates \(documents), failed 0"))
        #expect(try store.count() == 3000)
    }
}
