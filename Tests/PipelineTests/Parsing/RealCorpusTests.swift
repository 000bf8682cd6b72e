import Corpus
import Foundation
import TestKit
import Testing

/// The real development corpus (Fixtures/real: 85 documents no code here wrote, gold written by
/// reading them) held to the floor it has reached: the share of checks, and each field's precision
/// and recall. A change that lowers any of them fails here; raise the floors when a change lifts them.
@Suite("real corpus")
struct RealCorpusTests {
    /// Whole percent floors: (precision, recall).
    static let floors: [String: (Double, Double)] = [
        "title": (94, 94), "published": (93, 90), "event_date": (97, 91), "agency": (91, 77),
        "region.code": (99, 75), "level": (96, 77), "kind": (92, 92), "doc_number": (99, 96),
        "people": (99, 83), "positions": (99, 83), "tags": (80, 87),
    ]
    static let checksFloor = 89.0

    @Test("the share of gold checks and every field's precision and recall stay at their floors")
    func floorsHold() throws {
        var score = GoldScore.Score()
        for (_, group) in try GoldScore.score(corpus: Fixtures.directory.appendingPathComponent("real")) {
            score.merge(group)
        }
        #expect(score.checks > 1_400, "the gold was read")
        let share = 100 * Double(score.held) / Double(score.checks)
        #expect(
            share >= Self.checksFloor,
            "checks: \(score.held)/\(score.checks); first failures: \(score.failures.prefix(20))")
        for (field, floor) in Self.floors {
            let counts = score.counts[field, default: GoldScore.Counts()]
            #expect(100 * counts.precision >= floor.0, "\(field) precision \(counts.precision)")
            #expect(100 * counts.recall >= floor.1, "\(field) recall \(counts.recall)")
        }
    }
}
