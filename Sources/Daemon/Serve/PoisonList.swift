import Foundation
import Pipeline

/// Files that crashed or hung the daemon, and how often (`DB.poison.json`): a poison
/// message's strikes. A file with two strikes is quarantined at the next start instead
/// of being taken again.
///
/// Promises: strikes survive restarts; a file that has left `incoming/` loses its entry;
/// the list is written atomically (temporary file, rename), 0640.
struct PoisonList {
    static let limit = 2
    let path: String
    private(set) var strikes: [String: Int]

    init(database: String) {
        path = database + ".poison.json"
        let data = FileManager.default.contents(atPath: path) ?? Data()
        strikes = (try? JSONDecoder().decode([String: Int].self, from: data)) ?? [:]
    }

    /// Counts a strike against each file; returns the files that reached the limit.
    mutating func strike(_ files: [String]) -> [String] {
        for file in files { strikes[file, default: 0] += 1 }
        return files.filter { strikes[$0, default: 0] >= Self.limit }
    }

    /// Keeps only the files for which `keep` holds (still in incoming/, not yet quarantined).
    mutating func retain(_ keep: (String) -> Bool) {
        strikes = strikes.filter { keep($0.key) }
    }

    func save() {
        if strikes.isEmpty {
            unlink(path)
            return
        }
        let value = JSONValue.object(strikes.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
        try? Directory.writeAtomically(path, Array((value.serialized() + "\n").utf8))
    }
}
