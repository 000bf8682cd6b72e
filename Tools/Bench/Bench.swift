// Tool noticed-bench: pipeline, store and daemon throughput and latency, medians of
// several runs with baselines in the same command (not a product).

import ArgumentParser
import Corpus
import Dispatch
import Foundation
import Pipeline
import Store
import TestKit

/// `make bench`: throughput of each pipeline stage on one core, with baselines measured
/// in the same run on the same corpus (libopencc's C API and the `opencc` command line).
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "noticed-bench", abstract: "Measure pipeline throughput (median of several runs).")

    @Option(help: "Runs per measurement; the median is reported with min and max.")
    var runs = 5

    @Option(help: "Notices per corpus.")
    var docs = 2000

    @Option(help: "Generated files scored for cleaning precision and recall.")
    var qualityDocs = 1000

    @Option(help: "Notices in the store benchmark (durable writes, size, search latency); 0 skips it.")
    var storeDocs = 100_000

    @Option(help: "Documents per transaction in the store's durable-write figure.")
    var storeBatch = 1024

    @Option(help: "Files for the noticed ingest end-to-end comparison.")
    var ingestFiles = 10_000

    @Option(help: "Files in the daemon's RSS backlog run (0 skips the daemon figures entirely).")
    var daemonBacklog = 100_000

    @Option(help: "Steady drop rate (files/s) for the daemon's latency figure.")
    var latencyRate = 100

    @Option(help: "Seconds of steady drops per run for the latency figure.")
    var latencySeconds = 10

    @Option(help: "Files in the PostgreSQL drain figures (1 daemon on SQLite, 1 and 3 on PostgreSQL); 0 skips them.")
    var postgresFiles = 3000

    @Option(help: "Notices stored in both backends for the PostgreSQL search figure; 0 skips it.")
    var postgresDocs = 100_000

    @Flag(help: "Only the PostgreSQL figures (needs scripts/with-postgres.sh around the command).")
    var postgresOnly = false

    @Flag(help: "Only the daemon's figures.")
    var daemonOnly = false

    @Flag(help: "Only the store's figures (writes, index, size, search, noticed ingest).")
    var storeOnly = false

    @Flag(help: "Only the daemon's drop-to-log latency figure.")
    var latencyOnly = false

    @Option(help: "Only measure search latency on this existing store (read-only).")
    var searchStore: String?

    @Option(help: "Only loop the whole pipeline over the damaged corpus this many times (for a profiler).")
    var profileLoops = 0

    @Option(help: "Only decode this many damaged copies per legacy charset and count refusals (issue 15: 5000).")
    var legacyVolume = 0

    func run() throws {
        let fixtures = URL(fileURLWithPath: "Tests/PipelineTests/Fixtures/seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".txt") }
            .sorted()
        let pipeline = NoticePipeline()
        let sources: [[String]] = names.compactMap { name in
            let raw = RawNotice(
                file: name, bytes: [UInt8]((try? Data(contentsOf: fixtures.appendingPathComponent(name))) ?? Data()))
            return (try? pipeline.cleaner.clean(raw))?.simplified.split(separator: "\n").map(String.init).filter {
                !$0.contains("?")
            }
        }
        var options = DamageGenerator.Options()
        options.traditional = 1
        options.encodings = [.utf8]
        guard let generator = DamageGenerator(options: options), let capi = OpenCCReference(config: "t2s.json") else {
            throw ValidationError("libopencc's s2t.json/t2s.json cannot be opened (is libopencc-data installed?)")
        }
        let damaged = (0..<docs).map { i in
            let s = generator.damage(sources[i % sources.count], name: "d\(i)", seed: UInt64(i))
            return RawNotice(file: s.name, bytes: s.bytes)
        }
        let clean = (0..<docs).map { i in
            RawNotice(file: "c\(i)", bytes: Array(sources[i % sources.count].joined(separator: "\n").utf8))
        }
        let summary = Summary()
        if postgresOnly {
            try postgres(sources: sources, summary: summary)
            summary.print()
            return
        }
        if daemonOnly || latencyOnly {
            try daemon(sources: sources, summary: summary)
            summary.print()
            return
        }
        if let searchStore {
            var bench = StoreBench(sources: sources, documents: 0, ingestFiles: 0, batch: storeBatch, runs: runs)
            bench.summary = summary
            try bench.searchLatency(NoticeStore(path: searchStore, readOnly: true))
            try WebBench(database: searchStore, runs: min(runs, 3), summary: summary).run()
            summary.print()
            return
        }
        if storeOnly {
            try StoreBench(
                sources: sources, documents: storeDocs, ingestFiles: min(ingestFiles, storeDocs), batch: storeBatch,
                runs: runs, summary: summary
            ).run()
            summary.print()
            return
        }
        if legacyVolume > 0 {
            for encoding in [TextEncoding.gb18030, .big5] {
                let t0 = Self.now()
                guard let result = LegacyVolume.run(encoding, count: legacyVolume, documents: sources) else {
                    throw ValidationError("the damage generator cannot start (is libopencc-data installed?)")
                }
                let seconds = Double(Self.now() - t0) / 1e9
                print(
                    "legacy volume \(encoding.rawValue): \(result.refused.count) refused of \(result.checked) valid copies "
                        + "(\(legacyVolume) generated, \(fmt(seconds)) s)")
                for line in result.refused.prefix(10) { print("  \(line)") }
            }
            return
        }
        if profileLoops > 0 {
            let t0 = Self.now()
            for _ in 0..<profileLoops { for raw in damaged { _ = try? pipeline.process(raw) } }
            print("profile: \(Double(Self.now() - t0) / 1e6) ms")
            return
        }
        print("noticed-bench: \(runs) runs, \(docs) notices per corpus, one thread (figures are per core)")
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; MB = 10^6 bytes of input as dropped\n")
        // Real saved government pages (Tests/PipelineTests/Fixtures/html, sources in SOURCES.md),
        // repeated to the corpus size: the HTML path, extraction and cleaning together.
        let pagesDir = URL(fileURLWithPath: "Tests/PipelineTests/Fixtures/html")
        let pages = ((try? FileManager.default.contentsOfDirectory(atPath: pagesDir.path)) ?? []).filter {
            $0.hasSuffix(".html")
        }.sorted().compactMap { name in
            (try? Data(contentsOf: pagesDir.appendingPathComponent(name))).map { [UInt8]($0) }
        }
        let html =
            pages.isEmpty ? [] : (0..<docs).map { i in RawNotice(file: "h\(i).html", bytes: pages[i % pages.count]) }
        // The real development corpus (Tests/PipelineTests/Fixtures/real: 公文, news, copy-site
        // reposts no code here wrote), repeated to the corpus size: the parser on real shapes.
        let realDir = URL(fileURLWithPath: "Tests/PipelineTests/Fixtures/real")
        let realTexts: [[UInt8]] = ((try? FileManager.default.contentsOfDirectory(atPath: realDir.path)) ?? []).sorted()
            .flatMap { group -> [[UInt8]] in
                let dir = realDir.appendingPathComponent(group)
                return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
                    $0.hasSuffix(".txt")
                }.sorted().compactMap { (try? Data(contentsOf: dir.appendingPathComponent($0))).map { [UInt8]($0) } }
            }
        let real =
            realTexts.isEmpty
            ? [] : (0..<docs).map { i in RawNotice(file: "r\(i).txt", bytes: realTexts[i % realTexts.count]) }
        var table: [Row] = []
        var corpora = [("damaged Traditional", damaged), ("clean Simplified", clean)]
        if !real.isEmpty { corpora.append(("real documents", real)) }
        if !html.isEmpty { corpora.append(("real HTML pages", html)) }
        // Attachments: the clean corpus's texts as DOCX (deflated WordprocessingML) and as PDF
        // (a text layer, one page per 40 lines), built by TestKit's writers.
        let lines = clean.map { String(decoding: $0.bytes, as: UTF8.self).split(separator: "\n").map(String.init) }
        let docx = lines.enumerated().map { i, l in
            RawNotice(file: "d\(i).docx", bytes: DocxBuilder.docx(paragraphs: l))
        }
        let pdf = lines.enumerated().map { i, l in
            RawNotice(
                file: "p\(i).pdf",
                bytes: PDFBuilder.pdf(
                    pages: stride(from: 0, to: l.count, by: 40).map {
                        Array(l[$0..<min($0 + 40, l.count)])
                    }))
        }
        corpora += [("DOCX attachments", docx), ("PDF attachments", pdf)]
        for (label, corpus) in corpora {
            table += measure(label: label, corpus: corpus, pipeline: pipeline, capi: capi)
        }
        print(Row.header)
        for row in table { print(row.line) }
        print()
        for label in ["damaged Traditional", "clean Simplified"] {
            let ours = table.first { $0.corpus == label && $0.stage == "t2s conversion (ours)" }!
            let capiRow = table.first { $0.corpus == label && $0.stage == "t2s libopencc C API (baseline)" }!
            let cli = table.first { $0.corpus == label && $0.stage == "t2s opencc CLI (baseline)" }
            let whole = table.first { $0.corpus == label && $0.stage == "whole pipeline" }!
            var line = "\(label): ours/libopencc t2s = \(fmt(ours.median / capiRow.median))x"
            if let cli {
                line +=
                    ", ours/opencc CLI = \(fmt(ours.median / cli.median))x, pipeline/opencc CLI = \(fmt(whole.median / cli.median))x"
            }
            print(line)
            let perNotice = Double(whole.median) > 0 ? whole.notices / whole.median : 0
            summary.add(
                "pipeline, \(label), 1 core", whole.speeds, unit: "MB/s",
                baseline: cli.map { ("opencc -c t2s CLI", $0.speeds) })
            summary.add(
                "pipeline, \(label), 1 core", whole.speeds.map { $0 * perNotice }, unit: "notices/s", format: "%.0f")
        }
        if let page = table.first(where: { $0.corpus == "real HTML pages" && $0.stage == "cleaning (excl. t2s)" }),
            let text = table.first(where: { $0.corpus == "damaged Traditional" && $0.stage == "cleaning (excl. t2s)" })
        {
            print("real HTML pages: extraction and cleaning \(fmt(page.median)) MB/s of HTML per core (target 20)")
            summary.add(
                "HTML extraction + cleaning, real pages, 1 core", page.speeds, unit: "MB/s",
                baseline: ("cleaning of damaged text files", text.speeds))
        }
        let text = table.first { $0.corpus == "clean Simplified" && $0.stage == "whole pipeline" }
        for format in ["real documents", "real HTML pages", "DOCX attachments", "PDF attachments"] {
            guard let whole = table.first(where: { $0.corpus == format && $0.stage == "whole pipeline" }) else {
                continue
            }
            let perNotice = whole.median > 0 ? whole.notices / whole.median : 0
            print(
                "\(format): whole pipeline \(fmt(whole.median)) MB/s of files per core, \(String(format: "%.0f", whole.median * perNotice)) notices/s"
            )
            summary.add(
                "pipeline, \(format), 1 core", whole.speeds.map { $0 * perNotice }, unit: "notices/s", format: "%.0f",
                baseline: text.map { t in ("clean Simplified text files", t.speeds.map { $0 * t.notices / t.median }) })
        }
        print()
        let score = CleaningScore.measure(generator: DamageGenerator()!, documents: sources, count: qualityDocs)
        print(score.report)
        if storeDocs > 0 {
            print()
            try StoreBench(
                sources: sources, documents: storeDocs, ingestFiles: min(ingestFiles, storeDocs), batch: storeBatch,
                runs: runs,
                summary: summary
            ).run()
        }
        if daemonBacklog > 0 {
            print()
            try daemon(sources: sources, summary: summary)
        }
        if postgresFiles > 0 || postgresDocs > 0 { try postgres(sources: sources, summary: summary) }
        summary.print()
    }

    /// The PostgreSQL figures (issue 18) on generated notices, against SQLite in the same run.
    func postgres(sources: [[String]], summary: Summary) throws {
        let generator = StoreBench(sources: sources, documents: 0, ingestFiles: 0, batch: storeBatch, runs: runs)
        let daemons = DaemonBench(corpus: [], backlog: 0, rate: 0, seconds: 0)
        try PostgresBench(
            corpus: generator.corpus(postgresFiles, seed: 7), documents: generator.corpus(postgresDocs, seed: 1),
            runs: min(runs, 3), summary: summary, daemons: daemons
        ).run()
    }

    /// The daemon's figures on 10,000 generated notices (and the RSS backlog).
    func daemon(sources: [[String]], summary: Summary) throws {
        let raws = StoreBench(sources: sources, documents: 0, ingestFiles: 0, batch: storeBatch, runs: runs).corpus(
            10_000, seed: 7)
        try DaemonBench(
            corpus: raws, backlog: daemonBacklog, rate: latencyRate, seconds: latencySeconds, runs: runs,
            summary: summary, latencyOnly: latencyOnly
        ).run()
    }

    func fmt(_ x: Double) -> String { String(format: "%.2f", x) }

    struct Row {
        var stage: String
        var corpus: String
        var median: Double
        var min: Double
        var max: Double
        var notices: Double
        var speeds: [Double] = []
        static let header =
            "stage".padding(toLength: 34, withPad: " ", startingAt: 0)
            + "corpus".padding(toLength: 22, withPad: " ", startingAt: 0) + "  MB/s med     min     max   notices/s"
        var line: String {
            stage.padding(toLength: 34, withPad: " ", startingAt: 0)
                + corpus.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: "%10.1f %7.1f %7.1f %11.0f", median, min, max, notices)
        }
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Median, min and max MB/s over `runs` executions of `body`, which returns elapsed nanoseconds.
    func rate(_ bytes: Int, _ count: Int, _ stage: String, _ corpus: String, _ body: () -> UInt64) -> Row {
        var speeds: [Double] = []
        for _ in 0..<runs {
            let ns = body()
            speeds.append(Double(bytes) / 1e6 / (Double(max(ns, 1)) / 1e9))
        }
        speeds.sort()
        let median = speeds[speeds.count / 2]
        return Row(
            stage: stage, corpus: corpus, median: median, min: speeds.first!, max: speeds.last!,
            notices: median * 1e6 / (Double(bytes) / Double(count)), speeds: speeds)
    }

    func measure(label: String, corpus: [RawNotice], pipeline: NoticePipeline, capi: OpenCCReference) -> [Row] {
        let bytes = corpus.reduce(0) { $0 + $1.bytes.count }
        let n = corpus.count
        let cleaner = pipeline.cleaner
        let prepared = corpus.compactMap { try? cleaner.prepare($0) }
        let converted = prepared.map { $0.lines.map(cleaner.converter.convert) }
        let cleaned = zip(prepared, converted).compactMap { try? cleaner.finish($0, simplified: $1) }
        let parsed = cleaned.map(pipeline.parser.parse)
        let joined = prepared.map { p in
            p.lines.map { String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init))) }.joined(separator: "\n")
        }
        var rows: [Row] = []
        rows.append(
            rate(bytes, n, "cleaning (excl. t2s)", label) {
                var total: UInt64 = 0
                for (raw, simplified) in zip(corpus, converted) {
                    let t0 = Self.now()
                    if let p = try? cleaner.prepare(raw) { _ = try? cleaner.finish(p, simplified: simplified) }
                    total += Self.now() - t0
                }
                return total
            })
        rows.append(
            rate(bytes, n, "t2s conversion (ours)", label) {
                let t0 = Self.now()
                for p in prepared { for line in p.lines { _ = cleaner.converter.convert(line) } }
                return Self.now() - t0
            })
        rows.append(
            rate(bytes, n, "t2s libopencc C API (baseline)", label) {
                let t0 = Self.now()
                for text in joined { _ = capi.convert(text) }
                return Self.now() - t0
            })
        if let cli = cliBaseline(joined) {
            rows.append(rate(bytes, n, "t2s opencc CLI (baseline)", label) { cli() })
        }
        rows.append(
            rate(bytes, n, "parsing", label) {
                let t0 = Self.now()
                for c in cleaned { _ = pipeline.parser.parse(c) }
                return Self.now() - t0
            })
        rows.append(
            rate(bytes, n, "tagging", label) {
                let t0 = Self.now()
                for p in parsed { _ = pipeline.tagger.tag(p) }
                return Self.now() - t0
            })
        rows.append(
            rate(bytes, n, "whole pipeline", label) {
                let t0 = Self.now()
                for raw in corpus { _ = try? pipeline.process(raw) }
                return Self.now() - t0
            })
        return rows
    }

    /// `opencc -c t2s` over the same text in one file; nil when the command is missing.
    func cliBaseline(_ texts: [String]) -> (() -> UInt64)? {
        let dir = FileManager.default.temporaryDirectory
        let input = dir.appendingPathComponent("noticed-bench-\(getpid()).txt")
        let output = dir.appendingPathComponent("noticed-bench-\(getpid()).out")
        guard FileManager.default.createFile(atPath: input.path, contents: Data(texts.joined(separator: "\n").utf8)),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/opencc")
        else { return nil }
        return {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/opencc")
            p.arguments = ["-c", "t2s", "-i", input.path, "-o", output.path]
            let t0 = Self.now()
            try? p.run()
            p.waitUntilExit()
            return Self.now() - t0
        }
    }
}
