/// A 64-bit SimHash over character 3-grams of the Simplified text, for near-duplicates.
///
/// The same notice reposted by several sites differs in script, pinyin,
/// punctuation and chrome; after cleaning, their Simplified texts differ in a
/// few lines at most, so their SimHashes differ in a few bits. Only hanzi
/// make shingles: repaired punctuation, spaces and bracketed Latin asides
/// (`（COVID-19）`) that one site has and another lacks do not count. `NearDuplicateTests` measures the distances that chose `threshold`.
public enum SimHash {
    /// Largest Hamming distance at which two texts are the same notice.
    public static let threshold = 3
    /// Four 16-bit bands: two hashes within `threshold` ≤ 3 bits share at least one band,
    /// so looking up the bands finds every candidate.
    public static let bands = 4

    public static func hash(_ text: String) -> UInt64 {
        var chars: [UInt32] = []
        chars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if CharacterClass.isHanzi(v) { chars.append(v) }
        }
        var weights = [Int](repeating: 0, count: 64)
        guard chars.count >= 3 else { return fnv(chars[...]) }
        for i in 0...(chars.count - 3) {
            let h = fnv(chars[i..<(i + 3)])
            for bit in 0..<64 { weights[bit] += (h >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    static func fnv(_ scalars: ArraySlice<UInt32>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for v in scalars {
            h = (h ^ UInt64(v)) &* 0x0000_0100_0000_01B3
        }
        // Final avalanche (splitmix) so neighbouring shingles spread over all bits.
        h ^= h >> 30
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 27
        h = h &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }
}
