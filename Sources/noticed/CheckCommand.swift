import ArgumentParser
import Backends
import Daemon
import Foundation
import Pipeline
import Store

/// `noticed check`: validates the config, the rules, the spool's permissions and the
/// database, and says exactly what is wrong (one line per problem, exit 1).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the config, rules, spool permissions and database.")

    @OptionGroup var options: ServiceOptions

    func run() throws {
        var problems = 0
        func report(_ ok: Bool, _ what: String) {
            print("\(ok ? "ok  " : "FAIL") \(what)")
            if !ok { problems += 1 }
        }
        let config: ServiceConfig
        do {
            config = try options.resolve()
            report(
                true,
                "config: \(options.source.resolvedFile ?? "built-in defaults")"
            )
        } catch {
            report(false, "config: \(error)")
            throw ExitCode(1)
        }
        do {
            let pipeline = try NoticePipeline.loading(rulesFile: config.rules, maxBytes: config.maxFileSize)
            report(true, "rules: \(pipeline.tagger.rules.rules.count) tags (\(config.rules ?? "built-in only"))")
        } catch {
            report(false, "rules: \(error)")
        }
        let layout = SpoolLayout(root: config.spool, ignoreGlobs: config.ignore)
        for dir in [layout.incoming, layout.done, layout.failed] {
            switch Directory.kind(of: dir) {
            case .directory:
                let writable = access(dir, W_OK | X_OK) == 0
                report(writable, "spool: \(dir) \(writable ? "is writable" : "is not writable by uid \(getuid())")")
            case nil: report(false, "spool: \(dir) does not exist (noticed serve creates it, or systemd-tmpfiles)")
            default: report(false, "spool: \(dir) is not a folder")
            }
        }
        if ServiceConfig.isPostgres(config.database) {
            do {
                // Opening for writing applies missing migrations, as the daemon would on start.
                let store = try StoreOpener.open(config.database, passwordFile: config.passwordFile)
                let verdict = try store.quickCheck()
                report(verdict == "ok", "database: \(config.database): \(verdict), \(try store.count()) document(s)")
            } catch {
                report(false, "database: \(error)")
            }
        } else if FileManager.default.fileExists(atPath: config.database) {
            do {
                let store = try NoticeStore(path: config.database, readOnly: true)
                let verdict = try store.quickCheck()
                report(verdict == "ok", "database: \(config.database): \(verdict), \(try store.count()) document(s)")
            } catch {
                report(false, "database: \(error)")
            }
        } else {
            let dir = (config.database as NSString).deletingLastPathComponent
            let creatable = access(dir.isEmpty ? "." : dir, W_OK) == 0
            report(
                creatable,
                "database: \(config.database) does not exist yet\(creatable ? " (will be created)" : " and \(dir) is not writable")"
            )
        }
        if problems > 0 { throw ExitCode(1) }
    }
}
