import Synchronization

/// Live figures for `STATUS=`, the state file and the final summary.
struct Counters: Sendable {
    var ingested = 0
    var duplicates = 0
    var failed = 0
    var retries = 0
    var queued = 0
    var lastTitle: String?
    var lastAt: String?

    var status: String {
        var line = "ingested \(ingested), duplicates \(duplicates), failed \(failed), queued \(queued)"
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
