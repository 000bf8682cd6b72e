internal import Foundation

/// bm25 over the window of newest matches that search ranks, finished here.
///
/// FTS5's bm25() counts, once per statement, the documents that contain each phrase of the
/// query by evaluating the phrase over the whole index: for a long phrase of common bigrams
/// that took three quarters of a search on 100,000 documents. `noticed_bm25_stats` (C,
/// target `CRank`) gives per row what bm25() uses besides those counts, and the counts are
/// taken from the window itself: exact when the window holds every match (so the scores are
/// bm25()'s for one-phrase and OR queries), else scaled by the share of the index the window
/// spans. Inside an AND every match holds every phrase, so the phrases weigh alike there.
package enum WindowRanking {
    /// FTS5's bm25() constants.
    static let k1 = 1.2
    static let b = 0.75
    /// Column weights: title, text (as the index's `rank` option says).
    static let weights = "3.0, 1.0"

    /// One match: its id and the stats blob (`[rows, mean tokens, tokens, freq per phrase…]`).
    package static func rank(_ window: [(id: Int64, stats: [Double])], complete: Bool) -> [(id: Int64, score: Double)] {
        guard let first = window.first, first.stats.count >= 3 else { return window.map { ($0.id, 0) } }
        let rows = first.stats[0]
        let meanTokens = max(first.stats[1], 1)
        let phrases = first.stats.count - 3
        var containing = [Double](repeating: 0, count: phrases)
        for match in window {
            for i in 0..<phrases where i + 3 < match.stats.count && match.stats[i + 3] > 0 { containing[i] += 1 }
        }
        if !complete, let last = window.last, first.id >= last.id {
            // The window spans rowids last…first: scale its counts to the whole index.
            let span = Double(first.id - last.id + 1)
            let scale = max(1, rows / span)
            containing = containing.map { $0 * scale }
        }
        let idf = containing.map { n in
            let value = log((rows - n + 0.5) / (n + 0.5))
            return value > 0 ? value : 1e-6
        }
        return window.map { match in
            let d = k1 * (1 - b + b * match.stats[2] / meanTokens)
            var score = 0.0
            for i in 0..<phrases where i + 3 < match.stats.count {
                let f = match.stats[i + 3]
                score += idf[i] * (f * (k1 + 1)) / (f + d)
            }
            return (match.id, score)
        }
    }

    /// The doubles of a stats blob.
    static func stats(_ data: Data) -> [Double] {
        data.withUnsafeBytes { raw in
            (0..<(raw.count / 8)).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self) }
        }
    }
}
