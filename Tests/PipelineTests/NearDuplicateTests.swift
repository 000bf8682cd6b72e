import Corpus
import Pipeline
import Testing

/// How the SimHash threshold was chosen: damaged copies of one notice against different notices.
@Suite("Near duplicates")
struct NearDuplicateTests {
    @Test("copies of one notice lie within the threshold; different notices lie far beyond it")
    func threshold() throws {
        let generator = try #require(DamageGenerator())
        let cleaner = Cleaner()
        var documents = Fixtures.cleanDocuments()
        for name in [
            "official/guofa-multiline-title.txt", "official/joint-issuers.txt", "official/forwarding-notice.txt",
        ] {
            documents.append(Fixtures.text(name).split(separator: "\n").map(String.init))
        }
        var same: [Int] = []
        var different: [Int] = []
        var hashes: [UInt64] = []
        for (d, lines) in documents.enumerated() {
            let reference = SimHash.hash(lines.joined(separator: "\n"))
            hashes.append(reference)
            for copy in 0..<20 {
                let sample = generator.damage(lines, name: "c", seed: UInt64(d * 100 + copy))
                let clean = try cleaner.clean(RawNotice(file: "c", bytes: sample.bytes))
                same.append(SimHash.distance(reference, SimHash.hash(clean.simplified)))
            }
        }
        for i in hashes.indices {
            for j in hashes.indices where j > i { different.append(SimHash.distance(hashes[i], hashes[j])) }
        }
        let comment = Comment(
            rawValue: "same notice: max \(same.max()!) of \(same.count); different: min \(different.min()!)")
        print(
            "near duplicates: \(comment.rawValue); same-notice distances \(Dictionary(grouping: same, by: { $0 }).mapValues(\.count).sorted { $0.key < $1.key })"
        )
        #expect(same.max()! <= SimHash.threshold, comment)
        #expect(different.min()! > 3 * SimHash.threshold, comment)
    }

    @Test("bands find every pair within the threshold")
    func bands() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<2000 {
            let a = rng.next()
            var b = a
            for _ in 0..<Int.random(in: 0...SimHash.threshold, using: &rng) {
                b ^= 1 << UInt64.random(in: 0..<64, using: &rng)
            }
            #expect(zip(SimHash.bandValues(a), SimHash.bandValues(b)).contains { $0 == $1 })
        }
    }
}
