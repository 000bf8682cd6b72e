#if canImport(Glibc)
    import Glibc
#endif

/// A folder descriptor shared by value; closed when the last holder lets go.
/// (`@unchecked Sendable`: it holds an immutable descriptor, and the calls made on it are
/// thread-safe in the kernel.)
final class FolderHandle: @unchecked Sendable {
    let fd: Int32
    init(_ fd: Int32) { self.fd = fd }
    deinit { close(fd) }
}
