import CSystemd
import Foundation
import Logging
import Pipeline
import Synchronization

/// swift-log's API, journald's structured fields.
///
/// Each entry goes to journald through `sd_journal_sendv` (the variadic
/// `sd_journal_send` cannot be called from Swift) with `SYSLOG_IDENTIFIER`,
/// `PRIORITY`, `MESSAGE`, the code location and every metadata key that is a
/// valid journal field name (upper case, digits, underscores: `NOTICE_FILE`,
/// `NOTICE_EVENT`, `MESSAGE_ID`, …). Values may hold newlines and any UTF-8:
/// the native protocol carries them as they are, but untrusted text is capped (`LogText`: the
/// message at 1,024 characters, titles and agencies at 200, other values at 1,024) so a huge
/// one-line file cannot make a huge entry. A send that fails (journald
/// gone, a stale socket: -ECONNREFUSED) is not silent: the entry is written to
/// stderr as one line, with the reason once.
struct JournalLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let identifier: String
    private static let warned = Atomic<Bool>(false)

    init(identifier: String = "noticed") { self.identifier = identifier }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String] = [
            "MESSAGE=\(LogText.capped(event.message.description, limit: LogText.messageLimit))",
            "PRIORITY=\(Self.priority(event.level))", "SYSLOG_IDENTIFIER=\(identifier)",
            "CODE_FILE=\(event.file)", "CODE_LINE=\(event.line)", "CODE_FUNC=\(event.function)",
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) where Self.isFieldName(key) {
            let text = value.description
            fields.append("\(key)=\(LogText.cap(forField: key).map { LogText.capped(text, limit: $0) } ?? text)")
        }
        let rc = Self.send(fields)
        if rc < 0 {
            if !Self.warned.exchange(true, ordering: .relaxed) {
                StderrLogHandler.write(
                    "noticed: cannot send to the journal (\(String(cString: strerror(-rc)))); writing to stderr")
            }
            var fallback = StderrLogHandler(identifier: identifier)
            fallback.metadata = metadata
            fallback.log(event: event)
        }
    }

    /// Sends the fields as one entry; returns sd_journal_sendv's result (negative errno on failure).
    static func send(_ fields: [String]) -> Int32 {
        var buffers = fields.map { Array($0.utf8) }
        var vectors: [iovec] = []
        vectors.reserveCapacity(buffers.count)
        return buffers.withUnsafeMutableBufferPointer { all in
            for i in all.indices {
                all[i].withUnsafeMutableBytes { bytes in
                    vectors.append(iovec(iov_base: bytes.baseAddress, iov_len: bytes.count))
                }
            }
            // The pointers stay valid: `buffers` is neither mutated nor moved while we send.
            return vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
    }

    /// syslog priorities, as journald expects them.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// Journal field names: A–Z, 0–9 and `_`, not starting with a digit or `_`.
    static func isFieldName(_ key: String) -> Bool {
        guard let first = key.utf8.first, first >= 0x41, first <= 0x5A else { return false }
        return key.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}
