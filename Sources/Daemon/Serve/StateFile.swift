import Foundation

/// The daemon's state beside its database (`DB.state.json`), for `noticed status`
/// and people without journal access: pid, lifecycle state, counters, last document.
///
/// Promises: the one owner of this file. The daemon writes it and `status`, the bench,
/// the proof harnesses and the tests read it, all through `Snapshot`, so its keys are
/// spelled once. Written atomically (temporary file, rename), at most once a second;
/// a missing or unreadable file reads as nil, never as an error.
package struct StateFile: Sendable {
    /// What follows the database's path in the state file's.
    package static let suffix = ".state.json"

    package let path: String

    package init(database: String) { path = database + Self.suffix }

    /// One moment of the daemon, as the file holds it.
    package struct Snapshot: Codable, Sendable, Hashable {
        package var pid: Int
        package var state: String
        package var started: String
        package var updated: String
        package var ingested: Int
        package var duplicates: Int
        package var failed: Int
        package var retries: Int?
        package var queued: Int
        package var lastTitle: String?
        package var stuck: Int?
        package var stuckFiles: [String]?
        package var stuckWorkers: Int?
        package var unwatchedFolders: Int?

        enum CodingKeys: String, CodingKey {
            case pid, state, started, updated, ingested, duplicates, failed, retries, queued, stuck
            case lastTitle = "last_title"
            case stuckFiles = "stuck_files"
            case stuckWorkers = "stuck_workers"
            case unwatchedFolders = "unwatched_folders"
        }

        /// Whether the process that wrote the snapshot still runs (a process of another user,
        /// as the daemon's is to an operator, answers EPERM).
        package var isAlive: Bool {
            kill(pid_t(pid), 0) == 0 || errno == EPERM
        }

        /// The running daemon's snapshot: this process, now.
        init(phase: Lifecycle.Phase, counters: Counters, started: String) {
            pid = Int(getpid())
            state = phase.rawValue
            self.started = started
            updated = Date().formatted(Date.ISO8601FormatStyle())
            ingested = counters.ingested
            duplicates = counters.duplicates
            failed = counters.failed
            retries = counters.retries
            queued = counters.queued
            lastTitle = counters.lastTitle
            stuck = counters.stuck
            stuckFiles = counters.stuckFiles
            stuckWorkers = counters.stuckWorkers
            unwatchedFolders = counters.unwatched
        }
    }

    func write(_ snapshot: Snapshot) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(snapshot) else { return }
        try? Directory.writeAtomically(path, Array(data) + [0x0A])
    }

    package func read() -> Snapshot? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(Snapshot.self, from: data)
    }
}
