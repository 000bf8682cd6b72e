import ArgumentParser
import Daemon

/// The daemon's flags (DESIGN §7): each overrides the same key of the config file.
struct ServiceOptions: ParsableArguments {
    @Option(help: "The config file (default \(ServiceConfig.defaultPath), if it exists).")
    var config: String?

    @Option(help: "The spool root holding incoming/, done/ and failed/.")
    var spool: String?

    @Option(help: "The store: a SQLite file, or postgresql://USER@HOST:PORT/DB shared by several hosts.")
    var db: String?

    @Option(help: "The PostgreSQL password's file (else PGPASSFILE); never the password itself.")
    var passwordFile: String?

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

    /// Where the settings come from: the config file, with these flags over it.
    var source: ConfigSource {
        var overrides: [ConfigSource.Override] = []
        func add(_ key: ConfigKey, _ value: ConfigValue?) {
            if let value { overrides.append(.init(key, value)) }
        }
        add(.spool, spool.map { .string($0) })
        add(.database, db.map { .string($0) })
        add(.passwordFile, passwordFile.map { .string($0) })
        add(.workers, workers.map { .integer($0) })
        add(.after, after.map { .string($0) })
        add(.settleDelay, settleDelay.map { .number($0) })
        add(.maxFileSize, maxFileSize.map { .integer($0) })
        add(.fileBudget, fileBudget.map { .number($0) })
        add(.ignore, ignore.isEmpty ? nil : .strings(ignore))
        add(.rules, rules.map { .string($0) })
        add(.logLevel, logLevel.map { .string($0) })
        add(.logTarget, logTarget.map { .string($0) })
        return ConfigSource(file: config, overrides: overrides)
    }

    /// The config file's settings with the flags applied over them.
    func resolve() throws(ConfigError) -> ServiceConfig { try source.load() }
}
