import COpenCC
import Synchronization

/// libopencc itself, through its C API: the reference our converter must equal,
/// the Traditional side of the damaged-copy generator, and a benchmark baseline.
///
/// One handle per instance behind a mutex: OpenCC's `opencc_error()` is a
/// process global, and the converter is not documented as thread-safe.
public final class OpenCCReference: Sendable {
    private let handle: Mutex<UnsafeMutableRawPointer?>

    /// `config` names one of Debian's configurations (`t2s.json`, `s2t.json`).
    public init?(config: String) {
        guard let h = opencc_open(config), Int(bitPattern: h) != -1 else { return nil }
        handle = Mutex(h)
    }

    deinit {
        handle.withLock { h in
            if let h { _ = opencc_close(h) }
        }
    }

    public func convert(_ text: String) -> String {
        handle.withLock { h in
            var utf8 = Array(text.utf8)
            let count = utf8.count
            guard
                let out = utf8.withUnsafeMutableBufferPointer({ buffer in
                    buffer.withMemoryRebound(to: CChar.self) { opencc_convert_utf8(h, $0.baseAddress, count) }
                })
            else { return text }
            defer { opencc_convert_utf8_free(out) }
            return String(cString: out)
        }
    }
}
