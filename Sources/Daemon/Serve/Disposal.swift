import Logging
import Pipeline

/// Where a file goes once the writer is done with it, moved through `SpoolTree` only.
///
/// Promises: a committed file is archived (`done/YYYY-MM-DD/`) or deleted, as `after`
/// says, and only after its row is committed; a permanent failure goes to `failed/` with
/// its sidecar. A move that fails never loses the file: it stays in `incoming/`, and the
/// failure is logged and returned (a committed file that cannot leave is "stuck").
struct Disposal: Sendable {
    let tree: SpoolTree
    let settings: RunSettings
    let journal: FileJournal
    let counters: SharedCounters

    /// Archives or deletes a committed input; returns why it could not leave `incoming/`.
    /// Such a file is stuck: not taken again in this run, and found by the store as
    /// `.retaken` (not a new duplicate sighting) at the next start, when it is tried again.
    func release(_ job: Job, day: String) -> String? {
        do {
            switch settings.current.after {
            case .archive: _ = try tree.archive(job.relative, day: day)
            case .delete: try tree.remove(job.relative)
            }
            return nil
        } catch {
            let why = "\(error)"
            journal.logger.error(
                """
                \(journal.display(job)): stored, but it cannot leave incoming/ (\(why)); it stays there, \
                is not taken again until the next start, and `noticed status` counts it as stuck
                """,
                metadata: journal.metadata(.failed, job, [.stage: "persist", .error: "stuck"]))
            return why
        }
    }

    /// Moves a permanently failed input to `failed/` beside its sidecar, and says so.
    func quarantine(_ job: Job, error: PipelineError, sha256: String?, at stamp: String) {
        let file = journal.display(job)
        var place = "failed/"
        do {
            place = try tree.quarantine(
                job.relative, sidecar: SpoolLayout.sidecar(file: file, sha256: sha256, error: error, at: stamp))
        } catch {
            place = "incoming/ (cannot move it: \(error))"
        }
        counters.update { $0.failed += 1 }
        var fields: [NoticeField: String] = [.stage: error.stage.rawValue, .error: error.code.rawValue]
        if let sha256 { fields[.sha256] = sha256 }
        journal.logger.error(
            "\(file): \(error.stage.rawValue): \(error.message); moved to \(place)",
            metadata: journal.metadata(.failed, job, fields))
    }
}
