import Foundation

/// The closing table of `make bench`: each figure as median [min–max] of its runs, beside the
/// baseline measured in the same run on the same corpus, and ours over the baseline.
final class Summary: @unchecked Sendable {
    struct Stat {
        var median: Double
        var min: Double
        var max: Double
        var runs: Int

        init(_ values: [Double]) {
            let sorted = values.sorted()
            median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
            min = sorted.first ?? 0
            max = sorted.last ?? 0
            runs = sorted.count
        }

        func text(_ format: String) -> String {
            runs > 1
                ? "\(String(format: format, median)) [\(String(format: format, min))–\(String(format: format, max))] ×\(runs)"
                : "\(String(format: format, median)) ×1"
        }
    }

    struct Line {
        var figure: String
        var ours: Stat
        var unit: String
        var format: String
        var baseline: (name: String, stat: Stat)?
    }

    private var lines: [Line] = []

    func add(
        _ figure: String, _ ours: [Double], unit: String, format: String = "%.1f",
        baseline: (name: String, values: [Double])? = nil
    ) {
        lines.append(
            Line(
                figure: figure, ours: Stat(ours), unit: unit, format: format,
                baseline: baseline.map { ($0.name, Stat($0.values)) }))
    }

    func print() {
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: Swift.max(0, n - s.count)) }
        let rows = lines.map { line -> [String] in
            let base = line.baseline.map { "\($0.name): \($0.stat.text(line.format))" } ?? "–"
            let ratio =
                line.baseline.map { String(format: "%.2f×", line.ours.median / Swift.max($0.stat.median, 1e-9)) } ?? ""
            return [line.figure, line.ours.text(line.format) + " " + line.unit, base, ratio]
        }
        let header = ["figure", "noticed: median [min–max] ×runs", "baseline, same run and corpus", "ours/base"]
        let widths = (0..<4).map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        Swift.print("\n== summary ==")
        Swift.print((0..<4).map { pad(header[$0], widths[$0]) }.joined(separator: "  "))
        for row in rows { Swift.print((0..<4).map { pad(row[$0], widths[$0]) }.joined(separator: "  ")) }
    }
}
