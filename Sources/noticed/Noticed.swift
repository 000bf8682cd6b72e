// Executable noticed: thin ArgumentParser commands over Daemon and Store (DESIGN §7).
//
// Promises: the CLI of DESIGN §7; every failure is one line and a non-zero exit, never a
// trace. May touch: Daemon, Store, Pipeline, ArgumentParser, glibc's malloc tuning (serve).
// Holds no logic a test would need: that lives in Daemon.

import ArgumentParser
import Daemon

/// The `noticed` command: one binary for the daemon and the analyst's tools.
@main
struct Noticed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "noticed",
        abstract: "Clean, tag and store scraped Chinese government notices.",
        subcommands: [
            ServeCommand.self, StatusCommand.self, CheckCommand.self, InspectCommand.self, IngestCommand.self,
            SearchCommand.self, ShowCommand.self, StatsCommand.self,
            ExportCommand.self, ReprocessCommand.self, WebCommand.self, CopyCommand.self,
        ]
    )
}
