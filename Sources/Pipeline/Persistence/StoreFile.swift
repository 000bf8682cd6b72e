internal import Foundation

/// Creating the store's files readable by their owner and the `noticed` group only.
///
/// Notices may be internal documents: the database and its search index are created 0640
/// whatever the umask (SQLite gives a database's `-wal` and `-shm` files the database
/// file's mode), and given to the `noticed` group when that group exists and this process
/// may hand the file to it (root, or a member of the group); otherwise the group is left as
/// it is, silently. A file that exists already keeps its mode and owner: the operator chose them.
enum StoreFile {
    static let mode: mode_t = 0o640
    static let group = "noticed"

    /// Creates `path` empty with `mode` if it does not exist (SQLite then writes its header).
    static func create(_ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 {
            if errno == EEXIST { return }
            // Transient like SQLite's CANTOPEN: a read-only or full disk may be cured, and the
            // daemon then waits with the inputs in incoming/ instead of exiting.
            throw StoreError("cannot create \(path): \(String(cString: strerror(errno)))", isTransient: true)
        }
        defer { close(fd) }
        // The umask narrowed the mode open gave the file; fchmod is not subject to it.
        _ = fchmod(fd, mode)
        if let entry = getgrnam(group) { _ = fchown(fd, uid_t.max, entry.pointee.gr_gid) }
    }
}
