// Tool noticed-proof: the crash, fault and soak harnesses (`make crashtest`,
// `make faulttest`, `make soak`) against the real binary (not a product).

import ArgumentParser

/// `noticed-proof`: the harnesses that show the daemon loses nothing and keeps running
/// (issue 6). Each runs the real `noticed serve` built next to it, stops by itself and
/// prints its figures; the exit status says whether every promise held.
@main
struct Proof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "noticed-proof",
        abstract: "Crash, fault and soak harnesses for noticed serve.",
        subcommands: [CrashTest.self, FaultTest.self, Soak.self, Generate.self, Quality.self])
}
