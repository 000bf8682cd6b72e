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
            ExportCommand.self, ReprocessCommand.self,
        ]
    )
}
