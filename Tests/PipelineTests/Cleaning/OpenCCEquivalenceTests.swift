import Corpus
import Pipeline
import TestKit
import Testing

/// Our converter over OpenCC's exported dictionaries gives libopencc's own t2s output.
@Suite("OpenCC equivalence")
struct OpenCCEquivalenceTests {
    @Test("equal to libopencc t2s on the benchmark corpus, every dictionary key and the seeds")
    func equivalent() throws {
        let reference = try #require(OpenCCReference(config: "t2s.json"))
        let s2t = try #require(OpenCCReference(config: "s2t.json"))
        let ours = ChineseConverter.traditionalToSimplified
        var texts = Fixtures.seedNames().map { String(decoding: Fixtures.seed($0).bytes, as: UTF8.self) }
        texts += Fixtures.cleanDocuments().map { s2t.convert($0.joined(separator: "\n")) }
        var options = DamageGenerator.Options()
        options.encodings = [.utf8]
        options.traditional = 1
        if let generator = DamageGenerator(options: options) {
            let docs = Fixtures.cleanDocuments()
            for i in 0..<200 {
                let sample = generator.damage(docs[i % docs.count], name: "e\(i)", seed: UInt64(1000 + i))
                texts.append(String(decoding: sample.bytes, as: UTF8.self))
            }
        }
        texts.append(Pipeline.openCCDictionaryKeys().joined(separator: "\n"))
        var mismatches = 0
        for text in texts {
            let want = reference.convert(text)
            let got = ours.convert(text)
            if got != want {
                mismatches += 1
                let diff = zip(got.split(separator: "\n"), want.split(separator: "\n")).first { $0 != $1 }
                Issue.record("differs: \(diff.map { "\($0.0) vs \($0.1)" } ?? "length")")
            }
        }
        #expect(mismatches == 0)
        #expect(texts.count > 100)
    }
}
