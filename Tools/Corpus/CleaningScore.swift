public import Pipeline

/// Scores cleaning against generated damage: how many copies come back exactly,
/// and the precision and recall of pinyin removal and of chrome/spam line removal.
public struct CleaningScore: Sendable {
    public struct Rate: Sendable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
    }

    public var files = 0
    public var restored = 0
    public var failed = 0
    public var pinyin = Rate()
    public var lines = Rate()
    public var encodings: [TextEncoding: Int] = [:]
    public var mismatches: [String] = []

    public static func measure(generator: DamageGenerator, documents: [[String]], count: Int, seed: UInt64 = 1)
        -> CleaningScore
    {
        var score = CleaningScore()
        let cleaner = Cleaner()
        for i in 0..<count {
            let sample = generator.damage(documents[i % documents.count], name: "doc\(i)", seed: seed &+ UInt64(i))
            score.files += 1
            score.encodings[sample.encoding, default: 0] += 1
            guard let clean = try? cleaner.clean(RawNotice(file: sample.name, bytes: sample.bytes)) else {
                score.failed += 1
                continue
            }
            let got = clean.simplified.split(separator: "\n").map(String.init)
            if got == sample.expectedLines {
                score.restored += 1
            } else if score.mismatches.count < 5 {
                let diff = zip(got, sample.expectedLines).first { $0 != $1 }
                score.mismatches.append(
                    "\(sample.name): \(diff.map { "got \($0.0) want \($0.1)" } ?? "line count \(got.count) vs \(sample.expectedLines.count)")"
                )
            }
            // Pinyin: annotations still in the output are misses; removals beyond the hits are false.
            let left =
                Self.annotations(in: clean.simplified)
                - Self.annotations(in: sample.expectedLines.joined(separator: "\n"))
            let hits = sample.pinyinInserted - max(0, left)
            score.pinyin.truePositives += hits
            score.pinyin.falseNegatives += max(0, left)
            score.pinyin.falsePositives += max(0, clean.quality.pinyinRemoved - hits)
            // Lines: inserted chrome left in is a miss; a body line missing is a false removal.
            let expected = Set(sample.expectedLines)
            let extra = got.filter { !expected.contains($0) }.count
            let missing = sample.expectedLines.filter { !got.contains($0) }.count
            let inserted = sample.boilerplateInserted + sample.spamInserted
            score.lines.truePositives += inserted - min(inserted, extra)
            score.lines.falseNegatives += min(inserted, extra)
            score.lines.falsePositives += missing
        }
        return score
    }

    /// `（pinyin）` or `(pinyin)` groups: letters only between brackets.
    static func annotations(in text: String) -> Int {
        var n = 0
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "(" || scalars[i] == "（" {
                var j = i + 1
                while j < scalars.count, scalars[j].properties.isAlphabetic, scalars[j].value < 0x2E80 { j += 1 }
                if j > i + 1, j < scalars.count, scalars[j] == ")" || scalars[j] == "）" { n += 1 }
            }
            i += 1
        }
        return n
    }

    public var report: String {
        func pct(_ x: Double) -> String { String(Double(Int(x * 100_000)) / 1000) + "%" }
        let enc = TextEncoding.allCases.map { "\($0.rawValue)=\(encodings[$0] ?? 0)" }.joined(separator: " ")
        return """
            damaged copies: \(files) (\(enc)); restored exactly: \(restored); failed: \(failed)
            pinyin removal: precision \(pct(pinyin.precision)) recall \(pct(pinyin.recall)) (tp \(pinyin.truePositives), fp \(pinyin.falsePositives), fn \(pinyin.falseNegatives))
            chrome+spam line removal: precision \(pct(lines.precision)) recall \(pct(lines.recall)) (tp \(lines.truePositives), fp \(lines.falsePositives), fn \(lines.falseNegatives))
            """ + (mismatches.isEmpty ? "" : "\nfirst mismatches:\n" + mismatches.joined(separator: "\n"))
    }
}
