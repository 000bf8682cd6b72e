import Foundation
import Logging
import Pipeline
import Synchronization

/// The journal's events as one readable line each on stderr, for a daemon run by hand.
///
/// `2026-11-23T08:00:00Z noticed[123] ingested: incoming/a.txt → #12 … NOTICE_EVENT=ingested NOTICE_FILE=…`:
/// the message first, then the structured fields. Message and values are capped and escaped
/// by `LogText` (control characters, backslashes, quotes and `=` escaped; values with spaces,
/// quotes or `=` quoted), so one event is always one line, no control byte reaches the
/// terminal and a file's name cannot forge a line or a field.
struct StderrLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let identifier: String
    private static let lock = Mutex(())

    init(identifier: String = "noticed") { self.identifier = identifier }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        var line =
            "\(Date().formatted(.iso8601)) \(identifier)[\(getpid())] \(event.level): \(LogText.message(event.message.description))"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) where key.hasPrefix("NOTICE_") {
            line += " \(key)=\(LogText.fieldValue(value.description, field: key))"
        }
        Self.write(line)
    }

    static func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}
