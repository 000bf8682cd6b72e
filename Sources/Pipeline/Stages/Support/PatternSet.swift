/// A small set of scalar patterns, indexed by first and last scalar, for "which pattern
/// starts (or ends) here" probes at every position of a text.
///
/// Scanning a list of sixty titles or three thousand place names at each
/// index made parsing the slowest stage; with a bit-set reject and a bucket
/// per scalar a probe costs one array read on most positions.
struct PatternSet: Sendable {
    let patterns: [[UInt32]]
    private let byFirst: [UInt32: [[UInt32]]]
    private let byLast: [UInt32: [[UInt32]]]
    private let firstBits: [UInt64]
    private let lastBits: [UInt64]

    init(_ strings: [String]) { self.init(scalarPatterns: strings.map { scalars($0) }) }

    init(scalarPatterns: [[UInt32]]) {
        let patterns = scalarPatterns.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        var byFirst: [UInt32: [[UInt32]]] = [:]
        var byLast: [UInt32: [[UInt32]]] = [:]
        var firstBits = [UInt64](repeating: 0, count: 1024)
        var lastBits = [UInt64](repeating: 0, count: 1024)
        for p in patterns {
            byFirst[p[0], default: []].append(p)
            byLast[p[p.count - 1], default: []].append(p)
            Self.set(&firstBits, p[0])
            Self.set(&lastBits, p[p.count - 1])
        }
        self.patterns = patterns
        self.byFirst = byFirst
        self.byLast = byLast
        self.firstBits = firstBits
        self.lastBits = lastBits
    }

    private static func set(_ bits: inout [UInt64], _ v: UInt32) {
        let h = Int(v & 0xFFFF)
        bits[h >> 6] |= 1 << UInt64(h & 63)
    }

    @inline(__always)
    private static func test(_ bits: [UInt64], _ v: UInt32) -> Bool {
        let h = Int(v & 0xFFFF)
        return bits[h >> 6] & (1 << UInt64(h & 63)) != 0
    }

    /// Whether some pattern may start with `v` (a cheap pre-check).
    @inline(__always)
    func mayStart(with v: UInt32) -> Bool { Self.test(firstBits, v) }

    /// The longest pattern that starts at `i` in `text`.
    @inline(__always)
    func longest(in text: [UInt32], at i: Int) -> [UInt32]? {
        guard i >= 0, i < text.count, Self.test(firstBits, text[i]), let bucket = byFirst[text[i]] else { return nil }
        for p in bucket where text.matches(p, at: i) { return p }
        return nil
    }

    /// Whether any pattern occurs anywhere in `text`.
    func occurs(in text: [UInt32]) -> Bool {
        text.indices.contains { longest(in: text, at: $0) != nil }
    }

    /// The longest pattern that ends just before `end` in `text`.
    @inline(__always)
    func longest(in text: [UInt32], endingAt end: Int) -> [UInt32]? {
        guard end >= 1, end <= text.count, Self.test(lastBits, text[end - 1]), let bucket = byLast[text[end - 1]] else {
            return nil
        }
        for p in bucket where text.matches(p, at: end - p.count) { return p }
        return nil
    }
}

/// A set of BMP scalars as a bit set: membership is one shift and mask.
struct ScalarBits: Sendable {
    private let bits: [UInt64]

    init(_ characters: String) {
        var bits = [UInt64](repeating: 0, count: 1024)
        for v in characters.unicodeScalars.map(\.value) where v < 0x10000 {
            bits[Int(v) >> 6] |= 1 << UInt64(v & 63)
        }
        self.bits = bits
    }

    @inline(__always)
    func contains(_ v: UInt32) -> Bool { v < 0x10000 && bits[Int(v) >> 6] & (1 << UInt64(v & 63)) != 0 }
}
