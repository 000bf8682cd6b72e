#if canImport(Glibc)
    import Glibc
#endif

/// inotify through Glibc: a non-blocking descriptor, watches, and the events read from it.
///
/// Promises: `read()` never blocks (the caller waits for readability, e.g. with a
/// Dispatch read source) and returns every whole event the kernel had queued;
/// `EAGAIN` is an empty batch, not an error. Failures are `SystemError`s.
final class Inotify {
    struct Mask: OptionSet, Sendable {
        let rawValue: UInt32
        static let closeWrite = Mask(rawValue: 0x0000_0008)
        static let movedFrom = Mask(rawValue: 0x0000_0040)
        static let movedTo = Mask(rawValue: 0x0000_0080)
        static let create = Mask(rawValue: 0x0000_0100)
        static let delete = Mask(rawValue: 0x0000_0200)
        static let deleteSelf = Mask(rawValue: 0x0000_0400)
        static let moveSelf = Mask(rawValue: 0x0000_0800)
        static let unmount = Mask(rawValue: 0x0000_2000)
        static let overflow = Mask(rawValue: 0x0000_4000)
        static let ignored = Mask(rawValue: 0x0000_8000)
        static let onlyDirectory = Mask(rawValue: 0x0100_0000)
        static let dontFollow = Mask(rawValue: 0x0200_0000)
        static let isDirectory = Mask(rawValue: 0x4000_0000)
    }

    struct Event: Sendable {
        var watch: Int32
        var mask: Mask
        /// The entry's name as the kernel gave it (file names are bytes, not always UTF-8).
        var name: [UInt8]
    }

    let fd: Int32

    init() throws(SystemError) {
        fd = try Syscall.retrying("inotify_init1") { inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) }
    }

    deinit { close(fd) }

    /// Watches a directory (never through a symlink); returns the watch descriptor.
    func watch(_ path: String, _ mask: Mask) throws(SystemError) -> Int32 {
        try Syscall.retrying("inotify_add_watch", path: path) {
            inotify_add_watch(fd, path, mask.union([.onlyDirectory, .dontFollow]).rawValue)
        }
    }

    /// Watches the folder an open descriptor names (through `/proc/self/fd`, so the folder
    /// watched is the one already checked, not whatever a path names by now).
    func watch(folder fd: Int32, _ mask: Mask) throws(SystemError) -> Int32 {
        let path = "/proc/self/fd/\(fd)"
        return try Syscall.retrying("inotify_add_watch", path: path) {
            inotify_add_watch(self.fd, path, mask.union(.onlyDirectory).rawValue)
        }
    }

    func unwatch(_ watch: Int32) { _ = inotify_rm_watch(fd, watch) }

    /// Every queued event; empty when none is ready.
    func read() throws(SystemError) -> [Event] {
        var events: [Event] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK { return events }
                throw SystemError(call: "read inotify", errno: code, path: nil)
            }
            if n == 0 { return events }
            var offset = 0
            buffer.withUnsafeBytes { raw in
                while offset + 16 <= n {
                    let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = raw[(offset + 16)..<min(offset + 16 + length, n)]
                    let name = Array(nameBytes.prefix { $0 != 0 })
                    events.append(Event(watch: wd, mask: Mask(rawValue: mask), name: name))
                    offset += 16 + length
                }
            }
        }
    }
}
