import ArgumentParser
import Backends
import CMalloc
import Daemon
import Logging
import Pipeline

/// `noticed serve`: the daemon (run by systemd as `noticed.service`, or by hand).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Watch the spool and ingest what is dropped into it (the daemon).")

    @OptionGroup var options: ServiceOptions

    func run() throws {
        let config = try options.resolve()
        // glibc gives each thread that allocates its own malloc arena (up to 8 per core), and
        // the worker, writer and index threads each keep theirs partly resident: two arenas
        // hold the daemon's resident memory flat at a cost not measurable in its drain rate.
        _ = mallopt(M_ARENA_MAX, 2)
        // Buffers of 1 MiB and more come from mmap and go back to the system when freed. Left
        // to itself glibc raises this threshold to the largest block freed so far, so after one
        // 16 MB input every later one lives in the heap, which does not shrink (24 files of
        // 15.5 MB peaked at 707 MiB RSS).
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 4 << 20)
        let target = LogTarget(rawValue: config.logTarget) ?? .auto
        target.bootstrap(level: Logger.Level(rawValue: config.logLevel) ?? .info)
        Service(source: options.source, config: config, logger: Logger(label: "noticed"), openStore: StoreOpener.daemon)
            .run()
    }
}
