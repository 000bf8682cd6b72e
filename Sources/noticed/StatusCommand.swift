import ArgumentParser
import Backends
import Daemon
import Foundation
import Pipeline
import Store

/// `noticed status`: the daemon's state for people without journal access, from the
/// state file the daemon keeps beside its database, the spool and the store.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the daemon's state, queue depth, failures and last ingest.")

    @OptionGroup var options: ServiceOptions

    func run() throws {
        let config = try options.resolve()
        let layout = SpoolLayout(root: config.spool, ignoreGlobs: config.ignore)
        var lines: [String] = []
        if let snapshot = StateFile(database: config.localStateBase).read() {
            let alive = snapshot.isAlive
            let state = alive ? snapshot.state : "not running (last seen \(snapshot.state) at \(snapshot.updated))"
            lines.append("daemon:      \(state)\(alive ? " (pid \(snapshot.pid), since \(snapshot.started))" : "")")
            if alive {
                lines.append(
                    "this run:    ingested \(snapshot.ingested), duplicates \(snapshot.duplicates), failed \(snapshot.failed), in queue \(snapshot.queued)"
                )
                if let stuck = snapshot.stuck, stuck > 0 {
                    lines.append("stuck:       \(stuck) stored file(s) cannot leave incoming/ (fix and restart):")
                    for line in snapshot.stuckFiles ?? [] { lines.append("               \(line)") }
                }
                if let workers = snapshot.stuckWorkers, workers > 0 {
                    lines.append(
                        "workers:     \(workers) stuck past the file budget (the watchdog restarts the daemon)")
                }
                if let unwatched = snapshot.unwatchedFolders, unwatched > 0 {
                    lines.append(
                        "watching:    scanning \(unwatched) folder(s) every few seconds: inotify watches are exhausted "
                            + "(raise fs.inotify.max_user_watches)")
                }
            }
        } else {
            lines.append("daemon:      never started with this database")
        }
        lines.append("spool:       \(layout.root)")
        lines.append("waiting:     \(SpoolLayout.fileCount(layout.incoming)) file(s) in incoming/")
        lines.append("failed:      \(SpoolLayout.fileCount(layout.failed)) file(s) in failed/")
        if ServiceConfig.isPostgres(config.database) || FileManager.default.fileExists(atPath: config.database) {
            let store = try StoreOpener.open(config.database, passwordFile: config.passwordFile, readOnly: true)
            let stats = try store.stats()
            lines.append(
                "store:       \(config.database): \(stats.documents) document(s), \(stats.duplicates) duplicate sighting(s)"
            )
            lines.append("last ingest: \(stats.lastIngest ?? "never")")
            if let failure = stats.recentFailures.first { lines.append("last failure: \(failure)") }
        } else {
            lines.append("store:       \(config.database) does not exist yet")
        }
        print(lines.joined(separator: "\n"))
    }
}
