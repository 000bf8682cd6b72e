import ArgumentParser
import Daemon
import Dispatch
import Foundation
import Pipeline
import Store
import TestKit

/// `make soak`: a steady drop rate for a while, with the daemon's RSS, open descriptors
/// and queue depth sampled every second. Memory must be flat: a leak shows as a slope.
struct Soak: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak", abstract: "Steady drops for MINUTES; RSS, descriptors and queue depth sampled each second."
    )

    @Option(help: "Duration in minutes.") var minutes: Double = 10
    @Option(help: "Files dropped per second.") var rate = 50
    @Option(help: "Largest acceptable RSS slope over the second half, MiB per minute.") var maxSlope = 0.5
    @Option(help: "The noticed binary.") var binary: String?

    struct Sample {
        var second: Double
        var rssKiB: Int
        var fds: Int
        var queued: Int
    }

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-soak-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let daemon = try DaemonProcess(
            binary: binary.map { URL(fileURLWithPath: $0) } ?? DaemonProcess.siblingBinary,
            spool: dir.appendingPathComponent("spool"), db: dir.appendingPathComponent("n.sqlite").path,
            log: dir.appendingPathComponent("serve.log"), extra: ["--settle-delay", "0.2", "--after", "delete"])
        let staging = dir.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        // A pool of notices; each drop adds a serial line, so every file is distinct.
        let pool = try NoticeCorpus().generate(2000, seed: 42, prefix: "s")
        let total = Int(minutes * 60) * rate
        print("soak: \(rate) files/s for \(minutes) min (\(total) files)")
        try daemon.start()

        var samples: [Sample] = []
        let t0 = DispatchTime.now().uptimeNanoseconds
        var dropped = 0
        var second = 0
        while dropped < total {
            second += 1
            for _ in 0..<min(rate, total - dropped) {
                let notice = pool[dropped % pool.count]
                let name = "f\(dropped).txt"
                // ASCII: the same bytes in UTF-8 and GB18030, the corpus's two encodings.
                let bytes = notice.bytes + Array("\nNo. \(dropped)\n".utf8)
                let staged = staging.appendingPathComponent(name)
                guard FileManager.default.createFile(atPath: staged.path, contents: Data(bytes)) else {
                    throw TestKitError("cannot write \(staged.path)")
                }
                try FileManager.default.moveItem(at: staged, to: daemon.incoming.appendingPathComponent(name))
                dropped += 1
            }
            // Sleep to the next whole second of the schedule (the steady rate), then sample.
            let next = t0 + UInt64(second) * 1_000_000_000
            let now = DispatchTime.now().uptimeNanoseconds
            if next > now { usleep(UInt32((next - now) / 1000)) }
            guard daemon.isRunning else { throw TestKitError("the daemon exited during the soak:\n\(daemon.logTail)") }
            samples.append(
                Sample(
                    second: Double(second), rssKiB: ProcessProbe.rss(daemon.pid) ?? 0,
                    fds: ProcessProbe.descriptors(daemon.pid) ?? 0, queued: daemon.state()?.queued ?? 0))
            if second % 60 == 0 {
                let s = samples.last!
                print(
                    String(
                        format: "  %3d min: RSS %.1f MiB, %d fds, queued %d", second / 60, Double(s.rssKiB) / 1024,
                        s.fds, s.queued))
            }
        }
        try Deadline.wait("the last files to be stored", timeout: 120, poll: 100_000) {
            SpoolFiles.isEmpty(daemon.incoming) && daemon.state()?.queued == 0
        }
        let exit = daemon.stop()
        let stored = try NoticeStore(path: daemon.db, readOnly: true).count()

        let half = Array(samples.suffix(samples.count / 2))
        let slope = Self.slope(half.map { ($0.second / 60, Double($0.rssKiB) / 1024) })
        func line(_ name: String, _ values: [Double], _ unit: String) {
            print(
                String(
                    format: "%-14@ start %8.1f  end %8.1f  max %8.1f %@", name as NSString, values.first ?? 0,
                    values.last ?? 0, values.max() ?? 0, unit as NSString))
        }
        print("")
        line("RSS", samples.map { Double($0.rssKiB) / 1024 }, "MiB")
        line("open fds", samples.map { Double($0.fds) }, "")
        line("queue depth", samples.map { Double($0.queued) }, "files")
        print(String(format: "RSS slope over the second half: %+.3f MiB/min (limit %.2f)", slope, maxSlope))
        let fdSlope = Self.slope(half.map { ($0.second / 60, Double($0.fds)) })
        print(String(format: "descriptor slope over the second half: %+.3f per min", fdSlope))
        print(
            "files dropped \(dropped), stored \(stored) (log: \(daemon.count("ingested")) ingested, "
                + "\(daemon.count("duplicate")) duplicates, \(daemon.count("failed")) failed), daemon exit \(exit)")
        for line in daemon.log.split(separator: "\n").filter({ $0.contains("NOTICE_EVENT=failed") }).prefix(3) {
            print("  \(line.prefix(200))")
        }
        let ok = slope <= maxSlope && fdSlope < 1 && stored == dropped && exit == 0
        print(ok ? "soak: 1 passed, 0 failed" : "soak: 0 passed, 1 failed")
        if !ok { throw ExitCode.failure }
    }

    /// Least-squares slope of y over x.
    static func slope(_ points: [(Double, Double)]) -> Double {
        guard points.count > 1 else { return 0 }
        let n = Double(points.count)
        let mx = points.map(\.0).reduce(0, +) / n
        let my = points.map(\.1).reduce(0, +) / n
        let sxy = points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        return sxx == 0 ? 0 : sxy / sxx
    }
}
