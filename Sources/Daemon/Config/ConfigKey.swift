/// Every setting of `noticed.toml`, as the file spells it and as the flag that overrides it.
///
/// Promises: the one list of config keys. The TOML reader, the flags of `serve`, `check`
/// and the store commands, and the error lines all name a setting through this type.
package enum ConfigKey: String, CaseIterable, Sendable {
    case spool, database, workers, after
    case settleDelay = "settle_delay"
    case maxFileSize = "max_file_size"
    case fileBudget = "file_budget"
    case maxInFlight = "max_in_flight"
    case batch, ignore, rules
    case logLevel = "log_level"
    case logTarget = "log_target"
    /// `password_file = "PATH"`: the PostgreSQL password, the file's first line.
    case passwordFile = "password_file"
    /// `[web] listen = "HOST:PORT"`: where `noticed web` listens.
    case webListen = "web.listen"
    /// `[web] token_file = "PATH"`: the file holding the token `noticed web` asks for.
    case webTokenFile = "web.token_file"

    /// The flag that overrides it: `--settle-delay`; the store's is `--db`.
    package var flag: String {
        switch self {
        case .database: "--db"
        case .webListen: "--listen"
        case .webTokenFile: "--token-file"
        default: "--" + String(rawValue.map { $0 == "_" ? "-" : $0 })
        }
    }
}

/// One setting's value before it is checked: what TOML or a flag gave.
package enum ConfigValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case number(Double)
    case strings([String])

    func string() throws(ConfigRefusal) -> String {
        guard case .string(let s) = self else { throw ConfigRefusal("must be a string") }
        return s
    }

    func integer(min: Int) throws(ConfigRefusal) -> Int {
        guard case .integer(let i) = self, i >= min else { throw ConfigRefusal("must be a whole number ≥ \(min)") }
        return i
    }

    func seconds(_ range: ClosedRange<Double>) throws(ConfigRefusal) -> Double {
        let seconds: Double? =
            switch self {
            case .number(let d): d
            case .integer(let i): Double(i)
            default: nil
            }
        guard let seconds, range.contains(seconds) else {
            throw ConfigRefusal(
                "must be a number of seconds between \(Self.plain(range.lowerBound)) and \(Self.plain(range.upperBound))"
            )
        }
        return seconds
    }

    func strings() throws(ConfigRefusal) -> [String] {
        guard case .strings(let list) = self else { throw ConfigRefusal("must be a list of glob strings") }
        return list
    }

    func oneOf(_ allowed: [String]) throws(ConfigRefusal) -> String {
        guard case .string(let s) = self, allowed.contains(s) else {
            throw ConfigRefusal("must be one of \(allowed.joined(separator: ", "))")
        }
        return s
    }

    private static func plain(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Why one value was refused, without the key: the caller names it as a file key or a flag.
package struct ConfigRefusal: Error, Sendable {
    package let reason: String
    init(_ reason: String) { self.reason = reason }
}
