internal import Foundation
public import GRDB

/// An FTS5 tokenizer for Chinese: every hanzi is a token, colocated with the bigram it starts.
///
/// FTS5's trigram tokenizer misses two-character words (养老, 低保) and
/// unicode61 keeps a whole run of hanzi as one token. Here a document
/// `养老服务` yields, position by position, `养老`+`养`, `老服`+`老`,
/// `服务`+`服`, `务` (the second of each pair flagged colocated). A query of
/// one hanzi matches the unigrams; a longer one becomes its bigrams in a row
/// (`一老一小` → `一老 老一 一小`), which FTS5 matches as a phrase. Runs of
/// Latin letters and digits are single lower-case tokens. Offsets point into
/// the original text, so `snippet()` and `highlight()` work.
public final class BigramTokenizer: FTS5CustomTokenizer, @unchecked Sendable {
    public static let name = "noticed_bigram"

    public init(db: Database, arguments: [String]) throws {}

    static let colocated: CInt = 1  // FTS5_TOKEN_COLOCATED

    public func tokenize(
        context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization, pText: UnsafePointer<CChar>?,
        nText: CInt, tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return 0 }
        let bytes = UnsafeRawBufferPointer(start: pText, count: Int(nText)).bindMemory(to: UInt8.self)
        let query = tokenization.contains(.query)
        // Decode to (scalar, byte start, byte end).
        var units: [(v: UInt32, start: Int, end: Int)] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            var v = UInt32(b)
            if length > 1 {
                v = UInt32(b) & (0xFF >> UInt32(length + 1))
                for k in 1..<length where i + k < bytes.count { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
            }
            units.append((v, i, min(i + length, bytes.count)))
            i += length
        }
        var buffer = [UInt8]()
        func emit(_ from: Int, _ to: Int, flags: CInt) -> CInt {
            buffer.removeAll(keepingCapacity: true)
            for k in from..<to {
                let u = units[k]
                for j in u.start..<u.end {
                    let byte = bytes[j]
                    buffer.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                }
            }
            return buffer.withUnsafeBufferPointer { t in
                t.withMemoryRebound(to: CChar.self) {
                    tokenCallback(
                        context, flags, $0.baseAddress, CInt($0.count), CInt(units[from].start),
                        CInt(units[to - 1].end))
                }
            }
        }
        var k = 0
        while k < units.count {
            let v = units[k].v
            if CharacterClass.isHanzi(v) {
                var end = k
                while end < units.count, CharacterClass.isHanzi(units[end].v) { end += 1 }
                if query {
                    if end - k == 1 {
                        let rc = emit(k, k + 1, flags: 0)
                        if rc != 0 { return rc }
                    } else {
                        for j in k..<(end - 1) {
                            let rc = emit(j, j + 2, flags: 0)
                            if rc != 0 { return rc }
                        }
                    }
                } else {
                    // The bigram leads its position (FTS5 highlights a position with its first
                    // token's offsets, so a matched phrase is marked whole); the unigram is colocated.
                    for j in k..<end {
                        if j + 1 < end {
                            var rc = emit(j, j + 2, flags: 0)
                            if rc != 0 { return rc }
                            rc = emit(j, j + 1, flags: Self.colocated)
                            if rc != 0 { return rc }
                        } else {
                            let rc = emit(j, j + 1, flags: 0)
                            if rc != 0 { return rc }
                        }
                    }
                }
                k = end
            } else if CharacterClass.isPinyinLetter(v) || CharacterClass.isASCIIDigit(v) {
                var end = k
                while end < units.count,
                    CharacterClass.isPinyinLetter(units[end].v) || CharacterClass.isASCIIDigit(units[end].v)
                {
                    end += 1
                }
                let rc = emit(k, end, flags: 0)
                if rc != 0 { return rc }
                k = end
            } else {
                k += 1
            }
        }
        return 0
    }
}
