import Dispatch
import Foundation
package import Logging
import Pipeline
package import Store

/// `noticed serve`: wires the spool watcher, the scheduler and committer, signals, sd_notify and the
/// watchdog together, and owns the lifecycle.
///
/// Promises: READY=1 only after the watches are set and the start-up scan is queued;
/// SIGHUP reloads the config file and the rules without dropping work (a bad rules file
/// is reported and the old rules stay); SIGTERM/SIGINT stop taking files, commit what is
/// in flight and exit 0; a vanished spool exits 1 (systemd restarts us); the watchdog is
/// fed only while the control queue and the writer both answer.
package final class Service: @unchecked Sendable {
    private let control = DispatchQueue(label: "noticed.control", qos: .userInitiated)
    private let source: ConfigSource
    private var config: ServiceConfig
    private let logger: Logger
    private let notifier = SystemdNotifier()
    private let counters = SharedCounters()
    private var lifecycle = Lifecycle()
    /// How long a stop may spend committing what is in flight (systemd waits 60 s, TimeoutStopSec).
    private let drainDeadline = Duration.seconds(45)
    private var scheduler: Scheduler?
    private var tree: SpoolTree?
    private var watcher: SpoolWatcher?
    private var sources: [any DispatchSourceProtocol] = []
    private let stateFile: StateFile
    private let started = Date().formatted(Date.ISO8601FormatStyle())
    private var lastPublished = ""
    private let openStore: StoreOpening

    /// Opens the store a `database` setting names (with its password file). The executable
    /// passes one that knows PostgreSQL (module Backends); this library links only SQLite.
    package typealias StoreOpening =
        @Sendable (_ database: String, _ passwordFile: String?) throws(StoreError) ->
        any NoticeStoring

    /// The SQLite store alone, its cache and map kept small; a `postgresql://` URL is refused.
    package static let sqliteOnly: StoreOpening = { database, _ throws(StoreError) in
        if ServiceConfig.isPostgres(database) {
            throw StoreError("\(database): this build of the daemon has no PostgreSQL backend")
        }
        return try NoticeStore(path: database, cacheMiB: 8, mapped: false)
    }

    package init(
        source: ConfigSource, config: ServiceConfig, logger: Logger, openStore: @escaping StoreOpening = sqliteOnly
    ) {
        self.source = source
        self.config = config
        self.logger = logger
        self.openStore = openStore
        self.stateFile = StateFile(database: config.localStateBase)
    }

    /// Starts everything on the control queue; never returns.
    package func run() -> Never {
        control.async { self.start() }
        dispatchMain()
    }

    private func start() {
        Lease.ignoreBreaks()
        logger.notice(
            "noticed starting: spool \(config.spool), store \(config.database), after=\(config.after.rawValue)",
            metadata: .event(.started))
        let layout = SpoolLayout(root: config.spool, ignoreGlobs: config.ignore)
        let store = StoreHandle {
            [database = config.database, passwordFile = config.passwordFile, openStore] () throws(StoreError) in
            try openStore(database, passwordFile)
        }
        let pipeline: NoticePipeline
        let tree: SpoolTree
        // The store unreachable at start: that outage has its entry already.
        var storeAway: StoreError?
        do {
            tree = try SpoolTree(root: layout.root)
            let swept = tree.sweepSidecarTemporaries()
            if swept > 0 {
                logger.notice("removed \(swept) half-written sidecar(s) left in failed/ by a killed daemon")
            }
            storeAway = try store.prepare()
            if let waiting = storeAway {
                logger.error(
                    "\(waiting); files wait in incoming/ and the store is tried again with each retry",
                    metadata: .event(.retry, [.stage: "persist", .error: "storage"]))
            }
            pipeline = try NoticePipeline.loading(rulesFile: config.rules, maxBytes: config.maxFileSize)
        } catch {
            fail("cannot start: \(error)")
        }
        let scheduler = Self.scheduler(
            config: config, layout: layout, tree: tree, pipeline: pipeline, store: store, control: control,
            logger: logger, counters: counters, storeAway: storeAway != nil)
        self.scheduler = scheduler
        self.tree = tree
        scheduler.inflight = InFlightRecord.openQuarantiningPoison(
            database: config.localStateBase, tree: tree, layout: layout, logger: logger)
        do {
            let watcher = try SpoolWatcher(
                layout: layout, tree: tree, settleDelay: config.settleDelay, control: control, logger: logger,
                counters: counters, offer: { scheduler.offer($0) }, isKnown: { scheduler.isKnown($0) },
                room: { scheduler.room },
                onLost: { [unowned self] reason in self.fail(reason) })
            self.watcher = watcher
            scheduler.onRoom = { [weak watcher] room in watcher?.refill(room: room) }
            scheduler.onBusy = { [weak watcher] relative in watcher?.resettle(relative) }
            try watcher.start()
        } catch {
            fail("cannot watch \(layout.incoming): \(error)")
        }
        installSignals()
        installTimers()
        move(to: .running)
        let snapshot = counters.snapshot
        notifier.ready(status: "watching \(layout.incoming); \(snapshot.status)")
        logger.notice(
            "noticed ready: watching \(layout.incoming) (\(watcher?.watchCount ?? 0) folders), \(snapshot.queued) file(s) queued by the start-up scan",
            metadata: .event(.ready))
        publish(force: true)
    }

    /// The write path: the committer on its writer queue, the scheduler on `control`.
    private static func scheduler(
        config: ServiceConfig, layout: SpoolLayout, tree: SpoolTree, pipeline: NoticePipeline, store: StoreHandle,
        control: DispatchQueue, logger: Logger, counters: SharedCounters, storeAway: Bool
    ) -> Scheduler {
        let settings = RunSettings(.init(layout: layout, pipeline: pipeline, after: config.after))
        let journal = FileJournal(logger: logger, settings: settings)
        let disposal = Disposal(tree: tree, settings: settings, journal: journal, counters: counters)
        // A second's commits per index transaction (up to `NoticeStore.indexBatch`): fewer FTS5
        // segments to merge than a quarter second's (drain of 10,000 files 1,147 → 1,227 files/s,
        // p99 unchanged); searches meanwhile read at most that second's documents directly.
        let committer = Committer(
            store: store, disposal: disposal, counters: counters, batch: config.batch, indexDelay: .milliseconds(1000))
        if storeAway { committer.storeWasAway() }
        committer.indexLeftovers()
        return Scheduler(
            config: config, settings: settings, tree: tree, committer: committer, control: control, logger: logger,
            counters: counters)
    }

    private func installSignals() {
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: control)
            source.setEventHandler { [unowned self] in
                if sig == SIGHUP { reload() } else { stop(signal: sig) }
            }
            source.resume()
            sources.append(source)
        }
    }

    private func installTimers() {
        let status = DispatchSource.makeTimerSource(queue: control)
        status.schedule(deadline: .now() + 1, repeating: 1)
        status.setEventHandler { [unowned self] in
            if lifecycle.phase == .running, let lost = tree?.lostArea() {
                fail("\(config.spool)/\(lost) was deleted, moved or replaced")
            }
            scheduler?.enforceBudget()
            publish(force: false)
        }
        status.resume()
        sources.append(status)
        if let interval = notifier.watchdogInterval {
            let watchdog = DispatchSource.makeTimerSource(queue: control)
            watchdog.schedule(deadline: .now() + interval, repeating: interval)
            watchdog.setEventHandler { [unowned self] in
                // Fed only if the writer answers too: a hung store stops the pings.
                scheduler?.ping { [notifier] in notifier.watchdog() }
            }
            watchdog.resume()
            sources.append(watchdog)
        }
    }

    /// STATUS= and the state file, when the counters changed (or forced).
    private func publish(force: Bool) {
        let snapshot = counters.snapshot
        let line = snapshot.status
        guard force || line != lastPublished else { return }
        lastPublished = line
        if lifecycle.phase == .running { notifier.status(line) }
        stateFile.write(.init(phase: lifecycle.phase, counters: snapshot, started: started))
    }

    private func reload() {
        guard lifecycle.phase == .running, move(to: .reloading) else { return }
        notifier.reloading()
        do {
            let fresh = try source.load()
            let pipeline = try NoticePipeline.loading(rulesFile: fresh.rules, maxBytes: fresh.maxFileSize)
            if fresh.spool != config.spool || fresh.database != config.database {
                logger.warning(
                    "the spool and the database change only at a restart; keeping \(config.spool) and \(config.database)"
                )
            }
            var kept = fresh
            kept.spool = config.spool
            kept.database = config.database
            config = kept
            let layout = SpoolLayout(root: config.spool, ignoreGlobs: config.ignore)
            scheduler?.reconfigure(pipeline: pipeline, layout: layout, after: config.after)
            watcher?.reconfigure(layout: layout, settleDelay: config.settleDelay)
            logger.notice(
                "reloaded: \(pipeline.tagger.rules.rules.count) tag rules\(config.rules.map { " (with \($0))" } ?? ""), after=\(config.after.rawValue)",
                metadata: .event(.reloaded))
        } catch {
            logger.error(
                "reload refused, keeping the running configuration: \(error)",
                metadata: .event(.reloaded, [.error: "config"]))
        }
        move(to: .running)
        notifier.ready(status: counters.snapshot.status)
    }

    private func stop(signal: Int32) {
        guard lifecycle.phase == .running || lifecycle.phase == .reloading else { return }
        let deadline = ContinuousClock.now + drainDeadline
        guard move(to: .stopping(signal: signal, deadline: deadline)) else { return }
        notifier.stopping()
        let queued = counters.snapshot.queued
        logger.notice(
            "stopping on \(signal == SIGTERM ? "SIGTERM" : "SIGINT"): finishing \(queued) file(s) in flight; the rest stay in incoming/",
            metadata: .event(.stopping))
        watcher?.stop()
        control.asyncAfter(deadline: .now() + .seconds(Int(drainDeadline.components.seconds))) { [unowned self] in
            guard case .stopping = lifecycle.state else { return }
            let left = counters.snapshot.queued
            logger.error(
                "the drain's deadline of \(drainDeadline) passed with \(left) file(s) still in flight; they stay in incoming/ and are taken at the next start",
                metadata: .event(.stopping, [.error: "drain-deadline"]))
            finish()
        }
        scheduler?.drain { [unowned self] in finish() }
    }

    /// The end of a stop: the summary, the state file, exit 0.
    private func finish() -> Never {
        move(to: .stopped)
        let c = counters.snapshot
        logger.notice(
            "noticed stopped: ingested \(c.ingested), duplicates \(c.duplicates), failed \(c.failed), retries \(c.retries)",
            metadata: .event(.summary))
        stateFile.write(.init(phase: .stopped, counters: c, started: started))
        exit(0)
    }

    private func fail(_ reason: String) -> Never {
        move(to: .failed(reason: reason))
        logger.critical("\(reason); exiting", metadata: .event(.fatal, [.error: "fatal"]))
        stateFile.write(.init(phase: .failed, counters: counters.snapshot, started: started))
        exit(1)
    }

    /// Moves the lifecycle on; a move it refuses is logged and changes nothing.
    @discardableResult
    private func move(to next: Lifecycle.State) -> Bool {
        do {
            try lifecycle.move(to: next)
            return true
        } catch {
            logger.error("\(error); ignored")
            return false
        }
    }
}
