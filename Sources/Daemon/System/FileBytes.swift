package import Pipeline

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a whole input file, safely: regular files only, never blocking, bounded in size.
///
/// `O_NONBLOCK` keeps a FIFO from stalling the caller at `open`, `fstat`
/// refuses anything but a regular file before a byte is read, and
/// `O_NOFOLLOW` (unless asked to follow) refuses symlinks in the spool.
package enum FileBytes {
    package static func read(_ path: String, limit: Int, followSymlinks: Bool = true) throws(PipelineError) -> [UInt8] {
        var flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK
        if !followSymlinks { flags |= O_NOFOLLOW }
        let fd: Int32
        do {
            fd = try Syscall.retrying("open", path: path) { open(path, flags) }
        } catch {
            let code: PipelineError.Code = error.errno == ELOOP ? .notRegularFile : .unreadable
            let message =
                error.errno == ELOOP ? "is a symbolic link, which is never followed" : "cannot be opened: \(error)"
            throw PipelineError(file: path, stage: .claim, code: code, message: message)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw PipelineError(
                file: path, stage: .claim, code: .unreadable, message: "cannot be examined (fstat failed)")
        }
        return try read(fd: fd, info: info, file: path, limit: limit)
    }

    /// Reads an open descriptor whole: a regular file of at most `limit` bytes, as `info`
    /// (its `fstat`) describes it; a file cut short while read gives what is there.
    static func read(fd: Int32, info: stat, file: String, limit: Int) throws(PipelineError) -> [UInt8] {
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw PipelineError(
                file: file, stage: .claim, code: .notRegularFile,
                message: "is not a regular file (\(Self.kind(info.st_mode))); only regular files are read")
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw PipelineError(
                file: file, stage: .claim, code: .tooLarge,
                message: "has \(size) bytes, over the limit of \(limit) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < size {
            let n: Int
            do {
                n = try bytes.withUnsafeMutableBytes { buffer throws(SystemError) in
                    try Syscall.retrying("read", path: file) {
                        Glibc.read(fd, buffer.baseAddress! + total, size - total)
                    }
                }
            } catch {
                throw PipelineError(file: file, stage: .claim, code: .unreadable, message: "cannot be read: \(error)")
            }
            if n == 0 { break }  // truncated while we read: take what is there
            total += n
        }
        if total < size { bytes.removeSubrange(total...) }
        return bytes
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}
