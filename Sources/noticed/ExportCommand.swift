import ArgumentParser
import Daemon
import Foundation
import Pipeline
import Store

/// `noticed export`: every document as JSON lines or CSV, streamed to stdout.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Stream the store as JSON lines (the inspect shape plus store fields) or CSV.")

    enum Format: String, ExpressibleByArgument { case jsonl, csv }

    @Option(help: "jsonl or csv.") var format: Format = .jsonl
    @Option(help: "Only documents published (or, without a date, ingested) on or after YYYY-MM-DD.") var since: String?
    @OptionGroup var store: StoreOptions

    static let csvColumns = [
        "id", "file", "sha256", "collection", "ingested_at", "bytes", "encoding", "script", "title", "title_source",
        "published", "event_date", "agency", "region_code", "region_name", "level", "kind", "doc_number", "cluster",
        "tags", "people", "directives", "pinyin_removed", "punctuation_fixed", "boilerplate_lines", "spam_lines",
        "mojibake", "text_simplified",
    ]

    func run() throws {
        var out = BufferedOutput()
        if format == .csv { out.write(Self.csvColumns.map(Self.csv).joined(separator: ",") + "\r\n") }
        try store.open(readOnly: true).eachNotice(since: since) { stored in
            switch format {
            case .jsonl: out.write(stored.json.serialized() + "\n")
            case .csv: out.write(Self.row(stored).map(Self.csv).joined(separator: ",") + "\r\n")
            }
        }
        out.flush()
    }

    static func row(_ s: StoredNotice) -> [String] {
        let p = s.notice.parsed
        let c = p.clean
        let q = c.quality
        return [
            String(s.id), c.file, c.sha256, s.collection ?? "", s.ingestedAt, String(c.byteCount), c.encoding.rawValue,
            c.script.rawValue, p.title ?? "", p.titleSource?.rawValue ?? "", p.published ?? "", p.eventDate ?? "",
            p.agency ?? "", p.region?.code ?? "", p.region?.name ?? "", p.level?.rawValue ?? "", p.kind.rawValue,
            p.official.docNumber ?? "", String(s.cluster), s.notice.tags.joined(separator: ";"),
            p.people.map { "\($0.name):\($0.positions.joined(separator: "/"))" }.joined(separator: ";"),
            p.directives.joined(separator: "\n"), String(q.pinyinRemoved), String(q.punctuationFixed),
            String(q.boilerplateLines), String(q.spamLines), String(q.mojibake), c.simplified,
        ]
    }

    /// RFC 4180 quoting.
    static func csv(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Stdout in 64 KiB writes, so exports stream without a write per line.
struct BufferedOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
