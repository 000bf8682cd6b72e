import CCrashMark
import Foundation
import Pipeline

#if canImport(Glibc)
    import Glibc
#endif

/// Which files are with a worker right now, kept in a small file beside the database
/// (`DB.inflight`), so that a crash or a hang is pinned on the file that caused it.
///
/// Promises:
/// - `begin` writes the file's path into a slot before its worker starts and `end` clears it
///   after (one `pwrite` each: the page cache keeps them across a crash of the process);
/// - a crash or a hang ends the daemon with a signal (SIGSEGV, SIGILL/SIGTRAP from a Swift
///   trap, SIGABRT from systemd's watchdog), whose handler sets the file's crash flag;
///   a SIGKILL or a power cut sets nothing, so an operator's kill never counts against a file;
/// - at the next start, `previous` holds the paths that were with a worker when a flagged
///   end came (empty otherwise), and the file starts afresh.
///
/// Confined to the control queue.
final class InFlightRecord: @unchecked Sendable {
    private static let header = 64
    private static let slotSize = 4096
    private let fd: Int32
    private var free: [Int] = []
    private var slots = 0
    /// The files with a worker when the previous run crashed or hung.
    let previous: [String]

    init(path: String) throws(SystemError) {
        let fd = try Syscall.retrying("open", path: path) {
            open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        }
        self.fd = fd
        _ = fchmod(fd, 0o640)
        var info = stat()
        _ = fstat(fd, &info)
        var bytes = [UInt8](repeating: 0, count: min(Int(info.st_size), 1 << 20))
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        if n > 0, bytes[0] == 1 {
            var found: [String] = []
            var offset = Self.header
            while offset + 4 <= n {
                let length = bytes[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | Int($1) }
                if length > 0, length < Self.slotSize - 4, offset + 4 + length <= n {
                    found.append(String(decoding: bytes[(offset + 4)..<(offset + 4 + length)], as: UTF8.self))
                }
                offset += Self.slotSize
            }
            previous = found
        } else {
            previous = []
        }
        _ = ftruncate(fd, 0)
        var blank = [UInt8](repeating: 0, count: Self.header)
        _ = blank.withUnsafeMutableBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        noticed_install_crash_mark(fd)
    }

    deinit { close(fd) }

    /// Records that `relative` is with a worker; returns its slot.
    func begin(_ relative: String) -> Int {
        let slot: Int
        if let reused = free.popLast() {
            slot = reused
        } else {
            slot = slots
            slots += 1
        }
        let name = Array(relative.utf8.prefix(Self.slotSize - 4))
        let length = name.count
        var record: [UInt8] = [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), 0, 0] + name
        _ = record.withUnsafeMutableBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(Self.offset(slot))) }
        return slot
    }

    /// Clears a slot: its file is done with its worker.
    func end(_ slot: Int) {
        var zero: [UInt8] = [0, 0, 0, 0]
        _ = zero.withUnsafeMutableBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(Self.offset(slot))) }
        free.append(slot)
    }

    private static func offset(_ slot: Int) -> Int { header + slot * slotSize }
}
