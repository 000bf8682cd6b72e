import Pipeline
import Store

/// One input's way through the daemon, from the moment it was offered.
struct Job: Sendable {
    /// Path under `incoming/`.
    let relative: String
    /// When it was offered (DispatchTime nanoseconds), for `NOTICE_DURATION_US`.
    let offeredAt: UInt64
    var attempt = 0
    /// Bytes this job is counted for in the scheduler's memory budget (its size when scheduled).
    var bytes = 0
}

/// What a worker made of a job.
enum WorkResult: Sendable {
    case arrival(Job, Arrival)
    /// A file with no readable text in a drop (DESIGN §8): stored as a text-less attachment
    /// when its drop has a page (`pageSeen`: one was in its folder when it was read; else the
    /// committer asks the store), otherwise it fails with `error`.
    case textless(Job, Arrival, PipelineError, pageSeen: Bool)
    /// A permanent failure: the input goes to `failed/`.
    case failure(Job, PipelineError, sha256: String?)
    /// Gone before it could be read (deleted, renamed away): nothing to keep.
    case vanished(Job)
    /// Still being written (open for writing elsewhere, or changed while read): settle it again.
    case busy(Job, String)
}
