/// What one commit did with its jobs, handed from the writer back to the scheduler.
struct CommitReport: Sendable {
    /// Finished with: stored, duplicate, failed, gone, or back to settling.
    var done: [Job] = []
    /// Not stored because the store failed: tried again after a backoff.
    var retry: [Job] = []
    /// Still being written when read: the watcher settles them again.
    var busy: [Job] = []
    /// Stored, but they could not leave `incoming/`, and why.
    var stuck: [(job: Job, why: String)] = []
}
