import Dispatch
import Foundation
import Logging
import Pipeline
import Store
import Synchronization

/// Schedules inputs through the pipeline and into the store, with bounded memory.
///
/// Promises:
/// - at most `maxInFlight` inputs are read, processed or waiting for the writer at
///   once, and at most `maxWaiting` more wait as paths; an offer beyond that is refused
///   (the file stays in `incoming/` and the watcher finds it again when there is room),
///   so a backlog of 100,000 files costs neither their contents nor their paths;
/// - the inputs in flight hold at most `max_file_size` bytes together (one file always
///   goes, whatever its size), so memory is bounded by bytes, not only by files;
/// - every spool operation goes through `SpoolTree`: nothing outside the spool is read,
///   moved or deleted;
/// - a file that spends longer than `file_budget` in the pipeline goes to `failed/` as
///   `timeout` and its late result is dropped; while a worker stays stuck past twice the
///   budget, `ping` stops answering, so systemd's watchdog restarts the daemon;
/// - a file still being written when read (`SpoolTree.Read.busy`) goes back to settling;
/// - a stored file that cannot leave `incoming/` is "stuck": reported once, not taken
///   again in this run, counted in `status`;
/// - CPU stages run on a concurrent queue `workers` wide; one serial writer commits
///   whatever has arrived since its last commit in one durable transaction (group
///   commit, at most `batch` documents);
/// - an input leaves `incoming/` (archived or deleted) only after its row is
///   committed; a permanent failure moves it to `failed/` with its sidecar; a store
///   failure leaves it in place and retries it with exponential backoff.
///
/// State is confined: scheduling state to `control`, the write buffer to `writer`.
final class Ingestor: @unchecked Sendable {
    let control: DispatchQueue
    private let workers: DispatchQueue
    private let writer = DispatchQueue(label: "noticed.writer", qos: .userInitiated)
    private let width: Int
    private let store: StoreHandle
    private let tree: SpoolTree
    /// Fills the search index after commits, off the writer queue (see `SearchIndex`).
    private let indexer: BackgroundIndexer
    private let logger: Logger
    let counters: SharedCounters

    /// What a SIGHUP may change; read by the workers' scheduling and by the writer.
    private struct Settings {
        var layout: SpoolLayout
        var pipeline: NoticePipeline
        var after: ServiceConfig.After
    }
    private let settings: Mutex<Settings>
    private var layout: SpoolLayout { settings.withLock { $0.layout } }

    // control-confined
    private var waiting: [Job] = []
    private var waitingHead = 0
    private var known = Set<String>()
    private var inFlight = 0
    /// Jobs on the worker queue now (≤ `width`): no worker thread ever blocks waiting for a slot.
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

    // writer-confined
    private var buffer: [WorkResult] = []
    private var flushScheduled = false
    private var groupTimerArmed = false
    private let groupMinimum: Int
    private let groupWait = DispatchTimeInterval.milliseconds(100)
    /// Files taken (waiting or with the workers) whose results the writer has not received yet.
    private let outstanding = Atomic<Int>(0)
    private let batch: Int

    init(
        config: ServiceConfig, layout: SpoolLayout, tree: SpoolTree, pipeline: NoticePipeline, store: StoreHandle,
        control: DispatchQueue, logger: Logger, counters: SharedCounters
    ) {
        self.control = control
        self.tree = tree
        self.maxBytes = max(config.maxFileSize, 1)
        self.budgetNanos = UInt64(config.fileBudget * 1e9)
        self.settings = Mutex(Settings(layout: layout, pipeline: pipeline, after: config.after))
        self.store = store
        self.logger = logger
        self.counters = counters
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let width = config.workers > 0 ? config.workers : cores
        self.width = width
        self.workers = DispatchQueue(label: "noticed.workers", qos: .utility, attributes: .concurrent)
        self.maxInFlight = max(config.maxInFlight, 1)
        self.maxWaiting = 8 * max(config.maxInFlight, 1)
        self.batch = max(config.batch, 1)
        self.groupMinimum = min(max(config.batch, 1), 64)
        // A second's commits per index transaction (up to `NoticeStore.indexBatch`): fewer FTS5
        // segments to merge than a quarter second's (drain of 10,000 files 1,147 → 1,227 files/s,
        // p99 unchanged); searches meanwhile read at most that second's documents directly.
        self.indexer = BackgroundIndexer(delay: .milliseconds(1000)) { [logger] result, took in
            switch result {
            case .success(let n): logger.debug("indexed \(n) document(s) for search in \(took)")
            case .failure(let error):
                logger.warning("search index not updated (searches read the newest documents directly): \(error)")
            }
        }
    }

    /// Indexes documents a previous run stored but did not index.
    func indexLeftovers() {
        writer.async { if let store = try? self.store.get() { self.indexer.kick(store) } }
    }

    // MARK: control queue

    /// Takes a path under `incoming/` (once: a path already waiting or in flight is not taken
    /// again). Returns false when the waiting list is full: the file stays where it is.
    @discardableResult
    func offer(_ relative: String) -> Bool {
        dispatchPrecondition(condition: .onQueue(control))
        guard accepting, !known.contains(relative) else { return true }
        guard waitingCount < maxWaiting else { return false }
        known.insert(relative)
        waiting.append(Job(relative: relative, offeredAt: DispatchTime.now().uptimeNanoseconds))
        outstanding.add(1, ordering: .relaxed)
        pump()
        return true
    }

    func isKnown(_ relative: String) -> Bool { known.contains(relative) || stuck[relative] != nil }

    /// How many more paths the waiting list takes now.
    var room: Int { maxWaiting - waitingCount }

    private var waitingCount: Int { waiting.count - waitingHead }

    /// New rules or settings for inputs not yet started (after a SIGHUP).
    func reconfigure(pipeline: NoticePipeline, layout: SpoolLayout, after: ServiceConfig.After) {
        settings.withLock { $0 = Settings(layout: layout, pipeline: pipeline, after: after) }
    }

    /// Stops taking new inputs; `then` runs on `control` once everything in flight is committed.
    /// Inputs still waiting stay in `incoming/` for the next start.
    func drain(then: @escaping () -> Void) {
        dispatchPrecondition(condition: .onQueue(control))
        accepting = false
        outstanding.subtract(waitingCount, ordering: .relaxed)
        waiting.removeAll()
        waitingHead = 0
        onDrained = then
        publishQueued()
        checkDrained()
    }

    private func checkDrained() {
        if !accepting, inFlight == 0, let done = onDrained {
            onDrained = nil
            indexer.stop()
            done()
        }
    }

    private func pump() {
        while accepting, inFlight < maxInFlight, running < width, waitingHead < waiting.count {
            var job = waiting[waitingHead]
            // Bytes, not only files: a file counts for its size now (a larger one than the
            // cap is refused unread, so it costs nothing); it waits while others hold the room.
            let size = ((try? tree.status(job.relative)) ?? nil).map { Int($0.st_size) } ?? 0
            job.bytes = size > maxBytes ? 0 : size
            if inFlight > 0, bytesInFlight + job.bytes > maxBytes { break }
            waitingHead += 1
            inFlight += 1
            running += 1
            bytesInFlight += job.bytes
            let scheduled = job
            let slot = inflight?.begin(job.relative)
            runningSince[job.relative] = (DispatchTime.now().uptimeNanoseconds, job.bytes)
            let (layout, pipeline) = settings.withLock { ($0.layout, $0.pipeline) }
            workers.async { [self, tree, job = scheduled] in
                let result = Worker.run(job, layout: layout, tree: tree, pipeline: pipeline)
                control.async { [self] in
                    if let slot { inflight?.end(slot) }
                    if abandoned.removeValue(forKey: job.relative) != nil {
                        counters.update { [n = abandoned.count] in $0.stuckWorkers = n }
                        logger.notice("\(layout.display(job.relative)): its stuck worker returned; result dropped")
                        pump()
                        return
                    }
                    runningSince[job.relative] = nil
                    running -= 1
                    writer.async { self.accept(result) }
                    pump()
                }
            }
        }
        if waitingHead > 1024, waitingHead * 2 > waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
        publishQueued()
        if accepting, waitingCount * 2 <= maxWaiting { onRoom?(room) }
    }

    private func publishQueued() {
        let queued = waitingCount + inFlight
        counters.update { $0.queued = queued }
    }

    /// Called on `control` when the writer is done with jobs.
    private func finished(_ jobs: [Job], retry: [Job], busy: [Job], stuck newlyStuck: [(Job, String)]) {
        dispatchPrecondition(condition: .onQueue(control))
        inFlight -= jobs.count + retry.count
        for job in jobs + retry { bytesInFlight -= job.bytes }
        for job in jobs { known.remove(job.relative) }
        for (job, why) in newlyStuck { stuck[job.relative] = why }
        if !newlyStuck.isEmpty {
            let listed = stuck.sorted { $0.key < $1.key }.prefix(10).map { "\(layout.display($0.key)): \($0.value)" }
            counters.update { [count = stuck.count] in
                $0.stuck = count
                $0.stuckFiles = Array(listed)
            }
        }
        for job in busy { onBusy?(job.relative) }
        for job in retry {
            // Stays `known` while it waits, so a rescan does not take it twice.
            let delay = min(60.0, 0.5 * pow(2.0, Double(min(job.attempt, 7))))
            control.asyncAfter(deadline: .now() + delay) { [self] in
                guard accepting else { return }
                var next = job
                next.attempt += 1
                waiting.append(next)
                outstanding.add(1, ordering: .relaxed)
                pump()
            }
        }
        pump()
        checkDrained()
    }

    /// Runs `alive` on `control` once the writer has answered and no worker is stuck past
    /// twice its budget (the watchdog's proof of life).
    func ping(_ alive: @escaping @Sendable () -> Void) {
        writer.async { [self] in
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
        for (relative, entry) in runningSince where now - entry.since > budgetNanos {
            let since = entry.since
            runningSince[relative] = nil
            abandoned[relative] = since
            running -= 1
            let file = layout.display(relative)
            let seconds = Double(now - since) / 1e9
            let error = PipelineError(
                file: file, stage: .tag, code: .timeout,
                message: "took over its budget of \(Self.seconds(budgetNanos)) (\(Self.format(seconds)) s so far); "
                    + "its worker was left to finish and its result will be dropped")
            let job = Job(relative: relative, offeredAt: since, attempt: 0, bytes: entry.bytes)
            writer.async { self.accept(.failure(job, error, sha256: nil)) }
        }
        counters.update { [n = abandoned.count] in $0.stuckWorkers = n }
        pump()
    }

    private static func seconds(_ nanos: UInt64) -> String { format(Double(nanos) / 1e9) + " s" }
    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    // MARK: writer queue

    private func accept(_ result: WorkResult) {
        buffer.append(result)
        outstanding.subtract(1, ordering: .relaxed)
        considerFlush()
    }

    /// Group commit: a commit costs one sync and rewrites every page it touches, so a few
    /// documents per commit made the writer the bottleneck of a backlog (5.6 documents per
    /// commit, 78 % of the drain's time in commits). Commit now when `groupMinimum` results
    /// wait or no other file is waiting or being worked on (a lone file never waits for company),
    /// else at most `groupWait` after the first result waiting.
    private func considerFlush() {
        guard !flushScheduled, !buffer.isEmpty else { return }
        if buffer.count >= groupMinimum || outstanding.load(ordering: .relaxed) == 0 {
            flushScheduled = true
            writer.async { self.flush() }
        } else if !groupTimerArmed {
            groupTimerArmed = true
            writer.asyncAfter(deadline: .now() + groupWait) {
                self.groupTimerArmed = false
                guard !self.flushScheduled, !self.buffer.isEmpty else { return }
                self.flushScheduled = true
                self.flush()
            }
        }
    }

    private func flush() {
        flushScheduled = false
        let take = min(buffer.count, batch)
        let results = Array(buffer[0..<take])
        buffer.removeFirst(take)
        defer { considerFlush() }
        var arrivals: [(Job, Arrival)] = []
        var done: [Job] = []
        var busy: [Job] = []
        var stuckNow: [(Job, String)] = []
        var failures: [(error: PipelineError, sha256: String?)] = []
        let now = Date()
        let stamp = now.formatted(Date.ISO8601FormatStyle())
        for result in results {
            switch result {
            case .arrival(let job, let arrival): arrivals.append((job, arrival))
            case .busy(let job, let why):
                busy.append(job)
                done.append(job)
                logger.debug("\(layout.display(job.relative)): \(why); settling it again")
            case .vanished(let job):
                done.append(job)
                logger.warning(
                    "\(layout.display(job.relative)): gone before it could be read; nothing to keep",
                    metadata: event(.failed, job: job, extra: ["NOTICE_STAGE": "claim", "NOTICE_ERROR": "vanished"]))
            case .failure(let job, let error, let sha):
                done.append(job)
                failures.append((error, sha))
                quarantine(job, error: error, sha256: sha, at: stamp)
            }
        }
        var retry: [Job] = []
        if !arrivals.isEmpty {
            do {
                let opened = try store.get()
                let clock = ContinuousClock()
                let start = clock.now
                let outcomes = try opened.persist(arrivals.map(\.1), at: now)
                logger.debug("committed \(arrivals.count) document(s) in \(clock.now - start)")
                let day = String(stamp.prefix(10))
                for ((job, arrival), outcome) in zip(arrivals, outcomes) {
                    if let why = release(job, day: day) { stuckNow.append((job, why)) }
                    report(job, arrival, outcome)
                    done.append(job)
                }
                indexer.kick(opened)
            } catch {
                store.reset()
                counters.update { $0.retries += arrivals.count }
                for (job, _) in arrivals {
                    retry.append(job)
                    logger.warning(
                        "\(layout.display(job.relative)): not stored, will retry: \(error.message)",
                        metadata: event(
                            .retry, job: job, extra: ["NOTICE_STAGE": "persist", "NOTICE_ERROR": "storage"]))
                }
            }
        }
        if !failures.isEmpty { try? store.get().recordFailures(failures, at: now) }
        control.async { [done, retry, busy, stuckNow] in
            self.finished(done, retry: retry, busy: busy, stuck: stuckNow)
        }
    }

    /// Archives or deletes a committed input; returns why it could not leave `incoming/`.
    /// Such a file is stuck: not taken again in this run, and found by the store as
    /// `.retaken` (not a new duplicate sighting) at the next start, when it is tried again.
    private func release(_ job: Job, day: String) -> String? {
        do {
            switch settings.withLock({ $0.after }) {
            case .archive: _ = try tree.archive(job.relative, day: day)
            case .delete: try tree.remove(job.relative)
            }
            return nil
        } catch {
            let why = "\(error)"
            logger.error(
                """
                \(layout.display(job.relative)): stored, but it cannot leave incoming/ (\(why)); it stays there, \
                is not taken again until the next start, and `noticed status` counts it as stuck
                """,
                metadata: event(.failed, job: job, extra: ["NOTICE_STAGE": "persist", "NOTICE_ERROR": "stuck"]))
            return why
        }
    }

    private func quarantine(_ job: Job, error: PipelineError, sha256: String?, at: String) {
        let file = layout.display(job.relative)
        var place = "failed/"
        do {
            place = try tree.quarantine(
                job.relative, sidecar: SpoolLayout.sidecar(file: file, sha256: sha256, error: error, at: at))
        } catch {
            place = "incoming/ (cannot move it: \(error))"
        }
        counters.update { $0.failed += 1 }
        var extra: Logger.Metadata = [
            "NOTICE_STAGE": "\(error.stage.rawValue)", "NOTICE_ERROR": "\(error.code.rawValue)",
        ]
        if let sha256 { extra["NOTICE_SHA256"] = "\(sha256)" }
        logger.error(
            "\(file): \(error.stage.rawValue): \(error.message); moved to \(place)",
            metadata: event(.failed, job: job, extra: extra))
    }

    private func report(_ job: Job, _ arrival: Arrival, _ outcome: PersistOutcome) {
        let n = arrival.notice
        let p = n.parsed
        let extra: Logger.Metadata = [
            "NOTICE_SHA256": "\(n.clean.sha256)", "NOTICE_DOC_ID": "\(outcome.id)",
            "NOTICE_TAGS": "\(n.tags.joined(separator: ","))",
            // Always sent, empty when unknown, so `journalctl -o json` consumers see one shape.
            "NOTICE_TITLE": "\(p.title ?? "")", "NOTICE_AGENCY": "\(p.agency ?? "")",
            "NOTICE_REGION": "\(p.region?.code ?? "")",
        ]
        let file = layout.display(job.relative)
        switch outcome {
        case .stored(let id, _):
            counters.update {
                $0.ingested += 1
                $0.lastTitle = p.title ?? file
            }
            logger.info(
                "\(file): stored as #\(id) \(p.title ?? "(untitled)") [\(n.tags.joined(separator: ","))]",
                metadata: event(.ingested, job: job, extra: extra))
        case .retaken(let id):
            logger.notice(
                "\(file): already stored as #\(id) from this same file, which could not leave incoming/ before; not stored again",
                metadata: event(.duplicate, job: job, extra: extra))
        case .duplicate(let id):
            counters.update { $0.duplicates += 1 }
            logger.notice(
                "\(file): duplicate of #\(id), not stored again", metadata: event(.duplicate, job: job, extra: extra))
        }
    }

    private func event(_ kind: NoticeEvent, job: Job, extra: Logger.Metadata) -> Logger.Metadata {
        var metadata = extra
        metadata["NOTICE_EVENT"] = "\(kind.rawValue)"
        metadata["MESSAGE_ID"] = "\(kind.messageID)"
        metadata["NOTICE_FILE"] = "\(layout.display(job.relative))"
        let micros = (DispatchTime.now().uptimeNanoseconds - job.offeredAt) / 1000
        metadata["NOTICE_DURATION_US"] = "\(micros)"
        return metadata
    }
}
