public import Pipeline

/// Damaged copies in one legacy charset, decoded: how many the decoder refused or misread.
///
/// Each copy is Traditional (always, for Big5) with pinyin annotations where the charset
/// holds tone letters, U+FFFD left by an earlier conversion where it holds that (GB18030,
/// as the four-byte 84 31 A4 37), one to four seed notices long. A copy is counted only if
/// the generator could write it in the charset, so every counted file is valid in it.
public enum LegacyVolume {
    public struct Result: Sendable {
        public var checked = 0
        /// "name: why", for the copies refused or read as another charset.
        public var refused: [String] = []
    }

    public static func run(_ encoding: TextEncoding, count: Int, documents: [[String]]) -> Result? {
        var options = DamageGenerator.Options()
        options.encodings = [encoding]
        options.traditional = encoding == .big5 ? 1 : 0.8
        options.pinyinRate = 0.2
        options.replacementRate = encoding == .gb18030 ? 0.003 : 0
        // Big5 has no toned pinyin letters, so the generator's `（hǎo）` decoys would force
        // nearly every long copy out of Big5.
        if encoding == .big5 { options.decoyRate = 0 }
        guard let generator = DamageGenerator(options: options), !documents.isEmpty else { return nil }
        let decoder = Decoder()
        var result = Result()
        for n in 0..<count {
            let lines = (0..<(1 + n % 4)).flatMap { documents[(n + $0) % documents.count] }
            let sample = generator.damage(lines, name: "v\(n).txt", seed: UInt64(n) &* 0x9E37_79B9)
            guard sample.encoding == encoding else { continue }
            result.checked += 1
            do {
                let decoded = try decoder.decode(sample.bytes)
                if decoded.encoding != encoding { result.refused.append("\(sample.name): read as \(decoded.encoding)") }
            } catch {
                result.refused.append("\(sample.name): \(error.message)")
            }
        }
        return result
    }
}
