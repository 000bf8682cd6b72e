import Dispatch
import Foundation

/// One timed `noticed ingest` of a folder into a fresh store: the baseline that both the
/// store figures (against the pipeline alone) and the daemon figures (against its drain)
/// compare with, run the same way for both.
enum IngestRun {
    /// The `noticed` binary built beside this benchmark.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("noticed")
    }

    /// Files per second for `files` files under `folder`, stored into `db`.
    static func filesPerSecond(_ folder: URL, files: Int, db: URL) throws -> Double {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["ingest", folder.path, "--db", db.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        process.waitUntilExit()
        return Double(files) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}
