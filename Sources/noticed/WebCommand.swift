import ArgumentParser
import Daemon
import Foundation
import Logging
import Pipeline
import Web

/// `noticed web`: the analysts' page and HTTP API over the store, read-only.
struct WebCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "Serve the search page, document pages, feeds, exports and the JSON API (read-only).")

    @Option(help: "The config file (default \(ServiceConfig.defaultPath), if it exists).") var config: String?
    @Option(help: "The store: a SQLite file or postgresql://USER@HOST:PORT/DB (default: the config's database).")
    var db: String?
    @Option(help: "The PostgreSQL password's file (default: the config's password_file, else PGPASSFILE).")
    var passwordFile: String?
    @Option(help: "The daemon's spool, for the status page (default: the config's spool).") var spool: String?
    @Option(help: "HOST:PORT to listen on (default 127.0.0.1:8080; config [web] listen).") var listen: String?
    @Option(help: "A file holding the token clients must present; required off loopback (config [web] token_file).")
    var tokenFile: String?
    @Option(
        help: ArgumentHelp(
            "MiB for each cache of recent queries (their matches, their ranking), for their next page or facet (0: none).",
            valueName: "MiB"))
    var queryCache = 16

    /// The root command is synchronous (`serve` parks the main thread in `dispatchMain`), so the
    /// server runs in a task while the main thread does the same; the task ends the process.
    func run() throws {
        var overrides: [ConfigSource.Override] = []
        if let db { overrides.append(.init(.database, .string(db))) }
        if let spool { overrides.append(.init(.spool, .string(spool))) }
        if let passwordFile { overrides.append(.init(.passwordFile, .string(passwordFile))) }
        if let listen { overrides.append(.init(.webListen, .string(listen))) }
        if let tokenFile { overrides.append(.init(.webTokenFile, .string(tokenFile))) }
        let settings: WebSettings
        let rules: RuleSet
        do {
            let resolved = try ConfigSource(file: config, overrides: overrides).load()
            guard let address = WebSettings.parseListen(resolved.webListen) else {
                throw CommandError("noticed web: --listen must be HOST:PORT, e.g. 127.0.0.1:8080")
            }
            var token: String?
            if let path = resolved.webTokenFile {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw CommandError("noticed web: cannot read the token file \(path)")
                }
                token = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard token!.count >= 16 else {
                    throw CommandError("noticed web: the token in \(path) is shorter than 16 characters")
                }
            }
            settings = WebSettings(
                database: resolved.database, spool: resolved.spool, host: address.host, port: address.port,
                token: token,
                queryCacheMiB: max(0, queryCache), passwordFile: resolved.passwordFile)
            rules = try NoticePipeline.loading(rulesFile: resolved.rules, maxBytes: resolved.maxFileSize).tagger.rules
        } catch let error as ConfigError {
            throw CommandError("noticed web: \(error.description)")
        }
        let server: WebServer
        do {
            server = try WebServer(settings: settings, rules: rules)
        } catch {
            throw CommandError("noticed web: \(error.message)")
        }
        var logger = Logger(label: "noticed-web")
        logger.logLevel = .notice
        let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        let database = settings.database
        Task {
            do {
                try await server.run(logger: logger) { port in
                    // Written at once (not through stdout's buffer): a supervisor or a test reads the port.
                    FileHandle.standardOutput.write(
                        Data("noticed web: serving \(database) at http://\(host):\(port)/\n".utf8))
                }
                Glibc.exit(0)
            } catch {
                FileHandle.standardError.write(
                    Data("Error: noticed web: cannot serve on \(host):\(settings.port): \(error)\n".utf8))
                Glibc.exit(1)
            }
        }
        dispatchMain()
    }
}
