internal import Foundation
public import GRDB

/// An FTS5 tokenizer for Chinese: overlapping bigrams.
///
/// FTS5's trigram tokenizer misses two-character words (养老, 低保) and
/// unicode61 keeps a whole run of hanzi as one token. Here a document
/// `养老服务` yields, position by position, `养老`, `老服`, `服务`, `务`
/// (the run's last hanzi alone). A query of two or more hanzi becomes its
/// bigrams in a row (`一老一小` → `一老 老一 一小`), which FTS5 matches as a
/// phrase; a one-hanzi query is a prefix query (`养*`). Runs of Latin
/// letters and digits are single lower-case tokens. Offsets point into the
/// original text, so `snippet()` and `highlight()` mark whole matches.
public final class BigramTokenizer: FTS5CustomTokenizer, @unchecked Sendable {
    public static let name = "noticed_bigram"

    public init(db: Database, arguments: [String]) throws {}

    public func tokenize(
        context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization, pText: UnsafePointer<CChar>?,
        nText: CInt, tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return 0 }
        let bytes = UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self)
        var lowered = [CChar]()
        return Self.split(bytes, count: Int(nText), query: tokenization.contains(.query)) { a, b, lower in
            if !lower { return tokenCallback(context, 0, pText + a, CInt(b - a), CInt(a), CInt(b)) }
            lowered.removeAll(keepingCapacity: true)
            for j in a..<b {
                let byte = bytes[j]
                lowered.append(CChar(bitPattern: byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte))
            }
            return lowered.withUnsafeBufferPointer {
                tokenCallback(context, 0, $0.baseAddress, CInt($0.count), CInt(a), CInt(b))
            }
        }
    }

    /// The tokens of `text` in order, as the index holds them (`query`: as a query's phrase is
    /// split): what the PostgreSQL store puts in its `tsvector` and `tsquery`, so both backends
    /// index and match the same tokens.
    package static func tokens(of text: String, query: Bool = false) -> [String] {
        var utf8 = Array(text.utf8)
        var out: [String] = []
        let count = utf8.count
        guard count > 0 else { return [] }
        _ = utf8.withUnsafeMutableBufferPointer { buffer in
            let bytes = UnsafePointer(buffer.baseAddress!)
            return split(bytes, count: count, query: query) { a, b, lower in
                let slice = UnsafeBufferPointer(start: bytes + a, count: b - a)
                out.append(
                    lower
                        ? String(decoding: slice.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
                        : String(decoding: slice, as: UTF8.self))
                return 0
            }
        }
        return out
    }

    /// How many tokens `text` has (what `tokens(of:).count` says, without making them).
    package static func count(of text: String) -> Int {
        var utf8 = Array(text.utf8)
        let count = utf8.count
        guard count > 0 else { return 0 }
        var n = 0
        _ = utf8.withUnsafeMutableBufferPointer { buffer in
            split(UnsafePointer(buffer.baseAddress!), count: count, query: false) { _, _, _ in
                n += 1
                return 0
            }
        }
        return n
    }

    /// The tokenizer proper: calls `sink(from, to, lowercase)` with each token's byte range, in
    /// order; stops at the first non-zero `sink` and returns it.
    package static func split(
        _ bytes: UnsafePointer<UInt8>, count: Int, query: Bool, sink: (Int, Int, Bool) -> CInt
    ) -> CInt {
        // Scalars with their byte offsets; hanzi tokens are passed as slices of the input itself.
        var starts: [Int32] = []
        var values: [UInt32] = []
        starts.reserveCapacity(count / 2 + 1)
        values.reserveCapacity(count / 2 + 1)
        var i = 0
        while i < count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            var v = UInt32(b)
            if length > 1 {
                v &= 0xFF >> UInt32(length + 1)
                for k in 1..<length where i + k < count { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
            }
            starts.append(Int32(i))
            values.append(v)
            i += length
        }
        starts.append(Int32(count))
        func emit(_ from: Int, _ to: Int, flags: CInt, lower: Bool = false) -> CInt {
            sink(Int(starts[from]), min(Int(starts[to]), count), lower)
        }
        let n = values.count
        var k = 0
        while k < n {
            let v = values[k]
            if CharacterClass.isHanzi(v) {
                var end = k
                while end < n, CharacterClass.isHanzi(values[end]) { end += 1 }
                if end - k == 1 || !query {
                    // Documents: one bigram per position, the run's last hanzi alone. A one-hanzi
                    // query is sent as a prefix query (`"养"*`) by `SearchQuery`, which finds the
                    // hanzi as the start of a bigram or as a run's last character.
                    for j in k..<end {
                        let rc = emit(j, min(j + 2, end), flags: 0)
                        if rc != 0 { return rc }
                    }
                } else {
                    for j in k..<(end - 1) {
                        let rc = emit(j, j + 2, flags: 0)
                        if rc != 0 { return rc }
                    }
                }
                k = end
            } else if CharacterClass.isPinyinLetter(v) || CharacterClass.isASCIIDigit(v) {
                var end = k
                while end < n, CharacterClass.isPinyinLetter(values[end]) || CharacterClass.isASCIIDigit(values[end]) {
                    end += 1
                }
                let rc = emit(k, end, flags: 0, lower: true)
                if rc != 0 { return rc }
                k = end
            } else {
                k += 1
            }
        }
        return 0
    }
}
