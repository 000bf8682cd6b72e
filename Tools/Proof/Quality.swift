import ArgumentParser
import Corpus
import Foundation
import Pipeline

/// `noticed-proof quality` (`make quality`): the pipeline on a corpus of real documents
/// with hand-written gold (Tests/PipelineTests/Fixtures/real/*/gold.jsonl), scored by
/// `GoldScore`: the share of gold checks that hold, and precision and recall per field.
struct Quality: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality", abstract: "Per-field precision and recall on the real corpus with gold.")

    @Option(help: "Folder holding one folder per group, each with its documents and a gold.jsonl.")
    var corpus = "Tests/PipelineTests/Fixtures/real"
    @Flag(help: "Print every failing check.") var verbose = false

    func run() throws {
        var score = GoldScore.Score()
        for (group, groupScore) in try GoldScore.score(corpus: URL(fileURLWithPath: corpus), verbose: verbose) {
            print(
                "\(group): \(groupScore.held)/\(groupScore.checks) checks hold (\(Self.percent(groupScore.held, groupScore.checks)))"
            )
            score.merge(groupScore)
        }
        print("\nall: \(score.held)/\(score.checks) checks hold (\(Self.percent(score.held, score.checks)))\n")
        print("field            precision   recall     tp   fp   fn")
        for field in GoldScore.fields + ["people", "positions", "tags"] {
            let c = score.counts[field, default: GoldScore.Counts()]
            print(
                field.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + Self.percent(c.tp, c.tp + c.fp).leftPad(9) + Self.percent(c.tp, c.tp + c.fn).leftPad(9)
                    + String(c.tp).leftPad(7) + String(c.fp).leftPad(5) + String(c.fn).leftPad(5))
        }
    }

    static func percent(_ a: Int, _ b: Int) -> String {
        b == 0 ? "–" : String(format: "%.1f %%", 100 * Double(a) / Double(b))
    }
}

extension String {
    fileprivate func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
