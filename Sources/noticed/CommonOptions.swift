import ArgumentParser
import Backends
import Daemon
import Foundation
import Pipeline
import Store

/// `--db PATH` (and `--config PATH`), shared by every command that reads or writes the store:
/// the flag, else the config file's `database`, else the developer's `./var/notices.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "The store: a SQLite file or postgresql://USER@HOST:PORT/DB (default: the config's database, else ./var/notices.sqlite)."
    )
    var db: String?

    @Option(name: .long, help: "The PostgreSQL password's file (default: the config's password_file, else PGPASSFILE).")
    var passwordFile: String?

    @Option(name: .long, help: "The config file (default \(ServiceConfig.defaultPath), if it exists).")
    var config: String?

    func open(readOnly: Bool = false) throws -> any NoticeStoring {
        let config = try ConfigSource(file: config).load()
        return try StoreOpener.open(
            db ?? config.database, passwordFile: passwordFile ?? config.passwordFile, readOnly: readOnly)
    }
}

/// `--rules PATH` and `--max-bytes`: what shapes the pipeline.
struct PipelineOptions: ParsableArguments {
    @Option(name: .long, help: "An operator rules file (TOML) applied over the built-in tags.")
    var rules: String?

    @Option(name: .long, help: "Largest file accepted, in bytes.")
    var maxBytes: Int = 16 << 20

    func pipeline() throws(ConfigError) -> NoticePipeline {
        try NoticePipeline.loading(rulesFile: rules, maxBytes: maxBytes)
    }
}

/// A progress bar on a terminal, plain progress lines otherwise.
final class Progress {
    let total: Int
    let label: String
    let tty = isatty(STDERR_FILENO) == 1
    private var lastLine = 0
    private var lastDraw = Date.distantPast

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    func update(_ done: Int, _ detail: String) {
        if tty {
            guard done == total || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = Date()
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total) \(detail)\u{1B}[K".utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            let step = max(1000, total / 20)
            guard done == total || done - lastLine >= step else { return }
            lastLine = done
            FileHandle.standardError.write(Data("\(label): \(done)/\(total) \(detail)\n".utf8))
        }
    }
}
