#if canImport(Glibc)
    import Glibc
#endif

/// Directory listing and file-system moves for the spool, through Glibc.
enum Directory {
    enum Kind: Sendable { case regular, directory, other }

    struct Entry: Sendable {
        var name: [UInt8]
        var kind: Kind
    }

    /// The entries of a directory (without `.` and `..`); d_type when the file system
    /// gives it, lstat otherwise (never following a symlink).
    static func list(_ path: String) throws(SystemError) -> [Entry] {
        var entries: [Entry] = []
        try each(path) { entries.append($0) }
        return entries
    }

    /// Calls `body` with each entry as it is read, so a folder of 100,000 files is walked
    /// without holding its listing.
    static func each(_ path: String, _ body: (Entry) -> Void) throws(SystemError) {
        guard let dir = opendir(path) else { throw SystemError(call: "opendir", errno: errno, path: path) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let kind: Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .regular
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_UNKNOWN):
                let full = path + "/" + String(decoding: name, as: UTF8.self)
                kind = Self.kind(of: full) ?? .other
            default: kind = .other
            }
            body(Entry(name: name, kind: kind))
        }
    }

    /// What `path` is, without following a symlink; nil if it does not exist.
    static func kind(of path: String) -> Kind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Size and modification time, without following a symlink; nil if it does not exist.
    static func signature(of path: String) -> (size: Int, mtime: Int)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (Int(info.st_size), Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
    }

    /// mkdir -p.
    static func create(_ path: String, mode: mode_t = 0o755) throws(SystemError) {
        if kind(of: path) == .directory { return }
        let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !parent.isEmpty, parent != path { try create(parent, mode: mode) }
        if mkdir(path, mode) != 0, errno != EEXIST { throw SystemError(call: "mkdir", errno: errno, path: path) }
    }

    static func rename(_ from: String, _ to: String) throws(SystemError) {
        try Syscall.retrying("rename", path: from) { Glibc.rename(from, to) }
    }

    /// Renames a file whose name is given as raw bytes (not valid UTF-8) to a valid name.
    static func rename(directory: String, rawName: [UInt8], to: String) throws(SystemError) {
        var from = Array((directory + "/").utf8) + rawName
        from.append(0)
        let rc = from.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { Glibc.rename($0.baseAddress!, to) }
        }
        if rc != 0 { throw SystemError(call: "rename", errno: errno, path: directory) }
    }

    static func remove(_ path: String) throws(SystemError) {
        try Syscall.retrying("unlink", path: path) { unlink(path) }
    }

    /// Writes a small file atomically: a temporary sibling, fsync, rename.
    static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(SystemError) {
        let temporary = path + ".tmp"
        let fd = try Syscall.retrying("open", path: temporary) {
            open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        }
        _ = fchmod(fd, 0o640)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                throw SystemError(call: "write", errno: code, path: temporary)
            }
            offset += n
        }
        _ = fsync(fd)
        close(fd)
        try rename(temporary, path)
    }

    /// A file name made valid UTF-8: invalid bytes become `%XX`.
    static func repairedName(_ raw: [UInt8]) -> String {
        if let valid = String(validating: raw, as: UTF8.self) { return valid }
        var out = ""
        var i = 0
        while i < raw.count {
            // Take the longest valid prefix scalar by scalar.
            var decoder = UTF8()
            var iterator = raw[i...].makeIterator()
            var consumed = 0
            if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                consumed = UTF8.width(scalar)
                out.unicodeScalars.append(scalar)
                i += consumed
            } else {
                out += "%" + (raw[i] < 16 ? "0" : "") + String(raw[i], radix: 16, uppercase: true)
                i += 1
            }
        }
        return out
    }
}
