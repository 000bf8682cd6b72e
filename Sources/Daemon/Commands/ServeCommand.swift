import ArgumentParser
import Logging
import Pipeline

/// `noticed serve`: the daemon (run by systemd as `noticed.service`, or by hand).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Watch the spool and ingest what is dropped into it (the daemon).")

    @OptionGroup var options: ServiceOptions

    func run() throws {
        let config = try options.resolve()
        let target = LogTarget(rawValue: config.logTarget) ?? .auto
        target.bootstrap(level: Logger.Level(rawValue: config.logLevel) ?? .info)
        Service(options: options, config: config, logger: Logger(label: "noticed")).run()
    }
}
