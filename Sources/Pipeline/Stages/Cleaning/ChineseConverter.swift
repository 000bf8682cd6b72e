/// Traditional → Simplified conversion over OpenCC's own dictionaries.
///
/// This reproduces libopencc's `t2s.json` (maximum-match segmentation on
/// TSPhrases, then the TSPhrases → TSCharacters dictionary group, first
/// candidate) on tables exported from Debian's libopencc-data, because
/// OpenCC's C API converts at about 3.4 MB/s here, far below the pipeline's
/// budget, and its `opencc_error()` is not thread-safe. The equivalence with
/// libopencc is a test (`OpenCCEquivalenceTests`) over the benchmark corpus.
public struct ChineseConverter: Sendable {
    /// Single-scalar mappings of the Basic Multilingual Plane; 0 means "keep",
    /// `Self.elsewhere` means "see `other`".
    private let bmp: [UInt32]
    /// Mappings of other planes and to several scalars.
    private let other: [UInt32: [UInt32]]
    /// Phrases by their first scalar, longest first.
    private let phrases: [UInt32: [(key: [UInt32], value: [UInt32])]]
    /// Bit set over the BMP: does a phrase start with this scalar?
    private let phraseStarts: [UInt64]

    static let elsewhere: UInt32 = 0xFFFF_FFFF

    /// libopencc's `t2s.json`.
    public static let traditionalToSimplified = ChineseConverter(
        phrases: openCCTSPhrases, characters: openCCTSCharacters)

    init(phrases phraseTable: String, characters characterTable: String) {
        var bmp = [UInt32](repeating: 0, count: 0x10000)
        var other: [UInt32: [UInt32]] = [:]
        for (key, value) in Self.entries(characterTable) where key.count == 1 {
            if key[0] < 0x10000 && value.count == 1 && value[0] != 0 {
                bmp[Int(key[0])] = value[0]
            } else {
                other[key[0]] = value
                if key[0] < 0x10000 { bmp[Int(key[0])] = Self.elsewhere }
            }
        }
        var phrases: [UInt32: [(key: [UInt32], value: [UInt32])]] = [:]
        var starts = [UInt64](repeating: 0, count: 0x10000 / 64)
        for (key, value) in Self.entries(phraseTable) where !key.isEmpty {
            phrases[key[0], default: []].append((key, value))
            if key[0] < 0x10000 { starts[Int(key[0]) >> 6] |= 1 << (UInt64(key[0]) & 63) }
        }
        for first in phrases.keys { phrases[first]!.sort { $0.key.count > $1.key.count } }
        self.bmp = bmp
        self.other = other
        self.phrases = phrases
        self.phraseStarts = starts
    }

    /// `KEY<TAB>FIRST[ MORE…]` lines → (key scalars, first candidate scalars).
    static func entries(_ table: String) -> [(key: [UInt32], value: [UInt32])] {
        table.split(separator: "\n").compactMap { line in
            guard let tab = line.firstIndex(of: "\t") else { return nil }
            let key = line[..<tab].unicodeScalars.map(\.value)
            let candidates = line[line.index(after: tab)...]
            let first = candidates.split(separator: " ").first ?? candidates
            return (key, first.unicodeScalars.map(\.value))
        }
    }

    public func convert(_ input: [UInt32]) -> [UInt32] {
        var out = [UInt32]()
        out.reserveCapacity(input.count)
        let n = input.count
        var i = 0
        outer: while i < n {
            let v = input[i]
            if v < 0x10000 {
                if phraseStarts[Int(v) >> 6] & (1 << (UInt64(v) & 63)) != 0, let candidates = phrases[v] {
                    for (key, value) in candidates where key.count <= n - i {
                        var k = 1
                        while k < key.count && input[i + k] == key[k] { k += 1 }
                        if k == key.count {
                            out.append(contentsOf: value)
                            i += key.count
                            continue outer
                        }
                    }
                }
                let mapped = bmp[Int(v)]
                if mapped == 0 {
                    out.append(v)
                } else if mapped == Self.elsewhere, let many = other[v] {
                    out.append(contentsOf: many)
                } else {
                    out.append(mapped)
                }
            } else if let candidates = phrases[v],
                let hit = candidates.first(where: {
                    $0.key.count <= n - i && Array(input[i..<(i + $0.key.count)]) == $0.key
                })
            {
                out.append(contentsOf: hit.value)
                i += hit.key.count
                continue
            } else {
                out.append(contentsOf: other[v] ?? [v])
            }
            i += 1
        }
        return out
    }

    /// One scalar's single-character mapping, without phrases: for statistics, not for text.
    func character(_ v: UInt32) -> UInt32 {
        guard v < 0x10000 else { return v }
        let mapped = bmp[Int(v)]
        return mapped == 0 || mapped == Self.elsewhere ? v : mapped
    }

    public func convert(_ text: String) -> String {
        ScalarText.string(convert(text.unicodeScalars.map(\.value)))
    }
}

/// Every key of the t2s dictionaries, one per element: the converter's equivalence corpus.
public func openCCDictionaryKeys() -> [String] {
    (ChineseConverter.entries(openCCTSPhrases) + ChineseConverter.entries(openCCTSCharacters)).map {
        ScalarText.string($0.key)
    }
}
