import Synchronization

/// Live figures for `STATUS=`, the state file and the final summary.
struct Counters: Sendable {
    var ingested = 0
    var duplicates = 0
    var failed = 0
    var retries = 0
    var queued = 0
    /// Stored files that could not leave `incoming/` in this run.
    var stuck = 0
    /// The first few of them, each "incoming/…: why".
    var stuckFiles: [String] = []
    /// Workers still busy with a file that went past its budget.
    var stuckWorkers = 0
    /// Folders read by periodic scans because inotify could not watch them.
    var unwatched = 0
    var lastTitle: String?
    /// Why the store cannot take commits right now (a server away, a locked file), until a
    /// commit succeeds again.
    var storeWaiting: String?

    var status: String {
        var line = storeWaiting.map { "waiting for database: \($0); " } ?? ""
        line += "ingested \(ingested), duplicates \(duplicates), failed \(failed), queued \(queued)"
        if stuck > 0 { line += ", stuck \(stuck)" }
        if stuckWorkers > 0 { line += ", \(stuckWorkers) worker(s) stuck past the file budget" }
        if unwatched > 0 { line += "; scanning \(unwatched) unwatched folder(s) (inotify watches exhausted)" }
        if let lastTitle { line += "; last: \(lastTitle)" }
        return line
    }
}

/// Counters shared by the writer (which changes them) and the timers (which read them).
final class SharedCounters: Sendable {
    private let value = Mutex(Counters())

    func update(_ body: (inout Counters) -> Void) { value.withLock { body(&$0) } }
    var snapshot: Counters { value.withLock { $0 } }
}
