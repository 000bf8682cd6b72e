import Pipeline

#if canImport(Glibc)
    import Glibc
#endif

extension SpoolTree {
    /// What reading an input found.
    enum Read: Sendable {
        case bytes([UInt8])
        /// Gone before it could be read.
        case vanished
        /// Still being written (open for writing by someone, or changed while read): settle again.
        case busy(String)
    }

    /// Reads a regular file under `incoming/` whole, never through a symlink, never
    /// blocking on a FIFO, bounded in size; and only when it is complete: a file another
    /// process holds open for writing (seen through a read lease, where the daemon may take
    /// one) or whose size or mtime changed during the read is `busy`.
    func read(_ relative: String, limit: Int, file: String) throws(PipelineError) -> Read {
        let (folders, name) = Self.split(relative)
        let parent: FolderHandle
        do {
            parent = try folder(.incoming, folders)
        } catch {
            if error.errno == ENOENT { return .vanished }
            throw Self.claimError(error, file: file)
        }
        var fd = openat(parent.fd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        while fd < 0, errno == EINTR { fd = openat(parent.fd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW) }
        if fd < 0 {
            let code = errno
            if code == ENOENT { return .vanished }
            if code == ELOOP {
                throw PipelineError(
                    file: file, stage: .claim, code: .notRegularFile,
                    message: "is a symbolic link, which is never followed")
            }
            throw PipelineError(
                file: file, stage: .claim, code: .unreadable,
                message: "cannot be opened: \(SystemError(call: "open", errno: code, path: nil))")
        }
        defer { close(fd) }
        var before = stat()
        guard fstat(fd, &before) == 0 else {
            throw PipelineError(
                file: file, stage: .claim, code: .unreadable, message: "cannot be examined (fstat failed)")
        }
        let lease = Lease(fd: fd)
        if lease == .heldByWriter { return .busy("open for writing by another process") }
        defer { lease.release(fd: fd) }
        let bytes = try FileBytes.read(fd: fd, info: before, file: file, limit: limit)
        var after = stat()
        guard fstat(fd, &after) == 0 else {
            throw PipelineError(
                file: file, stage: .claim, code: .unreadable, message: "cannot be examined (fstat failed)")
        }
        if FileSignature(after) != FileSignature(before) || bytes.count != Int(after.st_size) {
            return .busy("changed while it was read")
        }
        return .bytes(bytes)
    }
}
