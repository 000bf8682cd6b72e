import ArgumentParser
import Foundation
import Pipeline

/// The daemon's flags (DESIGN §7): each overrides the same key of the config file.
struct ServiceOptions: ParsableArguments {
    @Option(help: "The config file (default \(ServiceConfig.defaultPath), if it exists).")
    var config: String?

    @Option(help: "The spool root holding incoming/, done/ and failed/.")
    var spool: String?

    @Option(help: "The SQLite store.")
    var db: String?

    @Option(help: "Pipeline workers (0: one per core).")
    var workers: Int?

    @Option(help: "What to do with a stored input: archive (to done/YYYY-MM-DD/) or delete.")
    var after: String?

    @Option(help: "Seconds a file found by a scan must stay unchanged before it is taken.")
    var settleDelay: Double?

    @Option(help: "Largest file accepted, in bytes.")
    var maxFileSize: Int?

    @Option(help: "Seconds one file may spend in the pipeline before it goes to failed/ as a timeout.")
    var fileBudget: Double?

    @Option(help: "A glob of names to leave alone until renamed (repeatable).")
    var ignore: [String] = []

    @Option(help: "An operator rules file (TOML) applied over the built-in tags.")
    var rules: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    @Option(help: "auto (journald under systemd), journal or stderr.")
    var logTarget: String?

    /// The config file's settings with the flags applied over them.
    func resolve() throws -> ServiceConfig {
        var resolved = ServiceConfig()
        let path =
            config
            ?? (FileManager.default.fileExists(atPath: ServiceConfig.defaultPath) ? ServiceConfig.defaultPath : nil)
        if let path {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw CommandError("cannot read the config file \(path)")
            }
            resolved = try ServiceConfig.parse(text, file: path)
        }
        if let spool { resolved.spool = spool }
        if let db { resolved.database = db }
        if let workers {
            guard workers >= 0 else { throw CommandError("--workers must be 0 or more") }
            resolved.workers = workers
        }
        if let after {
            guard let value = ServiceConfig.After(rawValue: after) else {
                throw CommandError("--after must be archive or delete")
            }
            resolved.after = value
        }
        if let settleDelay {
            guard settleDelay >= 0, settleDelay <= 3600 else {
                throw CommandError("--settle-delay must be between 0 and 3600 seconds")
            }
            resolved.settleDelay = settleDelay
        }
        if let maxFileSize {
            guard maxFileSize > 0 else { throw CommandError("--max-file-size must be positive") }
            resolved.maxFileSize = maxFileSize
        }
        if let fileBudget {
            guard fileBudget >= 0.1, fileBudget <= 3600 else {
                throw CommandError("--file-budget must be between 0.1 and 3600 seconds")
            }
            resolved.fileBudget = fileBudget
        }
        if !ignore.isEmpty { resolved.ignore += ignore }
        if let rules { resolved.rules = rules }
        if let logLevel {
            guard ServiceConfig.logLevels.contains(logLevel) else {
                throw CommandError("--log-level must be one of \(ServiceConfig.logLevels.joined(separator: ", "))")
            }
            resolved.logLevel = logLevel
        }
        if let logTarget {
            guard ServiceConfig.logTargets.contains(logTarget) else {
                throw CommandError("--log-target must be auto, journal or stderr")
            }
            resolved.logTarget = logTarget
        }
        return resolved
    }

    /// The pipeline a config asks for (built-in rules plus the operator's file).
    static func pipeline(_ config: ServiceConfig) throws -> NoticePipeline {
        var ruleSet = RuleSet.builtIn
        if let rules = config.rules {
            guard let text = try? String(contentsOfFile: rules, encoding: .utf8) else {
                throw CommandError("cannot read the rules file \(rules)")
            }
            ruleSet = try ruleSet.merging(text, file: rules)
        }
        return NoticePipeline(cleaner: Cleaner(maxBytes: config.maxFileSize), tagger: Tagger(rules: ruleSet))
    }
}
