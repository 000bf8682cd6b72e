/// The daemon's life, as an explicit state machine (swift-service-lifecycle's habit).
///
/// `starting` → `running` ⇄ `reloading` → `stopping` → `stopped`; any state but the two
/// ends may go to `failed` (the spool vanished, the store cannot be opened: systemd
/// restarts us), and a signal during the start goes straight to `stopping`.
///
/// Promises: each state carries its own data (the signal and the drain's deadline while
/// stopping, the reason once failed); a move the machine does not allow is refused with
/// a `Refusal` and the state is left as it was, so the service can log it rather than
/// act on a state it is not in.
struct Lifecycle: Sendable {
    /// The state's name: what `STATUS=`, the state file and `noticed status` show.
    enum Phase: String, Sendable, CaseIterable {
        case starting, running, reloading, stopping, stopped, failed
    }

    enum State: Sendable, Equatable {
        case starting
        case running
        case reloading
        /// Stopping on `signal`; the drain gives up at `deadline` (what is in flight stays in `incoming/`).
        case stopping(signal: Int32, deadline: ContinuousClock.Instant)
        case stopped
        case failed(reason: String)

        var phase: Phase {
            switch self {
            case .starting: .starting
            case .running: .running
            case .reloading: .reloading
            case .stopping: .stopping
            case .stopped: .stopped
            case .failed: .failed
            }
        }
    }

    /// A move the machine does not allow, as one line.
    struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        let from: Phase
        let to: Phase
        var description: String { "the daemon cannot go from \(from.rawValue) to \(to.rawValue)" }
    }

    private(set) var state = State.starting
    var phase: Phase { state.phase }

    /// Moves to `next`, or throws and stays.
    mutating func move(to next: State) throws(Refusal) {
        guard Self.allows(phase, next.phase) else { throw Refusal(from: phase, to: next.phase) }
        state = next
    }

    static func allows(_ from: Phase, _ to: Phase) -> Bool {
        switch (from, to) {
        case (.stopped, _), (.failed, _): false
        case (_, .failed): true
        case (.starting, .running), (.starting, .stopping): true
        case (.running, .reloading), (.reloading, .running): true
        case (.running, .stopping), (.reloading, .stopping): true
        case (.stopping, .stopped): true
        default: false
        }
    }
}
