/// Small search helpers over scalar arrays, the representation the stages scan.
///
/// Parsing and tagging read text many times; doing it on `[UInt32]` keeps
/// each probe a comparison of integers instead of grapheme-cluster work.
typealias Scalars = [UInt32]

extension Array where Element == UInt32 {
    init(_ text: some StringProtocol) { self = text.unicodeScalars.map(\.value) }

    var asString: String { ScalarText.string(self) }

    @inline(__always)
    func matches(_ pattern: [UInt32], at i: Int) -> Bool {
        guard i >= 0, i + pattern.count <= count else { return false }
        var k = 0
        while k < pattern.count {
            if self[i + k] != pattern[k] { return false }
            k += 1
        }
        return true
    }

    func firstIndex(of pattern: [UInt32], from start: Int = 0) -> Int? {
        guard !pattern.isEmpty, pattern.count <= count else { return nil }
        var i = Swift.max(start, 0)
        let first = pattern[0]
        while i + pattern.count <= count {
            if self[i] == first && matches(pattern, at: i) { return i }
            i += 1
        }
        return nil
    }

    func lastIndex(of pattern: [UInt32]) -> Int? {
        guard !pattern.isEmpty, pattern.count <= count else { return nil }
        var i = count - pattern.count
        while i >= 0 {
            if matches(pattern, at: i) { return i }
            i -= 1
        }
        return nil
    }

    func contains(_ pattern: [UInt32]) -> Bool { firstIndex(of: pattern) != nil }

    func hasPrefix(_ pattern: [UInt32]) -> Bool { matches(pattern, at: 0) }

    func hasSuffix(_ pattern: [UInt32]) -> Bool { matches(pattern, at: count - pattern.count) }
}

/// Scalar-array literals for pattern tables.
func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

enum Mark {
    static let comma: UInt32 = 0xFF0C
    static let enumComma: UInt32 = 0x3001  // 、
    static let period: UInt32 = 0x3002
    static let colon: UInt32 = 0xFF1A
    static let semicolon: UInt32 = 0xFF1B
    static let exclamation: UInt32 = 0xFF01
    static let question: UInt32 = 0xFF1F
    static let openParen: UInt32 = 0xFF08
    static let closeParen: UInt32 = 0xFF09

    @inline(__always)
    static func endsSentence(_ v: UInt32) -> Bool { v == period || v == exclamation || v == question || v == semicolon }

    @inline(__always)
    static func isClauseBreak(_ v: UInt32) -> Bool {
        endsSentence(v) || v == comma || v == colon || v == 0x3A || v == 0x2C
    }
}
