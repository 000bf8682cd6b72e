import Corpus
import Pipeline
import TestKit
import Testing

/// Cleaning restores generated scraped copies; precision and recall of each repair.
@Suite("Damaged copies")
struct DamagedCorpusTests {
    @Test("1,000 damaged copies in every encoding are restored")
    func restores() throws {
        let generator = try #require(DamageGenerator())
        let score = CleaningScore.measure(generator: generator, documents: Fixtures.cleanDocuments(), count: 1000)
        let report = Comment(rawValue: score.report)
        #expect(score.failed == 0, report)
        #expect(score.restored >= 990, report)
        #expect(score.pinyin.recall >= 0.999 && score.pinyin.precision >= 0.999, report)
        #expect(score.lines.recall >= 0.99 && score.lines.precision >= 0.99, report)
        #expect(Set(score.encodings.keys) == Set(TextEncoding.allCases))
    }
}
