import Foundation
import Pipeline

/// The daemon's state beside its database (`DB.state.json`), for `noticed status`
/// and people without journal access: pid, lifecycle state, counters, last document.
/// Written atomically (temporary file, rename), at most once a second.
struct StateFile: Sendable {
    let path: String

    init(database: String) { path = database + ".state.json" }

    func write(state: Lifecycle, counters: Counters, started: String) {
        let value = JSONValue.object([
            ("pid", .int(Int(getpid()))), ("state", .string(state.rawValue)), ("started", .string(started)),
            ("updated", .string(Date().formatted(Date.ISO8601FormatStyle()))),
            ("ingested", .int(counters.ingested)), ("duplicates", .int(counters.duplicates)),
            ("failed", .int(counters.failed)), ("retries", .int(counters.retries)),
            ("queued", .int(counters.queued)), ("last_title", .optional(counters.lastTitle)),
        ])
        try? Directory.writeAtomically(path, Array((value.serialized() + "\n").utf8))
    }

    struct Snapshot: Decodable {
        var pid: Int
        var state: String
        var started: String
        var updated: String
        var ingested: Int
        var duplicates: Int
        var failed: Int
        var queued: Int
        var lastTitle: String?

        enum CodingKeys: String, CodingKey {
            case pid, state, started, updated, ingested, duplicates, failed, queued
            case lastTitle = "last_title"
        }
    }

    func read() -> Snapshot? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(Snapshot.self, from: data)
    }
}
