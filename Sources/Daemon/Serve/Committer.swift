import Dispatch
import Foundation
import Logging
import Pipeline
import Store
import Synchronization

/// The writer: turns worker results into durable commits, then moves their files.
///
/// Promises:
/// - one serial queue commits whatever has arrived since its last commit in one durable
///   transaction (group commit: at most `batch` documents, `GroupCommit.decision` says when);
/// - an input leaves `incoming/` only after its row is committed (`Disposal`);
/// - a store failure commits nothing of the batch: its files stay in place and come back
///   to the scheduler as `retry`, and the store is opened afresh for the next commit;
/// - an outage (failed commits until one succeeds) is one `retry` entry at error priority
///   when it starts and one `summary` entry when it ends; each file's retry is at debug;
/// - each commit's jobs go back to the scheduler in one `CommitReport`, on `control`.
///
/// State is confined to the writer queue; `outstanding` is the one value shared with the
/// scheduler (atomic).
final class Committer: @unchecked Sendable {
    let queue = DispatchQueue(label: "noticed.writer", qos: .userInitiated)
    private let store: StoreHandle
    private let disposal: Disposal
    private let journal: FileJournal
    private let counters: SharedCounters
    /// Fills the search index after commits, off the writer queue (see `SearchIndex`).
    private let indexer: BackgroundIndexer
    private let batch: Int
    private let groupMinimum: Int
    /// Called on the writer queue after each commit; the scheduler hops to `control`.
    var onReport: (@Sendable (CommitReport) -> Void)?

    /// Files taken (waiting or with the workers) whose results the writer has not received yet.
    private let outstanding = Atomic<Int>(0)
    // writer-confined
    private var buffer: [WorkResult] = []
    private var flushScheduled = false
    private var groupTimerArmed = false
    /// Since when commits have failed, and how many file attempts went back meanwhile (nil
    /// while commits succeed): an outage is one `retry` entry, not one per file and attempt.
    private var outage: (since: ContinuousClock.Instant, attempts: Int)?

    init(store: StoreHandle, disposal: Disposal, counters: SharedCounters, batch: Int, indexDelay: DispatchTimeInterval)
    {
        self.store = store
        self.disposal = disposal
        self.journal = disposal.journal
        self.counters = counters
        self.batch = max(batch, 1)
        self.groupMinimum = min(max(batch, 1), 64)
        self.indexer = BackgroundIndexer(delay: indexDelay) {
            [logger = disposal.journal.logger] result, took in
            switch result {
            case .success(let n): logger.debug("indexed \(n) document(s) for search in \(took)")
            case .failure(let error):
                logger.warning("search index not updated (searches read the newest documents directly): \(error)")
            }
        }
    }

    /// The store could not be opened at start (and that was logged): the first failed commit
    /// continues that outage instead of starting one.
    func storeWasAway() {
        queue.async { [self] in
            if outage == nil { outage = (ContinuousClock.now, 0) }
        }
    }

    /// `n` more files will send a result (or were dropped: negative).
    func expect(_ n: Int) { outstanding.add(n, ordering: .relaxed) }

    /// Takes a worker's result (from any queue).
    func submit(_ result: WorkResult) { queue.async { self.accept(result) } }

    /// Indexes documents a previous run stored but did not index.
    func indexLeftovers() { queue.async { if let store = try? self.store.get() { self.indexer.kick(store) } } }

    func stopIndexing() { indexer.stop() }

    private func accept(_ result: WorkResult) {
        buffer.append(result)
        outstanding.subtract(1, ordering: .relaxed)
        considerFlush()
    }

    private func considerFlush() {
        guard !flushScheduled else { return }
        switch GroupCommit.decision(
            buffered: buffer.count, outstanding: outstanding.load(ordering: .relaxed), minimum: groupMinimum)
        {
        case .nothing: return
        case .now:
            flushScheduled = true
            queue.async { self.flush() }
        case .wait:
            guard !groupTimerArmed else { return }
            groupTimerArmed = true
            queue.asyncAfter(deadline: .now() + GroupCommit.wait) {
                self.groupTimerArmed = false
                guard !self.flushScheduled, !self.buffer.isEmpty else { return }
                self.flushScheduled = true
                self.flush()
            }
        }
    }

    /// One commit: sort the results, commit the arrivals, move the files, report back.
    private func flush() {
        flushScheduled = false
        let take = min(buffer.count, batch)
        let results = Array(buffer[0..<take])
        buffer.removeFirst(take)
        defer { considerFlush() }
        let now = Date()
        let stamp = now.formatted(Date.ISO8601FormatStyle())
        var report = CommitReport()
        let sorted = sort(results, into: &report, stamp: stamp)
        if !sorted.arrivals.isEmpty { commit(sorted.arrivals, at: now, day: String(stamp.prefix(10)), into: &report) }
        if !sorted.failures.isEmpty { try? store.get().recordFailures(sorted.failures, at: now) }
        onReport?(report)
    }

    /// Files that need no commit are dealt with here (failed ones quarantined, gone ones
    /// logged, busy ones sent back to settle); what is left is what to commit.
    private func sort(_ results: [WorkResult], into report: inout CommitReport, stamp: String)
        -> (arrivals: [(Job, Arrival)], failures: [(error: PipelineError, sha256: String?)])
    {
        var arrivals: [(Job, Arrival)] = []
        var failures: [(error: PipelineError, sha256: String?)] = []
        for result in results {
            switch result {
            case .arrival(let job, let arrival): arrivals.append((job, arrival))
            case .textless(let job, let arrival, let error, let pageSeen):
                let since = Date().addingTimeInterval(-Drop.window)
                if pageSeen
                    || (arrival.drop.map { (try? store.get().hasPage(drop: $0.key, since: since)) ?? false } ?? false)
                {
                    arrivals.append((job, arrival))
                } else {
                    report.done.append(job)
                    failures.append((error, arrival.notice.clean.sha256))
                    disposal.quarantine(job, error: error, sha256: arrival.notice.clean.sha256, at: stamp)
                }
            case .busy(let job, let why):
                report.busy.append(job)
                report.done.append(job)
                journal.busy(job, why)
            case .vanished(let job):
                report.done.append(job)
                journal.vanished(job)
            case .failure(let job, let error, let sha):
                report.done.append(job)
                failures.append((error, sha))
                disposal.quarantine(job, error: error, sha256: sha, at: stamp)
            }
        }
        return (arrivals, failures)
    }

    /// Commits `arrivals` in one transaction, then releases their files; on a store failure
    /// they all go back as `retry`.
    private func commit(_ arrivals: [(Job, Arrival)], at now: Date, day: String, into report: inout CommitReport) {
        do {
            let opened = try store.get()
            let clock = ContinuousClock()
            let start = clock.now
            let outcomes = try opened.persist(arrivals.map(\.1), at: now)
            journal.logger.debug("committed \(arrivals.count) document(s) in \(clock.now - start)")
            for ((job, arrival), outcome) in zip(arrivals, outcomes) {
                if let why = disposal.release(job, day: day) { report.stuck.append((job, why)) }
                journal.committed(job, arrival, outcome, counters: counters)
                report.done.append(job)
            }
            indexer.kick(opened)
            counters.update { $0.storeWaiting = nil }
            if let ended = outage {
                journal.storeBack(after: clock.now - ended.since, attempts: ended.attempts)
                outage = nil
            }
        } catch {
            store.reset()
            counters.update {
                $0.retries += arrivals.count
                $0.storeWaiting = error.isTransient ? error.message : nil
            }
            if outage == nil {
                outage = (ContinuousClock.now, 0)
                journal.storeLost(error, files: arrivals.count)
            }
            outage?.attempts += arrivals.count
            for (job, _) in arrivals {
                report.retry.append(job)
                journal.retrying(job, error)
            }
        }
    }

    /// Runs `then` once everything submitted before now has been taken by the writer.
    func afterPending(_ then: @escaping @Sendable () -> Void) { queue.async(execute: then) }
}
