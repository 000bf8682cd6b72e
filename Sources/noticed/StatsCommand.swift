import ArgumentParser
import Daemon
import Pipeline
import Store

/// `noticed stats`: what the store holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Counts by tag, region, agency and month; duplicates, clusters, failures.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let s = try store.open(readOnly: true).stats()
        print(
            "documents \(s.documents)  exact duplicates seen \(s.duplicates)  clusters \(s.clusters) "
                + "(\(s.multiDocumentClusters) with near-duplicates)  failures \(s.failures)  last ingest \(s.lastIngest ?? "-")"
        )
        for (title, rows) in [
            ("by tag", s.byTag), ("by region", s.byRegion), ("by agency", s.byAgency), ("by month", s.byMonth),
        ] {
            print("\n\(title):")
            for (key, count) in rows { print("  \(String(count).leftPadded(7))  \(key)") }
        }
        if !s.recentFailures.isEmpty {
            print("\nrecent failures:")
            for line in s.recentFailures { print("  \(line)") }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
