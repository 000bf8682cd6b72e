import Dispatch
import Foundation
import Logging
import Pipeline
import Store

/// Schedules inputs through the pipeline and hands their results to the committer, with
/// bounded memory.
///
/// Promises:
/// - at most `maxInFlight` inputs are read, processed or waiting for the writer at
///   once, and at most `maxWaiting` more wait as paths; an offer beyond that is refused
///   (the file stays in `incoming/` and the watcher finds it again when there is room),
///   so a backlog of 100,000 files costs neither their contents nor their paths;
/// - the inputs in flight hold at most `max_file_size` bytes together (one file always
///   goes, whatever its size), so memory is bounded by bytes, not only by files;
/// - CPU stages run on a concurrent queue `workers` wide, and no worker thread ever blocks
///   waiting for a slot;
/// - a file that spends longer than `file_budget` in the pipeline goes to `failed/` as
///   `timeout` and its late result is dropped; while a worker stays stuck past twice the
///   budget, `ping` stops answering, so systemd's watchdog restarts the daemon;
/// - a file the store could not take is tried again after `GroupCommit.retryDelay`, and
///   stays known meanwhile, so a rescan does not take it twice; a stored file that cannot
///   leave `incoming/` is "stuck": reported once, not taken again in this run.
///
/// State is confined to `control`.
final class Scheduler: @unchecked Sendable {
    let control: DispatchQueue
    private let workers: DispatchQueue
    private let width: Int
    private let tree: SpoolTree
    private let committer: Committer
    private let settings: RunSettings
    private let logger: Logger
    let counters: SharedCounters

    private var waiting: [Job] = []
    private var waitingHead = 0
    private var known = Set<String>()
    private var inFlight = 0
    /// Jobs on the worker queue now (≤ `width`).
    private var running = 0
    private var accepting = true
    private let maxInFlight: Int
    private let maxWaiting: Int
    private var onDrained: (() -> Void)?
    /// Called on `control` whenever the waiting list is at most half full (the watcher refills it).
    var onRoom: ((_ room: Int) -> Void)?
    /// Where the files with a worker are written down, so a crash is pinned on its file.
    var inflight: InFlightRecord?
    /// Called on `control` with a file that was still being written: the watcher settles it again.
    var onBusy: ((_ relative: String) -> Void)?
    /// Bytes of the inputs in flight, and the most they may hold together.
    private var bytesInFlight = 0
    private let maxBytes: Int
    /// Jobs with a worker now, and when each started (DispatchTime nanoseconds).
    private var runningSince: [String: (since: UInt64, bytes: Int)] = [:]
    /// Timed-out jobs whose worker has not returned yet, and when they started.
    private var abandoned: [String: UInt64] = [:]
    private let budgetNanos: UInt64
    /// Stored files that could not leave `incoming/`, and why.
    private(set) var stuck: [String: String] = [:]

    init(
        config: ServiceConfig, settings: RunSettings, tree: SpoolTree, committer: Committer, control: DispatchQueue,
        logger: Logger, counters: SharedCounters
    ) {
        self.control = control
        self.tree = tree
        self.committer = committer
        self.settings = settings
        self.logger = logger
        self.counters = counters
        self.maxBytes = max(config.maxFileSize, 1)
        self.budgetNanos = UInt64(config.fileBudget * 1e9)
        self.width = config.workers > 0 ? config.workers : ProcessInfo.processInfo.activeProcessorCount
        self.workers = DispatchQueue(label: "noticed.workers", qos: .utility, attributes: .concurrent)
        self.maxInFlight = max(config.maxInFlight, 1)
        self.maxWaiting = 8 * max(config.maxInFlight, 1)
        committer.onReport = { [weak self] report in
            guard let self else { return }
            control.async { self.finished(report) }
        }
    }

    /// Takes a path under `incoming/` (once: a path already waiting or in flight is not taken
    /// again). Returns false when the waiting list is full: the file stays where it is.
    @discardableResult
    func offer(_ relative: String) -> Bool {
        dispatchPrecondition(condition: .onQueue(control))
        guard accepting, !known.contains(relative) else { return true }
        guard waitingCount < maxWaiting else { return false }
        known.insert(relative)
        waiting.append(Job(relative: relative, offeredAt: DispatchTime.now().uptimeNanoseconds))
        committer.expect(1)
        pump()
        return true
    }

    func isKnown(_ relative: String) -> Bool { known.contains(relative) || stuck[relative] != nil }

    /// How many more paths the waiting list takes now.
    var room: Int { maxWaiting - waitingCount }

    private var waitingCount: Int { waiting.count - waitingHead }

    /// New rules or settings for inputs not yet started (after a SIGHUP).
    func reconfigure(pipeline: NoticePipeline, layout: SpoolLayout, after: ServiceConfig.After) {
        settings.replace(with: .init(layout: layout, pipeline: pipeline, after: after))
    }

    /// Stops taking new inputs; `then` runs on `control` once everything in flight is committed.
    /// Inputs still waiting stay in `incoming/` for the next start.
    func drain(then: @escaping () -> Void) {
        dispatchPrecondition(condition: .onQueue(control))
        accepting = false
        committer.expect(-waitingCount)
        waiting.removeAll()
        waitingHead = 0
        onDrained = then
        publishQueued()
        checkDrained()
    }

    private func checkDrained() {
        if !accepting, inFlight == 0, let done = onDrained {
            onDrained = nil
            committer.stopIndexing()
            done()
        }
    }

    /// Starts waiting jobs while the file, byte and worker limits allow.
    private func pump() {
        while accepting, inFlight < maxInFlight, running < width, waitingHead < waiting.count {
            var job = waiting[waitingHead]
            // Bytes, not only files: a file counts for its size now (a larger one than the
            // cap is refused unread, so it costs nothing); it waits while others hold the room.
            let size = ((try? tree.status(job.relative)) ?? nil).map { Int($0.st_size) } ?? 0
            job.bytes = size > maxBytes ? 0 : size
            if inFlight > 0, bytesInFlight + job.bytes > maxBytes { break }
            waitingHead += 1
            start(job)
        }
        if waitingHead > 1024, waitingHead * 2 > waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
        publishQueued()
        if accepting, waitingCount * 2 <= maxWaiting { onRoom?(room) }
    }

    private func start(_ job: Job) {
        inFlight += 1
        running += 1
        bytesInFlight += job.bytes
        let slot = inflight?.begin(job.relative)
        runningSince[job.relative] = (DispatchTime.now().uptimeNanoseconds, job.bytes)
        let current = settings.current
        workers.async { [self, tree] in
            let result = WorkResult.processing(job, layout: current.layout, tree: tree, pipeline: current.pipeline)
            control.async { [self] in returned(job, result, slot: slot, layout: current.layout) }
        }
    }

    /// A worker is back: its result goes to the writer, unless the job timed out meanwhile.
    private func returned(_ job: Job, _ result: WorkResult, slot: Int?, layout: SpoolLayout) {
        if let slot { inflight?.end(slot) }
        if abandoned.removeValue(forKey: job.relative) != nil {
            counters.update { [n = abandoned.count] in $0.stuckWorkers = n }
            logger.notice("\(layout.display(job.relative)): its stuck worker returned; result dropped")
            pump()
            return
        }
        runningSince[job.relative] = nil
        running -= 1
        committer.submit(result)
        pump()
    }

    private func publishQueued() {
        let queued = waitingCount + inFlight
        counters.update { $0.queued = queued }
    }

    /// The writer is done with a commit's jobs.
    private func finished(_ report: CommitReport) {
        dispatchPrecondition(condition: .onQueue(control))
        inFlight -= report.done.count + report.retry.count
        for job in report.done + report.retry { bytesInFlight -= job.bytes }
        for job in report.done { known.remove(job.relative) }
        if !report.stuck.isEmpty { noteStuck(report.stuck) }
        for job in report.busy { onBusy?(job.relative) }
        for job in report.retry { retry(job) }
        pump()
        checkDrained()
    }

    private func noteStuck(_ newlyStuck: [(job: Job, why: String)]) {
        for (job, why) in newlyStuck { stuck[job.relative] = why }
        let layout = settings.layout
        let listed = stuck.sorted { $0.key < $1.key }.prefix(10).map { "\(layout.display($0.key)): \($0.value)" }
        counters.update { [count = stuck.count] in
            $0.stuck = count
            $0.stuckFiles = Array(listed)
        }
    }

    /// Queues `job` again after its backoff; it stays `known` while it waits.
    private func retry(_ job: Job) {
        control.asyncAfter(deadline: .now() + GroupCommit.retryDelay(attempt: job.attempt)) { [self] in
            guard accepting else { return }
            var next = job
            next.attempt += 1
            waiting.append(next)
            committer.expect(1)
            pump()
        }
    }

    /// Runs `alive` on `control` once the writer has answered and no worker is stuck past
    /// twice its budget (the watchdog's proof of life).
    func ping(_ alive: @escaping @Sendable () -> Void) {
        committer.afterPending { [self] in
            control.async { [self] in
                let now = DispatchTime.now().uptimeNanoseconds
                if let oldest = abandoned.values.min(), now - oldest > 2 * budgetNanos { return }
                alive()
            }
        }
    }

    /// Sends files past their budget to `failed/` as `timeout` (called each second on `control`).
    /// The worker cannot be stopped; its slot is given back so other files go on, and its
    /// result is dropped when it returns.
    func enforceBudget() {
        dispatchPrecondition(condition: .onQueue(control))
        let now = DispatchTime.now().uptimeNanoseconds
        let layout = settings.layout
        for (relative, entry) in runningSince where now - entry.since > budgetNanos {
            runningSince[relative] = nil
            abandoned[relative] = entry.since
            running -= 1
            let seconds = Double(now - entry.since) / 1e9
            let error = PipelineError(
                file: layout.display(relative), stage: .tag, code: .timeout,
                message:
                    "took over its budget of \(Self.format(Double(budgetNanos) / 1e9)) s (\(Self.format(seconds)) s so far); "
                    + "its worker was left to finish and its result will be dropped")
            let job = Job(relative: relative, offeredAt: entry.since, attempt: 0, bytes: entry.bytes)
            committer.submit(.failure(job, error, sha256: nil))
        }
        counters.update { [n = abandoned.count] in $0.stuckWorkers = n }
        pump()
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
