import ArgumentParser
import Daemon
import Pipeline
import Store

/// `noticed search QUERY`: full-text search, best first.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search titles and texts (Chinese in either script; AND, OR, NOT, \"phrases\", parentheses).")

    @Argument(help: "The query, e.g. 养老, \"社会救助\", 疫情 AND 婚姻登记.")
    var query: String

    @Option(help: "Only documents with this tag.") var tag: String?
    @Option(help: "Only documents of this region (GB/T 2260 code or name; a province includes its cities).")
    var region: String?
    @Option(help: "Only documents whose agency contains this text.") var agency: String?
    @Option(help: "Published on or after YYYY-MM-DD.") var since: String?
    @Option(help: "Published on or before YYYY-MM-DD.") var until: String?
    @Option(help: "At most this many hits.") var limit = 20
    @Flag(help: "One JSON object per hit (id, file, title, agency, published, tags, score, snippet).") var json = false

    @OptionGroup var store: StoreOptions

    /// Every failure is one line of ours (`noticed search: …`), never SQLite's wording.
    func run() throws {
        do {
            try search()
        } catch let error as SearchQuery.SyntaxError {
            throw CommandError("noticed search: \(error.message)")
        } catch let error as StoreError {
            throw CommandError("noticed search: \(error.message)")
        }
    }

    private func search() throws {
        let parsed = try SearchQuery(query, folding: .simplified)
        var filters = SearchFilters(tag: tag, agency: agency, since: since, until: until)
        if let region {
            guard let found = RegionDirectory.gbt2260.lookup(region) else {
                throw CommandError("unknown region '\(region)' (give a GB/T 2260 code such as 610000 or a name)")
            }
            filters.regionCode = found.code
        }
        let hits = try store.open(readOnly: true).search(parsed, filters: filters, limit: limit)
        for hit in hits {
            if json {
                print(hit.json.serialized())
            } else {
                let part = hit.attachmentOf.map { "  [attachment of #\($0)]" } ?? ""
                print(
                    "#\(hit.id)  \(hit.published ?? "----------")  \(hit.agency ?? "-")  \(hit.title ?? hit.file)\(part)"
                )
                print("    \(hit.snippet)")
            }
        }
        if !json { print("\(hits.count) hit(s)") }
    }
}
