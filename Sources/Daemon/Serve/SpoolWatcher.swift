import Dispatch
import Foundation
import Logging

/// Watches `incoming/` and every folder under it with inotify and offers what is ready.
///
/// Promises (DESIGN §3):
/// - watches are set before the start-up scan, so nothing dropped during the scan is missed;
///   each folder is opened through `SpoolTree` (never through a symlink) and watched by its
///   descriptor;
/// - ignored names (hidden, partial, editor files, configured globs) are left alone
///   entirely: no rename, no settling, until they are renamed to a name that is not ignored;
/// - a file renamed in (IN_MOVED_TO) is offered at once; a file closed after writing
///   (IN_CLOSE_WRITE) once it has stayed unchanged for a short quiet time, so an appender's
///   next `>>` joins the same document; a file found by a scan or created without a close
///   (a hard link, a writer still running) once its size and mtime stay unchanged for the
///   settle delay; the worker's read lease then refuses a file still open for writing, and
///   such a file comes back here (`resettle`);
/// - a file name that is not UTF-8 is renamed to its `%XX`-escaped form only once the file
///   is settled and about to be taken (collision-proof, logged);
/// - new folders are watched and scanned; IN_Q_OVERFLOW rescans everything; symlinks,
///   FIFOs and devices are offered at once (the worker quarantines them without reading);
/// - a folder inotify cannot watch (watches exhausted) is logged once with the sysctl to
///   raise and then scanned periodically, so nothing stays unread; removed folders lose
///   their watches. If `incoming/` itself is deleted or moved, `onLost` is called.
///
/// Backpressure: the watcher never holds more paths than the scheduler has room for. When
/// an offer is refused, or a scan finds more files than there is room, it only notes that
/// it is behind; `refill(room:)` (called by the scheduler as its waiting list empties)
/// rescans then, taking the next files that are not yet known. A backlog of 100,000 files
/// is walked in slices, never listed into memory at once.
///
/// All state is confined to the `control` queue.
final class SpoolWatcher: @unchecked Sendable {
    private let control: DispatchQueue
    private let inotify: Inotify
    private let tree: SpoolTree
    private var source: (any DispatchSourceRead)?
    private var directories: [Int32: String] = [:]  // watch → relative folder ("" is incoming/)
    /// Folders inotify could not watch: scanned every `pollInterval` instead.
    private var unwatched = Set<String>()
    private var warnedWatches = false
    private var pollTimerArmed = false

    /// Files waiting to be taken (see `Settling`).
    private var settling = Settling()
    private var settleTimerDue: UInt64?
    /// Files were left in `incoming/` for lack of room: rescan when there is room.
    private var behind = false
    /// How many more files this scan may put up to settle or offer.
    private var budget = Int.max
    private var rescanning = false
    private var layout: SpoolLayout
    private var settleDelay: Double
    private let offer: (String) -> Bool
    private let isKnown: (String) -> Bool
    private let room: () -> Int
    private let onLost: (String) -> Void
    private let logger: Logger
    let counters: SharedCounters

    private static let mask: Inotify.Mask = [
        .closeWrite, .movedTo, .create, .deleteSelf, .moveSelf, .unmount,
    ]

    /// How long a closed file must stay unchanged: long enough for a shell's next `>>`.
    private var quiet: Double { min(settleDelay, 0.2) }
    private var pollInterval: Double { max(settleDelay, 2) }

    init(
        layout: SpoolLayout, tree: SpoolTree, settleDelay: Double, control: DispatchQueue, logger: Logger,
        counters: SharedCounters,
        offer: @escaping (String) -> Bool, isKnown: @escaping (String) -> Bool, room: @escaping () -> Int,
        onLost: @escaping (String) -> Void
    ) throws(SystemError) {
        self.layout = layout
        self.tree = tree
        self.settleDelay = settleDelay
        self.control = control
        self.logger = logger
        self.counters = counters
        self.offer = offer
        self.isKnown = isKnown
        self.room = room
        self.onLost = onLost
        inotify = try Inotify()
    }

    /// Sets the watches, then scans what is already there.
    func start() throws(SystemError) {
        dispatchPrecondition(condition: .onQueue(control))
        let source = DispatchSource.makeReadSource(fileDescriptor: inotify.fd, queue: control)
        source.setEventHandler { [weak self] in self?.readEvents() }
        source.resume()
        self.source = source
        // The root must be watchable: that is the one error that stops the start.
        let root = try tree.folder(.incoming, [String]())
        let wd = try inotify.watch(folder: root.fd, Self.mask)
        directories[wd] = ""
        rescan()
    }

    /// Called by the scheduler when its waiting list has room: rescans if files were left behind
    /// and at least half of the room is not already taken by files settling.
    func refill(room: Int) {
        guard behind, !rescanning, settling.count * 2 <= room else { return }
        rescan()
    }

    /// A file the worker found still being written: settle it again.
    func resettle(_ relative: String) {
        dispatchPrecondition(condition: .onQueue(control))
        pend(relative, wait: max(quiet, 0.1), raw: nil)
        armSettleTimer()
    }

    /// The whole spool, within the room the scheduler has now.
    private func rescan() {
        rescanning = true
        defer { rescanning = false }
        behind = false
        budget = max(room() - settling.count, 0)
        scan("")
        budget = Int.max
        armSettleTimer()
    }

    private func take(_ relative: String) {
        if !offer(relative) { behind = true }
    }

    func stop() {
        source?.cancel()
        source = nil
    }

    func reconfigure(layout: SpoolLayout, settleDelay: Double) {
        self.layout = layout
        self.settleDelay = settleDelay
    }

    var watchCount: Int { directories.count }

    private static func components(_ relative: String) -> [String] {
        relative.split(separator: "/").map(String.init)
    }

    // MARK: scanning

    /// Watches `relative` and its subfolders and puts every file under them up to settle.
    private func scan(_ relative: String) {
        let components = Self.components(relative)
        if !relative.isEmpty { watch(relative) }
        var folders: [String] = []
        do {
            try tree.each(components) { entry in
                let lossy = String(decoding: entry.name, as: UTF8.self)
                if layout.isIgnored(name: lossy) { return }
                guard let name = String(validating: entry.name, as: UTF8.self) else {
                    if entry.kind == .regular { pendRaw(folder: components, raw: entry.name, wait: settleDelay) }
                    return
                }
                let child = relative.isEmpty ? name : relative + "/" + name
                if entry.kind == .directory {
                    folders.append(child)
                    return
                }
                guard !isKnown(child), !settling.contains(child) else { return }
                guard budget > 0 else {
                    behind = true
                    return
                }
                budget -= 1
                if entry.kind == .regular {
                    if settleDelay <= 0 { take(child) } else { pend(child, wait: settleDelay, raw: nil) }
                } else {
                    take(child)
                }
            }
        } catch {
            if error.errno == ENOENT || SpoolTree.escapes(error) {
                unwatched.remove(relative)
                publishUnwatched()
            } else {
                logger.error("cannot list \(layout.display(relative)): \(error)")
            }
            return
        }
        // Folders are always walked (their watches must be set) even when no file fits.
        for folder in folders { scan(folder) }
    }

    /// Sets a watch on a folder; when inotify has no watch left, the folder is scanned periodically.
    private func watch(_ relative: String) {
        do {
            let folder = try tree.folder(.incoming, Self.components(relative))
            let wd = try inotify.watch(folder: folder.fd, Self.mask)
            directories[wd] = relative
            if unwatched.remove(relative) != nil { publishUnwatched() }
        } catch {
            if error.errno == ENOENT || SpoolTree.escapes(error) { return }
            if unwatched.insert(relative).inserted { publishUnwatched() }
            if !warnedWatches {
                warnedWatches = true
                logger.warning(
                    """
                    cannot watch \(layout.display(relative)): \(error); the folders inotify cannot watch are scanned \
                    every \(Int(pollInterval)) s instead (raise the limit: sysctl fs.inotify.max_user_watches=524288)
                    """)
            }
            armPollTimer()
        }
    }

    private func publishUnwatched() {
        counters.update { [n = unwatched.count] in $0.unwatched = n }
    }

    private func armPollTimer() {
        guard !pollTimerArmed, !unwatched.isEmpty else { return }
        pollTimerArmed = true
        control.asyncAfter(deadline: .now() + pollInterval) { [weak self] in self?.poll() }
    }

    /// Scans the folders without a watch (trying to watch them again first).
    private func poll() {
        pollTimerArmed = false
        budget = max(room() - settling.count, 0)
        for folder in unwatched.sorted() { scan(folder) }
        budget = Int.max
        armSettleTimer()
        armPollTimer()
    }

    // MARK: settling

    private func pend(_ relative: String, wait: Double, raw: RawName?) {
        settling.put(
            relative, signature: status(relative, raw: raw).map(FileSignature.init), wait: wait, raw: raw,
            now: DispatchTime.now().uptimeNanoseconds)
    }

    /// `lstat` of a file under `incoming/`, by its name or its raw bytes; nil when gone or unreachable.
    private func status(_ relative: String, raw: RawName?) -> stat? {
        guard let raw else { return (try? tree.status(relative)) ?? nil }
        guard let folder = try? tree.folder(.incoming, raw.folder) else { return nil }
        return SpoolTree.status(in: folder, raw: raw.name)
    }

    /// A file whose name is not UTF-8, put up to settle under its escaped name.
    private func pendRaw(folder: [String], raw: [UInt8], wait: Double) {
        let escaped = (folder + [Directory.repairedName(raw)]).joined(separator: "/")
        guard !settling.contains(escaped) else { return }
        pend(escaped, wait: wait, raw: RawName(folder: folder, name: raw))
    }

    private func armSettleTimer() {
        guard let due = settling.nextDue else { return }
        if let armed = settleTimerDue, armed <= due { return }
        settleTimerDue = due
        let now = DispatchTime.now().uptimeNanoseconds
        let delay = due > now ? Double(due - now) / 1e9 : 0
        control.asyncAfter(deadline: .now() + delay) { [weak self] in
            guard let self, self.settleTimerDue == due else { return }
            self.settleTimerDue = nil
            self.checkSettled()
        }
    }

    /// Takes what kept its signature for its wait; forgets what vanished; waits again for the rest.
    private func checkSettled() {
        let ready = settling.settled(at: DispatchTime.now().uptimeNanoseconds) { relative, raw in
            status(relative, raw: raw).map(FileSignature.init)
        }
        for (relative, raw) in ready {
            if let raw { claimRaw(raw) } else { take(relative) }
        }
        armSettleTimer()
    }

    /// Gives a settled file with a non-UTF-8 name its escaped name, then offers it.
    private func claimRaw(_ raw: RawName) {
        let shown = layout.display((raw.folder + [Directory.repairedName(raw.name)]).joined(separator: "/"))
        do {
            let name = try tree.escapeName(in: raw.folder, raw: raw.name)
            let relative = (raw.folder + [name]).joined(separator: "/")
            logger.warning(
                "a file name in \(layout.display(raw.folder.joined(separator: "/"))) was not UTF-8; renamed to \(name)",
                metadata: [NoticeField.file.rawValue: "\(layout.display(relative))"])
            take(relative)
        } catch {
            logger.error("cannot rename \(shown), whose name is not UTF-8: \(error)")
        }
    }

    // MARK: events

    private func readEvents() {
        let events: [Inotify.Event]
        do {
            events = try inotify.read()
        } catch {
            logger.error("cannot read spool events: \(error); rescanning")
            rescan()
            return
        }
        for event in events { handle(event) }
        armSettleTimer()
    }

    private func handle(_ event: Inotify.Event) {
        if event.mask.contains(.overflow) {
            logger.warning("the kernel's event queue overflowed; rescanning the spool")
            rescan()
            return
        }
        guard let folder = directories[event.watch] else { return }
        if event.mask.contains(.ignored) {
            directories[event.watch] = nil
            return
        }
        if event.mask.contains(.deleteSelf) || event.mask.contains(.moveSelf) || event.mask.contains(.unmount) {
            if folder.isEmpty {
                onLost("\(layout.incoming) was deleted, moved or unmounted")
            } else {
                inotify.unwatch(event.watch)
                directories[event.watch] = nil
            }
            return
        }
        if layout.isIgnored(name: String(decoding: event.name, as: UTF8.self)) { return }
        guard let name = String(validating: event.name, as: UTF8.self) else {
            // Renamed only once settled: a writer may still be writing it under this name.
            if !event.mask.contains(.isDirectory) {
                pendRaw(folder: Self.components(folder), raw: event.name, wait: quiet)
            }
            return
        }
        let relative = folder.isEmpty ? name : folder + "/" + name
        if event.mask.contains(.isDirectory) {
            if event.mask.contains(.create) || event.mask.contains(.movedTo) {
                budget = max(room() - settling.count, 0)
                scan(relative)
                budget = Int.max
            }
            return
        }
        guard !isKnown(relative) else { return }
        if event.mask.contains(.movedTo) {
            settling.forget(relative)
            take(relative)
        } else if event.mask.contains(.closeWrite) {
            // Closed: taken once it stays quiet a moment (an appender's next `>>` joins in).
            if quiet <= 0 {
                take(relative)
            } else if settling.count >= max(room(), 1) {
                behind = true  // found again by the rescan when there is room
            } else {
                pend(relative, wait: quiet, raw: nil)
            }
        } else if event.mask.contains(.create) {
            switch ((try? tree.status(relative)) ?? nil).map({ Directory.Kind($0.st_mode) }) {
            case .other?:
                // A symlink, a FIFO, a device: offered at once; the worker moves it to failed/ unopened.
                take(relative)
            case .regular?:
                // Created: a writer is on it (its close comes as IN_CLOSE_WRITE), or it was
                // linked in (no close will come): settled like a file found by a scan.
                if !settling.contains(relative) { pend(relative, wait: max(settleDelay, quiet), raw: nil) }
            default: break
            }
        }
    }
}
