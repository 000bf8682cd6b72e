private import TOMLKit

/// The daemon's settings: `/etc/noticed/noticed.toml`, every key overridable by a flag.
///
/// Promises: parsing is pure (text in, value or one-line error out); unknown keys and
/// wrong types are refused with the key and what was expected, so `noticed check`
/// can say exactly what is wrong. Defaults are the developer's (`./var/…`); the
/// installed config sets the system paths.
///
/// ```toml
/// spool = "/var/spool/noticed"
/// database = "/var/lib/noticed/notices.sqlite"
/// after = "archive"          # or "delete"
/// ```
public struct ServiceConfig: Sendable, Hashable {
    public enum After: String, Sendable, CaseIterable { case archive, delete }

    public static let defaultPath = "/etc/noticed/noticed.toml"

    /// The root holding incoming/, done/ and failed/.
    public var spool = "./var/spool"
    public var database = "./var/notices.sqlite"
    /// Pipeline workers; 0 means one per core.
    public var workers = 0
    public var after = After.archive
    /// Seconds a file found by a scan must keep its size and mtime before it is taken.
    public var settleDelay = 2.0
    public var maxFileSize = 16 << 20
    /// Extra globs (fnmatch) of names left alone until renamed, besides the built-in ones.
    public var ignore: [String] = []
    public var rules: String?
    public var logLevel = "info"
    public var logTarget = "auto"
    /// Files in flight at once (read, in the pipeline or waiting for the writer); 8 times as
    /// many more may wait as paths. 128 keeps the writer's batches full (it is the bottleneck)
    /// with RSS near 57 MiB on a 30,000-file backlog (512: 65 MiB, no faster; 64: slower).
    public var maxInFlight = 128
    /// Documents per transaction, at most.
    public var batch = 256
    /// Seconds one file may spend in the pipeline; past that it goes to `failed/` as `timeout`.
    public var fileBudget = 30.0

    public init() {}

    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
    public static let logTargets = ["auto", "journal", "stderr"]

    /// Parses a config file's text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> ServiceConfig {
        let table: TOMLTable
        do {
            table = try TOMLText.table(text)
        } catch {
            throw ConfigError(file: file, "not valid TOML at line \(error.line), column \(error.column)")
        }
        var config = ServiceConfig()
        for key in table.keys {
            let value = table[key]!
            func string() throws(ConfigError) -> String {
                guard let s = value.string else { throw ConfigError(file: file, "'\(key)' must be a string") }
                return s
            }
            func integer(min: Int) throws(ConfigError) -> Int {
                guard let i = value.int, i >= min else {
                    throw ConfigError(file: file, "'\(key)' must be a whole number ≥ \(min)")
                }
                return i
            }
            switch key {
            case "spool": config.spool = try string()
            case "database": config.database = try string()
            case "workers": config.workers = try integer(min: 0)
            case "after":
                guard let after = After(rawValue: try string()) else {
                    throw ConfigError(file: file, "'after' must be \"archive\" or \"delete\"")
                }
                config.after = after
            case "settle_delay":
                guard let seconds = value.double ?? value.int.map(Double.init), seconds >= 0, seconds <= 3600 else {
                    throw ConfigError(file: file, "'settle_delay' must be a number of seconds between 0 and 3600")
                }
                config.settleDelay = seconds
            case "max_file_size": config.maxFileSize = try integer(min: 1)
            case "file_budget":
                guard let seconds = value.double ?? value.int.map(Double.init), seconds >= 0.1, seconds <= 3600 else {
                    throw ConfigError(file: file, "'file_budget' must be a number of seconds between 0.1 and 3600")
                }
                config.fileBudget = seconds
            case "max_in_flight": config.maxInFlight = try integer(min: 1)
            case "batch": config.batch = try integer(min: 1)
            case "ignore":
                guard let list = value.array?.compactMap({ $0.string }), list.count == value.array?.count else {
                    throw ConfigError(file: file, "'ignore' must be a list of glob strings")
                }
                config.ignore = list
            case "rules": config.rules = try string()
            case "log_level":
                let level = try string()
                guard logLevels.contains(level) else {
                    throw ConfigError(file: file, "'log_level' must be one of \(logLevels.joined(separator: ", "))")
                }
                config.logLevel = level
            case "log_target":
                let target = try string()
                guard logTargets.contains(target) else {
                    throw ConfigError(file: file, "'log_target' must be one of \(logTargets.joined(separator: ", "))")
                }
                config.logTarget = target
            default:
                throw ConfigError(file: file, "unknown key '\(key)'")
            }
        }
        return config
    }
}

/// A config file that cannot be used, in one line naming the file.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
