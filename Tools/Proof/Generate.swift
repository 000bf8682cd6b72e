import ArgumentParser
import Foundation
import Pipeline
import TestKit

/// `noticed-proof generate`: the harnesses' generated notices written to a folder, for
/// experiments by hand (an RSS curve, a profile) on the same files the harnesses use.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write N generated notices into a folder.")

    @Option(help: "How many files.") var count = 10_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Argument(help: "The folder (created).") var folder: String

    func run() throws {
        let files = try NoticeCorpus().generate(count, seed: seed, prefix: "g")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try SpoolFiles.write(files.map { ($0.file, $0.bytes) }, to: URL(fileURLWithPath: folder))
        print("\(files.count) files in \(folder)")
    }
}
