import Pipeline

#if canImport(Glibc)
    import Glibc
#endif

/// Every file operation the daemon makes in its spool, relative to descriptors it holds
/// on the spool's state folders, so that nothing outside the spool is ever opened,
/// listed, renamed or deleted, whatever a writer swaps in beneath it.
///
/// Promises:
/// - each folder on a path is opened from its parent's descriptor with
///   `O_DIRECTORY | O_NOFOLLOW`, one component at a time (no path is resolved by the
///   kernel from a name), so a folder replaced by a symlink stops the walk with
///   `ELOOP`/`ENOTDIR`, reported as `SpoolTree.escapes(_:)`;
/// - files are read (`openat` with `O_NOFOLLOW`), renamed (`renameat`) and unlinked
///   (`unlinkat`) relative to the checked folder's descriptor;
/// - a symlink met on the way is itself moved to `failed/`, never what it points to.
///
/// The spool root itself is the operator's configured path and is trusted.
struct SpoolTree: Sendable {
    enum Area: Sendable {
        case incoming, done, failed
        var name: String {
            switch self {
            case .incoming: "incoming"
            case .done: "done"
            case .failed: "failed"
            }
        }
    }

    let root: String
    private let top: FolderHandle
    private let areas: [FolderHandle]

    /// Opens the spool root and its three state folders (creating them when missing).
    init(root: String) throws(SystemError) {
        self.root = root
        let top = try Syscall.retrying("open", path: root) {
            open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        let rootHandle = FolderHandle(top)
        var areas: [FolderHandle] = []
        for area in [Area.incoming, .done, .failed] {
            areas.append(try Self.child(rootHandle, area.name, create: true, display: area.name))
        }
        self.areas = areas
        self.top = rootHandle
    }

    /// The state folder, if one of the three was deleted, moved away or replaced since the
    /// tree was opened (a folder held open sends no IN_DELETE_SELF until it is closed, so
    /// the service asks this every second).
    func lostArea() -> String? {
        for area in [Area.incoming, .done, .failed] {
            var held = stat()
            var named = stat()
            guard fstat(handle(area).fd, &held) == 0, held.st_nlink > 0,
                fstatat(top.fd, area.name, &named, AT_SYMLINK_NOFOLLOW) == 0,
                named.st_ino == held.st_ino, named.st_dev == held.st_dev
            else { return area.name }
        }
        return nil
    }

    private func handle(_ area: Area) -> FolderHandle {
        switch area {
        case .incoming: areas[0]
        case .done: areas[1]
        case .failed: areas[2]
        }
    }

    /// True when a walk failed because a component was a symlink or not a folder.
    static func escapes(_ error: SystemError) -> Bool { error.errno == ELOOP || error.errno == ENOTDIR }

    /// What a failed walk to an input means for it: a path that leaves the spool, or an unreadable one.
    static func claimError(_ error: SystemError, file: String) -> PipelineError {
        guard escapes(error) else {
            return PipelineError(file: file, stage: .claim, code: .unreadable, message: "cannot be opened: \(error)")
        }
        return PipelineError(
            file: file, stage: .claim, code: .notRegularFile,
            message: "leaves the spool: a folder on its path (\(error.path ?? "?")) is a symbolic link or "
                + "not a folder; nothing outside the spool is opened")
    }

    /// The folder `components` under `area`, each opened from its parent without following a symlink.
    func folder(_ area: Area, _ components: some Collection<String>, create: Bool = false) throws(SystemError)
        -> FolderHandle
    {
        var current = handle(area)
        var shown = area.name
        for component in components {
            shown += "/" + component
            current = try Self.child(current, component, create: create, display: shown)
        }
        return current
    }

    private static func child(_ parent: FolderHandle, _ name: String, create: Bool, display: String)
        throws(SystemError) -> FolderHandle
    {
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        var fd = openat(parent.fd, name, flags)
        if fd < 0, errno == ENOENT, create {
            if mkdirat(parent.fd, name, 0o750) != 0, errno != EEXIST {
                throw SystemError(call: "mkdir", errno: errno, path: display)
            }
            fd = openat(parent.fd, name, flags)
        }
        while fd < 0, errno == EINTR { fd = openat(parent.fd, name, flags) }
        guard fd >= 0 else { throw SystemError(call: "open", errno: errno, path: display) }
        return FolderHandle(fd)
    }

    /// A relative path's folders and last name: "a/b/c.txt" → (["a", "b"], "c.txt").
    static func split(_ relative: String) -> (folders: [String], name: String) {
        var parts = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let name = parts.popLast() ?? ""
        return (parts, name)
    }

    // MARK: looking

    /// `lstat` of an entry under `incoming/`; nil when it (or a folder on its way) is gone.
    /// A folder on the way that is a symlink throws.
    func status(_ relative: String) throws(SystemError) -> stat? {
        let (folders, name) = Self.split(relative)
        let parent: FolderHandle
        do {
            parent = try folder(.incoming, folders)
        } catch {
            if error.errno == ENOENT { return nil }
            throw error
        }
        return Self.status(in: parent, name)
    }

    static func status(in parent: FolderHandle, _ name: String) -> stat? {
        var info = stat()
        guard fstatat(parent.fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return info
    }

    static func status(in parent: FolderHandle, raw name: [UInt8]) -> stat? {
        var info = stat()
        let rc = withCName(name) { fstatat(parent.fd, $0, &info, AT_SYMLINK_NOFOLLOW) }
        return rc == 0 ? info : nil
    }

    /// Calls `body` with each entry of the folder `components` under `incoming/` (without
    /// `.` and `..`); the kind comes from d_type, or `fstatat` without following.
    func each(_ components: [String], _ body: (Directory.Entry) -> Void) throws(SystemError) {
        let folder = try folder(.incoming, components)
        let fd = dup(folder.fd)
        guard fd >= 0, let dir = fdopendir(fd) else {
            let code = errno
            if fd >= 0 { close(fd) }
            throw SystemError(call: "opendir", errno: code, path: "incoming/" + components.joined(separator: "/"))
        }
        defer { closedir(dir) }
        rewinddir(dir)
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let kind: Directory.Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .regular
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_UNKNOWN):
                kind = Self.status(in: folder, raw: name).map { Directory.Kind($0.st_mode) } ?? .other
            default: kind = .other
            }
            body(Directory.Entry(name: name, kind: kind))
        }
    }

    // MARK: moving

    /// Moves an input to `done/DAY/…` under a free name (`x.txt`, `x.txt.1`, …, each
    /// shortened with a hash to fit NAME_MAX); returns where, relative to the spool root.
    func archive(_ relative: String, day: String) throws(SystemError) -> String {
        let (folders, name) = Self.split(relative)
        let source = try folder(.incoming, folders)
        let target = try folder(.done, [day] + folders, create: true)
        let free = Self.freeName(name, in: target, sidecar: false)
        try Self.rename(source, name, target, free, display: "incoming/" + relative)
        return (["done", day] + folders + [free]).joined(separator: "/")
    }

    /// Moves an input to `failed/…` beside its `NAME.error.json` sidecar; returns where,
    /// relative to the spool root. When a folder on the input's path is a symlink, that
    /// symlink (never its target) is what moves, with the sidecar beside it.
    func quarantine(_ relative: String, sidecar: [UInt8]) throws(SystemError) -> String {
        var (folders, name) = Self.split(relative)
        var source: FolderHandle
        do {
            source = try folder(.incoming, folders)
        } catch {
            guard Self.escapes(error) else { throw error }
            // Find the first component that is not a real folder: move it instead.
            var reached = handle(.incoming)
            var depth = 0
            while depth < folders.count {
                do {
                    reached = try Self.child(reached, folders[depth], create: false, display: folders[depth])
                } catch {
                    break
                }
                depth += 1
            }
            guard depth < folders.count else { throw error }
            name = folders[depth]
            folders = Array(folders[..<depth])
            source = reached
        }
        let target = try folder(.failed, folders, create: true)
        let free = Self.freeName(name, in: target, sidecar: true)
        try Self.writeAtomically(in: target, free + ".error.json", sidecar)
        try Self.rename(source, name, target, free, display: "incoming/" + relative)
        return (["failed"] + folders + [free]).joined(separator: "/")
    }

    /// Unlinks an input under `incoming/` (after = "delete").
    func remove(_ relative: String) throws(SystemError) {
        let (folders, name) = Self.split(relative)
        let parent = try folder(.incoming, folders)
        try Syscall.retrying("unlink", path: "incoming/" + relative) { unlinkat(parent.fd, name, 0) }
    }

    /// Gives a file whose name is not UTF-8 its `%XX`-escaped name, without ever replacing
    /// another file: a taken name gets a hash suffix, then a counter. Returns the new name.
    func escapeName(in components: [String], raw: [UInt8]) throws(SystemError) -> String {
        let parent = try folder(.incoming, components)
        let escaped = SpoolNames.fitted(Directory.repairedName(raw), reserving: 0)
        var candidates = [escaped, SpoolNames.fitted(escaped, reserving: 0, hashOf: raw)]
        for n in 1...64 { candidates.append(SpoolNames.fitted(escaped, reserving: 0, hashOf: raw) + ".\(n)") }
        for candidate in candidates {
            // link + unlink: fails with EEXIST instead of replacing what is there.
            let rc = Self.withCName(raw) { linkat(parent.fd, $0, parent.fd, candidate, 0) }
            if rc == 0 {
                _ = Self.withCName(raw) { unlinkat(parent.fd, $0, 0) }
                return candidate
            }
            if errno == EPERM || errno == EACCES {
                // protected_hardlinks: not ours to link. Rename, but only onto a free name
                // (a writer racing us to that very name is the one case left to chance).
                if Self.status(in: parent, candidate) != nil { continue }
                let moved = Self.withCName(raw) { renameat(parent.fd, $0, parent.fd, candidate) }
                if moved == 0 { return candidate }
                throw SystemError(call: "rename", errno: errno, path: candidate)
            }
            if errno != EEXIST { throw SystemError(call: "link", errno: errno, path: candidate) }
        }
        throw SystemError(call: "link", errno: EEXIST, path: escaped)
    }

    private static func freeName(_ name: String, in folder: FolderHandle, sidecar: Bool) -> String {
        let extra = sidecar ? ".error.json".utf8.count : 0
        func taken(_ candidate: String) -> Bool {
            status(in: folder, candidate) != nil || status(in: folder, candidate + ".error.json") != nil
        }
        let first = SpoolNames.fitted(name, reserving: extra)
        if !taken(first) { return first }
        for n in 1...9999 {
            let suffix = ".\(n)"
            let candidate = SpoolNames.fitted(name, reserving: extra + suffix.utf8.count) + suffix
            if !taken(candidate) { return candidate }
        }
        return SpoolNames.fitted(name, reserving: extra, hashOf: Array("\(getpid())-\(time(nil))".utf8))
    }

    private static func rename(
        _ from: FolderHandle, _ name: String, _ to: FolderHandle, _ target: String, display: String
    )
        throws(SystemError)
    {
        try Syscall.retrying("rename", path: display) { renameat(from.fd, name, to.fd, target) }
    }

    /// Removes sidecar temporaries a killed daemon left in `failed/` (and its folders):
    /// files named `.noticed-sidecar-*.tmp`, which only `writeAtomically` creates. Returns
    /// how many went. Folders are opened with `O_NOFOLLOW` from their parent, as everywhere.
    func sweepSidecarTemporaries() -> Int {
        var removed = 0
        func sweep(_ folder: FolderHandle, depth: Int) {
            let fd = dup(folder.fd)
            guard fd >= 0, let dir = fdopendir(fd) else {
                if fd >= 0 { close(fd) }
                return
            }
            defer { closedir(dir) }
            rewinddir(dir)
            var folders: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                if name.hasPrefix(".noticed-sidecar-") && name.hasSuffix(".tmp") {
                    if unlinkat(folder.fd, name, 0) == 0 { removed += 1 }
                } else if Int32(entry.pointee.d_type) == Int32(DT_DIR) {
                    folders.append(name)
                }
            }
            guard depth < 64 else { return }
            for name in folders {
                let child = openat(folder.fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { continue }
                sweep(FolderHandle(child), depth: depth + 1)
            }
        }
        sweep(handle(.failed), depth: 0)
        return removed
    }

    /// A small file written atomically in a folder: a temporary sibling (created exclusively,
    /// 0640, never through a symlink), fsync, rename.
    static func writeAtomically(in folder: FolderHandle, _ name: String, _ bytes: [UInt8]) throws(SystemError) {
        // A short name of its own (the final name may already be NAME_MAX long); hidden and
        // `.tmp`, so the watcher never takes it.
        let temporary = ".noticed-sidecar-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        _ = unlinkat(folder.fd, temporary, 0)
        let fd = try Syscall.retrying("open", path: name) {
            openat(folder.fd, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        }
        _ = fchmod(fd, 0o640)
        do {
            try Directory.writeAll(fd, bytes, path: name)
        } catch {
            close(fd)
            _ = unlinkat(folder.fd, temporary, 0)
            throw error
        }
        _ = fsync(fd)
        close(fd)
        try Syscall.retrying("rename", path: name) { renameat(folder.fd, temporary, folder.fd, name) }
    }

    private static func withCName<T>(_ raw: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        var bytes = raw
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
