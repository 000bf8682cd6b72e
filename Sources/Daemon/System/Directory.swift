#if canImport(Glibc)
    import Glibc
#endif

/// Path-based file helpers for what lives outside the spool (the state and poison files beside
/// the database, `noticed check`), and the names and kinds the spool code shares. Everything
/// inside the spool goes through `SpoolTree` instead.
package enum Directory {
    package enum Kind: Sendable { case regular, directory, other }

    struct Entry: Sendable {
        var name: [UInt8]
        var kind: Kind
    }

    /// What `path` is, without following a symlink; nil if it does not exist.
    package static func kind(of path: String) -> Kind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Writes a small file atomically: a temporary sibling, fsync, rename.
    static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(SystemError) {
        let temporary = path + ".tmp"
        let fd = try Syscall.retrying("open", path: temporary) {
            open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        }
        _ = fchmod(fd, 0o640)
        do {
            try writeAll(fd, bytes, path: temporary)
        } catch {
            close(fd)
            throw error
        }
        _ = fsync(fd)
        close(fd)
        try Syscall.retrying("rename", path: temporary) { Glibc.rename(temporary, path) }
    }

    /// Writes all of `bytes` to `fd` (retrying short writes and EINTR).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError(call: "write", errno: errno, path: path)
            }
            offset += n
        }
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
