import Foundation
package import Logging

/// Where the daemon's events go: journald under systemd, stderr by hand.
package enum LogTarget: String, CaseIterable, Sendable {
    case auto, journal, stderr

    /// `auto`: the journal when systemd connected us to it (`JOURNAL_STREAM`) or a journal
    /// socket exists and stderr is not a terminal; stderr otherwise. sd_journal_sendv drops
    /// entries silently when no socket exists, so the choice is made here, from the environment.
    package func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) -> LogTarget {
        guard self == .auto else { return self }
        if environment["JOURNAL_STREAM"] != nil { return .journal }
        let socket = FileManager.default.fileExists(atPath: "/run/systemd/journal/socket")
        return socket && isatty(STDERR_FILENO) == 0 ? .journal : .stderr
    }

    /// Bootstraps swift-log once for the process (the one sanctioned global).
    package func bootstrap(level: Logger.Level) {
        let target = resolved()
        LoggingSystem.bootstrap { _ in
            switch target {
            case .journal:
                var handler = JournalLogHandler()
                handler.logLevel = level
                return handler
            default:
                var handler = StderrLogHandler()
                handler.logLevel = level
                return handler
            }
        }
    }
}
