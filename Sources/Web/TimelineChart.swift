/// Matches per month as an inline SVG bar chart, drawn by the server (no script): one `rect`
/// per month from the first to the last, empty months included, each with its month and count
/// in `data-` attributes and a `<title>` tooltip, and a link narrowing the search to that month
/// (`link` gives it escaped for an attribute: the caller escapes a shared part once).
enum TimelineChart {
    static let width = 720
    static let height = 120

    static func svg(_ months: [(period: String, count: Int)], link: (String) -> String) -> String {
        let filled = fill(months)
        guard !filled.isEmpty else { return "<p class=\"no-timeline\">没有带日期的结果。</p>" }
        let most = max(1, filled.map(\.count).max() ?? 1)
        let slot = Double(width) / Double(filled.count)
        let bar = max(1.0, slot * 0.8)
        var out =
            "<svg class=\"chart\" role=\"img\" aria-label=\"按月分布\" viewBox=\"0 0 \(width) \(height + 16)\" width=\"\(width)\" height=\"\(height + 16)\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (i, month) in filled.enumerated() {
            let h = month.count == 0 ? 0 : max(2, Int((Double(month.count) / Double(most) * Double(height)).rounded()))
            let x = Double(i) * slot
            let period = HTMLText.escape(month.period)
            out += "<a href=\"\(link(month.period))\">"
            out +=
                "<rect class=\"bar\" data-period=\"\(period)\" data-count=\"\(month.count)\" x=\"\(format(x))\" y=\"\(height - h)\" width=\"\(format(bar))\" height=\"\(h)\">"
            out += "<title>\(period)：\(month.count) 条</title></rect></a>"
        }
        let first = HTMLText.escape(filled.first!.period)
        let last = HTMLText.escape(filled.last!.period)
        out += "<text x=\"0\" y=\"\(height + 13)\" class=\"axis\">\(first)</text>"
        out += "<text x=\"\(width)\" y=\"\(height + 13)\" class=\"axis end\">\(last)</text></svg>"
        return out
    }

    /// Every month from the first to the last (at most 50 years), zero where nothing matched.
    static func fill(_ months: [(period: String, count: Int)]) -> [(period: String, count: Int)] {
        let parsed = months.compactMap { m -> (Int, Int)? in
            let parts = m.period.split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), let mo = Int(parts[1]), (1...12).contains(mo) else {
                return nil
            }
            return (y * 12 + mo - 1, m.count)
        }
        guard let low = parsed.map(\.0).min(), let high = parsed.map(\.0).max() else { return [] }
        let counts = Dictionary(parsed, uniquingKeysWith: +)
        let start = max(low, high - 600)
        return (start...high).map { index in
            let year = index / 12
            let month = index % 12 + 1
            let period = String(year) + "-" + (month < 10 ? "0" : "") + String(month)
            return (period, counts[index] ?? 0)
        }
    }

    /// One decimal, truncated (`3.7`); values are never negative.
    private static func format(_ value: Double) -> String {
        let tenths = Int(value * 10)
        return String(tenths / 10) + "." + String(tenths % 10)
    }
}
