import Corpus
import TestKit
import Testing

@testable import Pipeline
@testable import Store

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

    @Test("the in-memory bands find the same cluster as comparing with every signature")
    func bands() {
        var rng = SplitMix64(seed: 3)
        var bands = ClusterBands()
        var signatures: [UInt64] = []
        // Past two merges of the recent postings into the sorted ones.
        for i in 0..<(2 * ClusterBands.mergeAt + 500) {
            // Every third signature lies near an earlier one, as reposts do.
            var h = rng.next()
            if i % 3 == 2, let base = signatures.randomElement(using: &rng) {
                h = base
                for _ in 0..<Int.random(in: 0...5, using: &rng) { h ^= 1 << UInt64.random(in: 0..<64, using: &rng) }
            }
            signatures.append(h)
            bands.add(id: Int64(i + 1), signature: h)
        }
        for _ in 0..<3000 {
            var query = signatures.randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 0...(SimHash.threshold + 1), using: &rng) {
                query ^= 1 << UInt64.random(in: 0..<64, using: &rng)
            }
            let distances = signatures.map { SimHash.distance(query, $0) }
            let best = distances.min()!
            let expected = best <= SimHash.threshold ? Int64(distances.firstIndex(of: best)! + 1) : nil
            #expect(bands.nearest(query) == expected)
        }
    }
}
