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
            ("stuck", .int(counters.stuck)), ("stuck_files", .array(counters.stuckFiles.map { .string($0) })),
            ("stuck_workers", .int(counters.stuckWorkers)), ("unwatched_folders", .int(counters.unwatched)),
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
        var stuck: Int?
        var stuckFiles: [String]?
        var stuckWorkers: Int?
        var unwatchedFolders: Int?

        enum CodingKeys: String, CodingKey {
            case pid, state, started, updated, ingested, duplicates, failed, queued, stuck
            case lastTitle = "last_title"
            case stuckFiles = "stuck_files"
            case stuckWorkers = "stuck_workers"
            case unwatchedFolders = "unwatched_folders"
        }
    }

    func read() -> Snapshot? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(Snapshot.self, from: data)
    }
}
