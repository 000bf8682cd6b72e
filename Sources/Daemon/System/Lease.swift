#if canImport(Glibc)
    import Glibc
#endif

/// A read lease (`fcntl(F_SETLEASE, F_RDLCK)`) on an input while it is read: the kernel
/// grants it only when no process has the file open for writing, which is how the daemon
/// tells a file still being written (a writer paused between chunks, an appender) from a
/// complete one, whatever the settle delay.
///
/// Promises: `heldByWriter` only when the kernel refused the lease because of a writer
/// (`EAGAIN`); where the daemon may not take leases (not the file's owner and without
/// `CAP_LEASE`), the answer is `unavailable` and the caller relies on size and mtime alone.
/// A granted lease is released right after the read. A lease break (a writer opening the
/// file during the read) is signalled with SIGIO, which `ignoreBreaks()` makes harmless;
/// the writer then waits at most until the lease is released.
enum Lease: Equatable {
    case granted, heldByWriter, unavailable

    private static let setLease: Int32 = 1024  // F_SETLEASE (F_LINUX_SPECIFIC_BASE + 0)

    init(fd: Int32) {
        if fcntl(fd, Self.setLease, Int32(F_RDLCK)) == 0 {
            self = .granted
        } else {
            self = errno == EAGAIN ? .heldByWriter : .unavailable
        }
    }

    func release(fd: Int32) {
        if self == .granted { _ = fcntl(fd, Self.setLease, Int32(F_UNLCK)) }
    }

    /// SIGIO's default action ends the process; a lease break must not.
    static func ignoreBreaks() { signal(SIGIO, SIG_IGN) }
}
