import Dispatch
import Foundation
import Logging
import Pipeline
import Store

/// `noticed serve`: wires the spool watcher, the ingestor, signals, sd_notify and the
/// watchdog together, and owns the lifecycle.
///
/// Promises: READY=1 only after the watches are set and the start-up scan is queued;
/// SIGHUP reloads the config file and the rules without dropping work (a bad rules file
/// is reported and the old rules stay); SIGTERM/SIGINT stop taking files, commit what is
/// in flight and exit 0; a vanished spool exits 1 (systemd restarts us); the watchdog is
/// fed only while the control queue and the writer both answer.
final class Service: @unchecked Sendable {
    private let control = DispatchQueue(label: "noticed.control", qos: .userInitiated)
    private let options: ServiceOptions
    private var config: ServiceConfig
    private let logger: Logger
    private let notifier = SystemdNotifier()
    private let counters = SharedCounters()
    private var state = Lifecycle.starting
    private var ingestor: Ingestor?
    private var tree: SpoolTree?
    private var watcher: SpoolWatcher?
    private var sources: [any DispatchSourceProtocol] = []
    private let stateFile: StateFile
    private let started = Date().formatted(Date.ISO8601FormatStyle())
    private var lastPublished = ""

    init(options: ServiceOptions, config: ServiceConfig, logger: Logger) {
        self.options = options
        self.config = config
        self.logger = logger
        self.stateFile = StateFile(database: config.database)
    }

    /// Starts everything on the control queue; never returns.
    func run() -> Never {
        control.async { self.start() }
        dispatchMain()
    }

    private func start() {
        Lease.ignoreBreaks()
        logger.notice(
            "noticed starting: spool \(config.spool), store \(config.database), after=\(config.after.rawValue)",
            metadata: ["NOTICE_EVENT": "started", "MESSAGE_ID": "\(NoticeEvent.started.messageID)"])
        let layout = SpoolLayout(root: config.spool, ignoreGlobs: config.ignore)
        let store = StoreHandle { [database = config.database] () throws(StoreError) in
            try NoticeStore(path: database, cacheMiB: 8, mapped: false)
        }
        let pipeline: NoticePipeline
        let tree: SpoolTree
        do {
            tree = try SpoolTree(root: layout.root)
            if let waiting = try store.prepare() {
                logger.error(
                    "\(waiting); files wait in incoming/ and the store is tried again with each retry",
                    metadata: [
                        "NOTICE_EVENT": "retry", "MESSAGE_ID": "\(NoticeEvent.retry.messageID)",
                        "NOTICE_STAGE": "persist", "NOTICE_ERROR": "storage",
                    ])
            }
            pipeline = try ServiceOptions.pipeline(config)
        } catch {
            fail("cannot start: \(error)")
        }
        let ingestor = Ingestor(
            config: config, layout: layout, tree: tree, pipeline: pipeline, store: store, control: control,
            logger: logger, counters: counters)
        self.ingestor = ingestor
        self.tree = tree
        ingestor.inflight = openInFlightRecord(tree: tree, layout: layout)
        ingestor.indexLeftovers()
        do {
            let watcher = try SpoolWatcher(
                layout: layout, tree: tree, settleDelay: config.settleDelay, control: control, logger: logger,
                counters: counters, offer: { ingestor.offer($0) }, isKnown: { ingestor.isKnown($0) },
                room: { ingestor.room },
                onLost: { [unowned self] reason in self.fail(reason) })
            self.watcher = watcher
            ingestor.onRoom = { [weak watcher] room in watcher?.refill(room: room) }
            ingestor.onBusy = { [weak watcher] relative in watcher?.resettle(relative) }
            try watcher.start()
        } catch {
            fail("cannot watch \(layout.incoming): \(error)")
        }
        installSignals()
        installTimers()
        state = .running
        let snapshot = counters.snapshot
        notifier.ready(status: "watching \(layout.incoming); \(snapshot.status)")
        logger.notice(
            "noticed ready: watching \(layout.incoming) (\(watcher?.watchCount ?? 0) folders), \(snapshot.queued) file(s) queued by the start-up scan",
            metadata: ["NOTICE_EVENT": "ready", "MESSAGE_ID": "\(NoticeEvent.ready.messageID)"])
        publish(force: true)
    }

    /// Opens the in-flight record; the files that were with a worker when the previous run
    /// crashed or hung get a strike, and a file with two is quarantined now, before the scan
    /// could take it a third time.
    private func openInFlightRecord(tree: SpoolTree, layout: SpoolLayout) -> InFlightRecord? {
        let record: InFlightRecord
        do {
            record = try InFlightRecord(path: config.database + ".inflight")
        } catch {
            logger.warning("cannot keep the in-flight record (a crash is not pinned on its file): \(error)")
            return nil
        }
        var poison = PoisonList(database: config.database)
        let condemned = Set(poison.strike(record.previous))
        for relative in record.previous where !condemned.contains(relative) {
            logger.warning(
                "the previous run crashed or hung while \(layout.display(relative)) was with a worker; it is taken once more, and quarantined if it happens again"
            )
        }
        let stamp = Date().formatted(Date.ISO8601FormatStyle())
        for relative in condemned.sorted() {
            let file = layout.display(relative)
            let error = PipelineError(
                file: file, stage: .claim, code: .poison,
                message: "the daemon crashed or hung twice while this file was with a worker; it is not taken again")
            let place: String
            do {
                place = try tree.quarantine(
                    relative, sidecar: SpoolLayout.sidecar(file: file, sha256: nil, error: error, at: stamp))
            } catch {
                place = "incoming/ (cannot move it: \(error))"
            }
            logger.error(
                "\(file): \(error.message); moved to \(place)",
                metadata: [
                    "NOTICE_EVENT": "failed", "MESSAGE_ID": "\(NoticeEvent.failed.messageID)", "NOTICE_FILE": "\(file)",
                    "NOTICE_STAGE": "claim", "NOTICE_ERROR": "poison",
                ])
        }
        poison.retain { relative in
            !condemned.contains(relative) && ((try? tree.status(relative)) ?? nil) != nil
        }
        poison.save()
        return record
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
            if state == .running, let lost = tree?.lostArea() {
                fail("\(config.spool)/\(lost) was deleted, moved or replaced")
            }
            ingestor?.enforceBudget()
            publish(force: false)
        }
        status.resume()
        sources.append(status)
        if let interval = notifier.watchdogInterval {
            let watchdog = DispatchSource.makeTimerSource(queue: control)
            watchdog.schedule(deadline: .now() + interval, repeating: interval)
            watchdog.setEventHandler { [unowned self] in
                // Fed only if the writer answers too: a hung store stops the pings.
                ingestor?.ping { [notifier] in notifier.watchdog() }
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
        if state == .running { notifier.status(line) }
        stateFile.write(state: state, counters: snapshot, started: started)
    }

    private func reload() {
        guard state == .running else { return }
        state = .reloading
        notifier.reloading()
        do {
            let fresh = try options.resolve()
            let pipeline = try ServiceOptions.pipeline(fresh)
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
            ingestor?.reconfigure(pipeline: pipeline, layout: layout, after: config.after)
            watcher?.reconfigure(layout: layout, settleDelay: config.settleDelay)
            logger.notice(
                "reloaded: \(pipeline.tagger.rules.rules.count) tag rules\(config.rules.map { " (with \($0))" } ?? ""), after=\(config.after.rawValue)",
                metadata: ["NOTICE_EVENT": "reloaded", "MESSAGE_ID": "\(NoticeEvent.reloaded.messageID)"])
        } catch {
            logger.error(
                "reload refused, keeping the running configuration: \(error)",
                metadata: [
                    "NOTICE_EVENT": "reloaded", "MESSAGE_ID": "\(NoticeEvent.reloaded.messageID)",
                    "NOTICE_ERROR": "config",
                ])
        }
        state = .running
        notifier.ready(status: counters.snapshot.status)
    }

    private func stop(signal: Int32) {
        guard state == .running || state == .reloading else { return }
        state = .stopping
        notifier.stopping()
        let queued = counters.snapshot.queued
        logger.notice(
            "stopping on \(signal == SIGTERM ? "SIGTERM" : "SIGINT"): finishing \(queued) file(s) in flight; the rest stay in incoming/",
            metadata: ["NOTICE_EVENT": "stopping", "MESSAGE_ID": "\(NoticeEvent.stopping.messageID)"])
        watcher?.stop()
        ingestor?.drain { [unowned self] in
            state = .stopped
            let c = counters.snapshot
            logger.notice(
                "noticed stopped: ingested \(c.ingested), duplicates \(c.duplicates), failed \(c.failed), retries \(c.retries)",
                metadata: ["NOTICE_EVENT": "summary", "MESSAGE_ID": "\(NoticeEvent.summary.messageID)"])
            stateFile.write(state: .stopped, counters: c, started: started)
            exit(0)
        }
    }

    private func fail(_ reason: String) -> Never {
        state = .failed
        logger.critical(
            "\(reason); exiting",
            metadata: [
                "NOTICE_EVENT": "stopping", "MESSAGE_ID": "\(NoticeEvent.fatal.messageID)", "NOTICE_ERROR": "fatal",
            ])
        stateFile.write(state: .failed, counters: counters.snapshot, started: started)
        exit(1)
    }
}
