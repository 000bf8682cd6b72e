import Dispatch

/// When the writer commits, and how long a failed commit waits: the two timing rules of
/// the daemon's write path, as pure functions the unit tests check.
enum GroupCommit {
    /// What the writer does with `buffered` results while `outstanding` other files are
    /// still waiting or with a worker.
    enum Decision: Equatable {
        /// Commit now.
        case now
        /// Arm the group timer: commit at most `GroupCommit.wait` after the first result.
        case wait
        /// Nothing to commit.
        case nothing
    }

    /// The longest a result waits for company.
    static let wait = DispatchTimeInterval.milliseconds(100)

    /// A commit costs one sync and rewrites every page it touches, so a few documents per
    /// commit made the writer the bottleneck of a backlog (5.6 documents per commit, 78 % of
    /// the drain's time in commits). Commit now when `minimum` results wait or no other file
    /// is waiting or being worked on (a lone file never waits for company), else wait.
    static func decision(buffered: Int, outstanding: Int, minimum: Int) -> Decision {
        if buffered == 0 { return .nothing }
        return buffered >= minimum || outstanding == 0 ? .now : .wait
    }

    /// Seconds before a file whose commit failed is tried again: 0.5 s doubling per attempt,
    /// at most 60 s.
    static func retryDelay(attempt: Int) -> Double {
        min(60.0, 0.5 * Double(1 << min(max(attempt, 0), 7)))
    }
}
