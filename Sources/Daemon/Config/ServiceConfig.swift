/// The daemon's settings: `/etc/noticed/noticed.toml`, every key overridable by a flag.
///
/// Promises: every value, from the file or a flag, passes the one validator `set(_:_:)`,
/// which refuses a wrong type or range with what was expected, so `noticed check` can
/// say exactly what is wrong. Defaults are the developer's (`./var/…`); the installed
/// config sets the system paths. Reading the file is `ConfigSource`'s; the TOML reader
/// is `ServiceConfig+TOML.swift`.
///
/// ```toml
/// spool = "/var/spool/noticed"
/// database = "/var/lib/noticed/notices.sqlite"
/// after = "archive"          # or "delete"
/// ```
package struct ServiceConfig: Sendable, Hashable {
    package enum After: String, Sendable, CaseIterable { case archive, delete }

    package static let defaultPath = "/etc/noticed/noticed.toml"

    /// The root holding incoming/, done/ and failed/.
    package var spool = "./var/spool"
    /// A SQLite file, or a `postgresql://USER@HOST:PORT/DB` URL (issue 18).
    package var database = "./var/notices.sqlite"
    /// The PostgreSQL password's file (else `PGPASSFILE`); never the password itself.
    package var passwordFile: String?
    /// Pipeline workers; 0 means one per core.
    package var workers = 0
    package var after = After.archive
    /// Seconds a file found by a scan must keep its size and mtime before it is taken.
    package var settleDelay = 2.0
    package var maxFileSize = 16 << 20
    /// Extra globs (fnmatch) of names left alone until renamed, besides the built-in ones.
    package var ignore: [String] = []
    package var rules: String?
    package var logLevel = "info"
    package var logTarget = "auto"
    /// Files in flight at once (read, in the pipeline or waiting for the writer); 8 times as
    /// many more may wait as paths. 128 keeps the writer's batches full (it is the bottleneck)
    /// with RSS near 57 MiB on a 30,000-file backlog (512: 65 MiB, no faster; 64: slower).
    package var maxInFlight = 128
    /// Documents per transaction, at most.
    package var batch = 256
    /// Seconds one file may spend in the pipeline; past that it goes to `failed/` as `timeout`.
    package var fileBudget = 30.0
    /// `noticed web`'s address, `HOST:PORT`.
    package var webListen = "127.0.0.1:8080"
    package var webTokenFile: String?

    package init() {}

    package static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
    package static let logTargets = ["auto", "journal", "stderr"]

    /// Sets one key, checked: the file's reader and the flags both come through here.
    package mutating func set(_ key: ConfigKey, _ value: ConfigValue) throws(ConfigRefusal) {
        switch key {
        case .spool: spool = try value.string()
        case .database: database = try value.string()
        case .workers: workers = try value.integer(min: 0)
        case .after:
            guard let after = After(rawValue: try value.string()) else {
                throw ConfigRefusal("must be \"archive\" or \"delete\"")
            }
            self.after = after
        case .settleDelay: settleDelay = try value.seconds(0...3600)
        case .maxFileSize: maxFileSize = try value.integer(min: 1)
        case .fileBudget: fileBudget = try value.seconds(0.1...3600)
        case .maxInFlight: maxInFlight = try value.integer(min: 1)
        case .batch: batch = try value.integer(min: 1)
        case .ignore: ignore = try value.strings()
        case .rules: rules = try value.string()
        case .logLevel: logLevel = try value.oneOf(Self.logLevels)
        case .logTarget: logTarget = try value.oneOf(Self.logTargets)
        case .webListen: webListen = try value.string()
        case .webTokenFile: webTokenFile = try value.string()
        case .passwordFile: passwordFile = try value.string()
        }
    }

    /// Whether `database` is a PostgreSQL URL rather than a SQLite file.
    package static func isPostgres(_ database: String) -> Bool {
        database.hasPrefix("postgresql://") || database.hasPrefix("postgres://")
    }

    /// Where this host's own files go (`BASE.state.json`, `BASE.poison.json`, the in-flight
    /// record): beside a SQLite database, or in the spool's root when the store is a shared
    /// PostgreSQL database (each host has its own spool, never its own database file).
    package var localStateBase: String { Self.localStateBase(database: database, spool: spool) }

    package static func localStateBase(database: String, spool: String) -> String {
        isPostgres(database) ? spool + "/noticed" : database
    }
}

/// A config file or flag that cannot be used, in one line naming where it came from.
package struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// The file at fault, or nil for a flag (whose message names the flag).
    package var file: String?
    package var message: String

    package init(file: String?, _ message: String) {
        self.file = file
        self.message = message
    }

    package var description: String { file.map { "\($0): \(message)" } ?? message }
}
