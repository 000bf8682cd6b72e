import Corpus
import Pipeline
import TestKit
import Testing

/// Properties that hold for every input: idempotence, and no hanzi lost outside what was removed.
@Suite("Cleaning properties")
struct CleaningPropertyTests {
    static let cleaner = Cleaner()

    static let generated: [String: [UInt8]] = {
        var samples: [String: [UInt8]] = [:]
        if let generator = DamageGenerator() {
            let docs = Fixtures.cleanDocuments()
            for i in 0..<60 {
                let sample = generator.damage(docs[i % docs.count], name: "generated-\(i)", seed: UInt64(i))
                samples[sample.name] = sample.bytes
            }
        }
        return samples
    }()

    /// Seed names and generated sample names (arguments stay small and readable).
    static func inputs() -> [String] { Fixtures.seedNames() + generated.keys.sorted() }

    static func raw(_ name: String) -> RawNotice {
        generated[name].map { RawNotice(file: name, bytes: $0) } ?? Fixtures.seed(name)
    }

    @Test("clean(clean(x)) == clean(x)", arguments: inputs())
    func idempotent(_ name: String) throws {
        let raw = Self.raw(name)
        let once = try Self.cleaner.clean(raw)
        let twice = try Self.cleaner.clean(RawNotice(file: raw.file, bytes: Array(once.text.utf8)))
        #expect(twice.text == once.text)
        #expect(twice.simplified == once.simplified)
        #expect(twice.quality.pinyinRemoved == 0 && twice.quality.boilerplateLines == 0 && twice.quality.spamLines == 0)
    }

    static func hanzi(_ scalars: some Sequence<UInt32>) -> [UInt32] {
        scalars.filter { ($0 >= 0x4E00 && $0 <= 0x9FFF) || ($0 >= 0x3400 && $0 <= 0x4DBF) }
    }

    @Test("no hanzi leaves except inside a removed annotation or a removed line", arguments: inputs())
    func keepsHanzi(_ name: String) throws {
        let raw = Self.raw(name)
        let prepared = try Self.cleaner.prepare(raw)
        let decoded = try Self.cleaner.decoder.decode(raw.bytes).scalars
        // Pinyin stripping and punctuation repair remove no hanzi.
        #expect(Self.hanzi(prepared.lines.joined()) == Self.hanzi(decoded))
        // Each output line is a whole prepared line; the rest are the removed lines.
        let clean = try Self.cleaner.clean(raw)
        let kept = clean.text.split(separator: "\n").map { Self.hanzi($0.unicodeScalars.map(\.value)) }
        var remaining = kept[...]
        var removed = 0
        for line in prepared.lines {
            if let next = remaining.first, next == Self.hanzi(line) {
                remaining = remaining.dropFirst()
            } else {
                removed += 1
            }
        }
        #expect(remaining.isEmpty)
        #expect(removed == clean.quality.boilerplateLines + clean.quality.spamLines)
    }
}
