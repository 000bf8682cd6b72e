import Dispatch
import Foundation
import Logging

/// Watches `incoming/` and every folder under it with inotify and offers what is ready.
///
/// Promises (DESIGN §3): watches are set before the start-up scan, so nothing dropped
/// during the scan is missed; a file closed after writing (IN_CLOSE_WRITE) or renamed in
/// (IN_MOVED_TO) is offered at once; a file found by a scan, or linked in without a
/// close, is offered once its size and mtime stay unchanged for the settle delay; new
/// folders are watched and scanned; IN_Q_OVERFLOW rescans everything; symlinks, FIFOs
/// and devices are offered at once (the worker quarantines them without reading);
/// names that are not UTF-8 are renamed to a `%XX`-escaped name first. If `incoming/`
/// itself is deleted or moved, `onLost` is called.
///
/// Backpressure: the watcher never holds more paths than the ingestor has room for. When
/// an offer is refused, or a scan finds more files than there is room, it only notes that
/// it is behind; `refill(room:)` (called by the ingestor as its waiting list empties)
/// rescans then, taking the next files that are not yet known. A backlog of 100,000 files
/// is walked in slices, never listed into memory at once.
///
/// All state is confined to the `control` queue.
final class SpoolWatcher: @unchecked Sendable {
    private let control: DispatchQueue
    private let inotify: Inotify
    private var source: (any DispatchSourceRead)?
    private var directories: [Int32: String] = [:]  // watch → relative folder ("" is incoming/)
    private var settling: [String: (size: Int, mtime: Int)] = [:]
    private var settleTimerArmed = false
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

    private static let mask: Inotify.Mask = [
        .closeWrite, .movedTo, .create, .deleteSelf, .moveSelf, .unmount,
    ]

    init(
        layout: SpoolLayout, settleDelay: Double, control: DispatchQueue, logger: Logger,
        offer: @escaping (String) -> Bool, isKnown: @escaping (String) -> Bool, room: @escaping () -> Int,
        onLost: @escaping (String) -> Void
    ) throws(SystemError) {
        self.layout = layout
        self.settleDelay = settleDelay
        self.control = control
        self.logger = logger
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
        let wd = try inotify.watch(layout.incoming, Self.mask)
        directories[wd] = ""
        rescan()
    }

    /// Called by the ingestor when its waiting list has room: rescans if files were left behind
    /// and at least half of the room is not already taken by files settling.
    func refill(room: Int) {
        guard behind, !rescanning, settling.count * 2 <= room else { return }
        rescan()
    }

    /// The whole spool, within the room the ingestor has now.
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

    // MARK: scanning

    /// Watches `relative` and its subfolders and puts every file under them up to settle.
    private func scan(_ relative: String) {
        let dir = relative.isEmpty ? layout.incoming : layout.path(relative)
        if !relative.isEmpty {
            do {
                let wd = try inotify.watch(dir, Self.mask)
                directories[wd] = relative
            } catch {
                if error.errno != ENOENT && error.errno != ENOTDIR {
                    logger.error("cannot watch \(layout.display(relative)): \(error)")
                }
                return
            }
        }
        var folders: [String] = []
        do {
            try Directory.each(dir) { entry in
                guard let name = usableName(entry.name, in: relative) else { return }
                if layout.isIgnored(name: name) { return }
                let child = relative.isEmpty ? name : relative + "/" + name
                if entry.kind == .directory {
                    folders.append(child)
                    return
                }
                guard !isKnown(child), settling[child] == nil else { return }
                guard budget > 0 else {
                    behind = true
                    return
                }
                budget -= 1
                if entry.kind == .regular { settle(child) } else { take(child) }
            }
        } catch {
            if error.errno != ENOENT { logger.error("cannot list \(layout.display(relative)): \(error)") }
            return
        }
        // Folders are always walked (their watches must be set) even when no file fits.
        for folder in folders { scan(folder) }
    }

    /// A name as a String; a name that is not UTF-8 is renamed to its escaped form first
    /// (the rename comes back as IN_MOVED_TO), so every later step works on valid paths.
    private func usableName(_ raw: [UInt8], in relative: String) -> String? {
        if let name = String(validating: raw, as: UTF8.self) { return name }
        let repaired = Directory.repairedName(raw)
        let dir = relative.isEmpty ? layout.incoming : layout.path(relative)
        let target = dir + "/" + repaired
        guard Directory.kind(of: target) == nil else { return nil }
        do {
            try Directory.rename(directory: dir, rawName: raw, to: target)
            logger.warning(
                "a file name in \(layout.display(relative)) was not UTF-8; renamed to \(repaired)",
                metadata: ["NOTICE_FILE": "\(layout.display(relative.isEmpty ? repaired : relative + "/" + repaired))"])
        } catch {
            logger.error("cannot rename a file whose name is not UTF-8 in \(layout.display(relative)): \(error)")
        }
        return nil
    }

    private func settle(_ relative: String) {
        guard let signature = Directory.signature(of: layout.path(relative)) else { return }
        if settleDelay <= 0 {
            take(relative)
        } else {
            settling[relative] = signature
        }
    }

    private func armSettleTimer() {
        guard !settling.isEmpty, !settleTimerArmed else { return }
        settleTimerArmed = true
        control.asyncAfter(deadline: .now() + settleDelay) { [weak self] in self?.checkSettled() }
    }

    /// Offers what kept its size and mtime; forgets what vanished; waits again for the rest.
    private func checkSettled() {
        settleTimerArmed = false
        for (relative, seen) in settling {
            guard let now = Directory.signature(of: layout.path(relative)) else {
                settling[relative] = nil
                continue
            }
            if now == seen {
                settling[relative] = nil
                take(relative)
            } else {
                settling[relative] = now
            }
        }
        armSettleTimer()
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
        guard let name = usableName(event.name, in: folder), !layout.isIgnored(name: name) else { return }
        let relative = folder.isEmpty ? name : folder + "/" + name
        if event.mask.contains(.isDirectory) {
            if event.mask.contains(.create) || event.mask.contains(.movedTo) {
                budget = max(room() - settling.count, 0)
                scan(relative)
                budget = Int.max
            }
            return
        }
        if event.mask.contains(.closeWrite) || event.mask.contains(.movedTo) {
            settling[relative] = nil
            take(relative)
        } else if event.mask.contains(.create), Directory.kind(of: layout.path(relative)) == .other {
            // Created without a write to close: a symlink, a FIFO, a device. Offered at once;
            // the worker moves it to failed/ without opening it. (A regular file is taken at
            // IN_CLOSE_WRITE, never while its writer may still pause between chunks.)
            take(relative)
        }
    }
}
