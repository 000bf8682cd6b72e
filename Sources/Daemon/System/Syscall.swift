#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The one place noticed calls the C library for I/O (swift-nio's discipline).
///
/// `EINTR` is retried; every other failure becomes a `SystemError` naming the
/// call and the errno, which callers turn into typed, one-line errors.
struct SystemError: Error, CustomStringConvertible {
    var call: String
    var errno: Int32
    var path: String?

    var description: String {
        let reason = String(cString: strerror(errno))
        return path.map { "\(call) \($0): \(reason)" } ?? "\(call): \(reason)"
    }
}

enum Syscall {
    /// Retries `body` while it fails with EINTR; throws `SystemError` on any other failure.
    @discardableResult
    static func retrying<T: BinaryInteger>(_ call: String, path: String? = nil, _ body: () -> T) throws(SystemError)
        -> T
    {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemError(call: call, errno: code, path: path)
        }
    }
}
