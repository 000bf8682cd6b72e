import Dispatch
import Logging
import Pipeline
import Store

/// The journal entries about one file (stored, duplicate, failed, retried, gone), and the
/// two about an outage of the store that holds files back.
///
/// Promises: every entry names its file (`incoming/…`), its event and how long the file
/// has been in the daemon (`NOTICE_DURATION_US`, from the moment it was offered); a stored
/// or duplicate file always sends title, agency and region, empty when unknown, so
/// `journalctl -o json` consumers see one shape.
struct FileJournal: Sendable {
    let logger: Logger
    let settings: RunSettings

    func display(_ job: Job) -> String { settings.layout.display(job.relative) }

    func metadata(_ kind: NoticeEvent, _ job: Job, _ fields: [NoticeField: String] = [:]) -> Logger.Metadata {
        var all = fields
        all[.file] = display(job)
        all[.duration] = "\((DispatchTime.now().uptimeNanoseconds - job.offeredAt) / 1000)"
        return .event(kind, all)
    }

    /// A committed file: stored (counted, and its title becomes the last one), or a
    /// duplicate of a stored one.
    func committed(_ job: Job, _ arrival: Arrival, _ outcome: PersistOutcome, counters: SharedCounters) {
        let n = arrival.notice
        let p = n.parsed
        let fields: [NoticeField: String] = [
            .sha256: n.clean.sha256, .docID: "\(outcome.id)", .tags: n.tags.joined(separator: ","),
            .title: p.title ?? "", .agency: p.agency ?? "", .region: p.region?.code ?? "",
        ]
        let file = display(job)
        switch outcome {
        case .stored(let id, _):
            counters.update {
                $0.ingested += 1
                $0.lastTitle = p.title ?? file
            }
            logger.info(
                "\(file): stored as #\(id) \(p.title ?? "(untitled)") [\(n.tags.joined(separator: ","))]",
                metadata: metadata(.ingested, job, fields))
        case .retaken(let id):
            logger.notice(
                "\(file): already stored as #\(id) from this same file, which could not leave incoming/ before; not stored again",
                metadata: metadata(.duplicate, job, fields))
        case .duplicate(let id):
            counters.update { $0.duplicates += 1 }
            logger.notice("\(file): duplicate of #\(id), not stored again", metadata: metadata(.duplicate, job, fields))
        }
    }

    func vanished(_ job: Job) {
        logger.warning(
            "\(display(job)): gone before it could be read; nothing to keep",
            metadata: metadata(.failed, job, [.stage: "claim", .error: "vanished"]))
    }

    func busy(_ job: Job, _ why: String) {
        logger.debug("\(display(job)): \(why); settling it again")
    }

    /// One file of a failed commit goes back to wait (debug: the outage has its own entry).
    func retrying(_ job: Job, _ error: StoreError) {
        logger.debug(
            "\(display(job)): not stored, will retry: \(error.message)",
            metadata: metadata(.retry, job, [.stage: "persist", .error: "storage"]))
    }

    /// The first failed commit of an outage: one `retry` entry for all the files it holds back.
    func storeLost(_ error: StoreError, files: Int) {
        logger.error(
            "store unavailable: \(error.message); \(files) file(s) of this batch and all that follow wait in incoming/ and are retried with backoff",
            metadata: .event(.retry, [.stage: "persist", .error: "storage"]))
    }

    /// The first commit after an outage.
    func storeBack(after duration: Duration, attempts: Int) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        logger.notice(
            "store available again after \((seconds * 10).rounded() / 10) s; \(attempts) file attempt(s) were put back meanwhile",
            metadata: .event(.summary))
    }
}
