private import CICU

/// Turns dropped bytes into Unicode scalars and names the encoding it found.
///
/// Order of evidence: a byte-order mark wins; then strict UTF-8 (most
/// scraped files); then `LegacyCharsetGuess` for the plain cases, or ICU's
/// charset detector (`ucsdet`) for the rest, chooses between
/// GB18030 (a superset of GBK and GB2312) and Big5, and ICU's converter
/// decodes strictly, stopping at the first illegal sequence. Input that is
/// none of these, or that looks binary, is an error, never a guess.
public struct Decoder: Sendable {
    /// Largest input decoded; larger files are refused before any work.
    public var maxBytes: Int

    public init(maxBytes: Int = 16 << 20) {
        self.maxBytes = maxBytes
    }

    /// Why bytes could not be decoded; the cleaner turns it into a `PipelineError`.
    public struct Failure: Error, Sendable {
        public var code: PipelineError.Code
        public var message: String
    }

    public func decode(_ bytes: [UInt8]) throws(Failure) -> (scalars: [UInt32], encoding: TextEncoding) {
        if bytes.isEmpty { throw Failure(code: .empty, message: "the file is empty") }
        if bytes.count > maxBytes {
            throw Failure(
                code: .tooLarge,
                message: "the file has \(bytes.count) bytes, over the limit of \(maxBytes) bytes")
        }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE {
            if bytes.count >= 4 && bytes[2] == 0 && bytes[3] == 0 {
                throw Failure(code: .undecodable, message: "UTF-32 is not supported; save the file as UTF-8")
            }
            return (try Self.utf16(bytes.dropFirst(2), bigEndian: false), .utf16LE)
        }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF {
            return (try Self.utf16(bytes.dropFirst(2), bigEndian: true), .utf16BE)
        }
        let body =
            bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            ? bytes[3...] : bytes[...]
        if let nul = body.firstIndex(of: 0) {
            throw Failure(code: .binary, message: "the file looks binary (NUL byte at offset \(nul))")
        }
        if let scalars = Self.utf8(body) { return (scalars, .utf8) }
        if body.startIndex != bytes.startIndex {
            throw Failure(
                code: .undecodable, message: "the file starts with a UTF-8 byte-order mark but is not valid UTF-8")
        }
        return try Self.legacyChinese(bytes)
    }

    /// Decodes bytes that declare their charset (an HTML page's `<meta>`): a BOM still wins,
    /// then the declared encoding if the bytes decode strictly in it (and, for GB18030 or
    /// Big5, read as Chinese); else the bytes are decoded as if nothing were declared.
    public func decode(_ bytes: [UInt8], declared: TextEncoding?) throws(Failure) -> (
        scalars: [UInt32], encoding: TextEncoding
    ) {
        let hasBOM =
            bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE])
            || bytes.starts(with: [0xFE, 0xFF])
        guard let declared, !hasBOM, !bytes.isEmpty, bytes.count <= maxBytes, !bytes.contains(0) else {
            return try decode(bytes)
        }
        switch declared {
        case .utf8:
            if let scalars = Self.utf8(bytes[...]) { return (scalars, .utf8) }
        case .gb18030, .big5:
            if let scalars = Self.decodeStrict(bytes, charset: declared == .gb18030 ? "GB18030" : "Big5"),
                Self.isPlausibleChinese(scalars)
            {
                return (scalars, declared)
            }
        case .utf16LE, .utf16BE: break
        }
        return try decode(bytes)
    }

    /// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF); nil on the
    /// first ill-formed sequence. Hand-rolled because it runs over every byte dropped.
    static func utf8(_ bytes: ArraySlice<UInt8>) -> [UInt32]? {
        bytes.withUnsafeBufferPointer { b -> [UInt32]? in
            var out = [UInt32]()
            out.reserveCapacity(b.count / 2 + 16)
            var i = 0
            let n = b.count
            while i < n {
                let c0 = UInt32(b[i])
                if c0 < 0x80 {
                    out.append(c0)
                    i += 1
                } else if c0 >= 0xC2 && c0 <= 0xDF {
                    guard i + 1 < n, b[i + 1] & 0xC0 == 0x80 else { return nil }
                    out.append((c0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F))
                    i += 2
                } else if c0 >= 0xE0 && c0 <= 0xEF {
                    guard i + 2 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80 else { return nil }
                    let v = (c0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                    guard v >= 0x800, v < 0xD800 || v > 0xDFFF else { return nil }
                    out.append(v)
                    i += 3
                } else if c0 >= 0xF0 && c0 <= 0xF4 {
                    guard i + 3 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80, b[i + 3] & 0xC0 == 0x80
                    else { return nil }
                    let v =
                        (c0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
                        | UInt32(b[i + 3] & 0x3F)
                    guard v >= 0x10000, v <= 0x10FFFF else { return nil }
                    out.append(v)
                    i += 4
                } else {
                    return nil
                }
            }
            return out
        }
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) throws(Failure) -> [UInt32] {
        guard bytes.count % 2 == 0 else {
            throw Failure(code: .undecodable, message: "UTF-16 input has an odd number of bytes")
        }
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let a = UInt16(bytes[i])
            let b = UInt16(bytes[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        var out = [UInt32]()
        out.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var codec = UTF16()
        while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0 {
                    throw Failure(code: .binary, message: "the file looks binary (NUL character in UTF-16 text)")
                }
                out.append(scalar.value)
            case .emptyInput: return out
            case .error:
                throw Failure(code: .undecodable, message: "UTF-16 input has an unpaired surrogate")
            }
        }
    }

    /// GB18030 or Big5: settled from byte statistics when they are clear-cut, else chosen by
    /// ICU's detector; either way confirmed by a strict decode that reads as Chinese.
    static func legacyChinese(_ bytes: [UInt8]) throws(Failure) -> (scalars: [UInt32], encoding: TextEncoding) {
        if let settled = LegacyCharsetGuess.settle(bytes),
            let scalars = decodeStrict(bytes, charset: settled == .gb18030 ? "GB18030" : "Big5"),
            isPlausibleChinese(scalars)
        {
            return (scalars, settled)
        }
        let matches = detect(bytes)
        let candidates: [TextEncoding] = {
            var order: [TextEncoding] = []
            for (name, _) in matches {
                if name == "GB18030", !order.contains(.gb18030) { order.append(.gb18030) }
                if name == "Big5", !order.contains(.big5) { order.append(.big5) }
            }
            for fallback in [TextEncoding.gb18030, .big5] where !order.contains(fallback) { order.append(fallback) }
            return order
        }()
        let chineseConfidence =
            matches.filter { $0.name == "GB18030" || $0.name == "Big5" }.map(\.confidence).max() ?? 0
        if let top = matches.first, top.name != "GB18030", top.name != "Big5", top.confidence >= 50,
            chineseConfidence < 20
        {
            throw Failure(
                code: .undecodable,
                message: "not UTF-8, GB18030 or Big5 (the detector says \(top.name), \(top.confidence)% sure)")
        }
        for encoding in candidates {
            if let scalars = decodeStrict(bytes, charset: encoding == .gb18030 ? "GB18030" : "Big5"),
                isPlausibleChinese(scalars)
            {
                return (scalars, encoding)
            }
        }
        throw Failure(code: .undecodable, message: "not valid UTF-8, GB18030 or Big5 text")
    }

    static func detect(_ bytes: [UInt8]) -> [(name: String, confidence: Int)] {
        let max: Int32 = 16
        var names = [UnsafePointer<CChar>?](repeating: nil, count: Int(max))
        var confidences = [Int32](repeating: 0, count: Int(max))
        let n = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                noticed_detect_charsets(chars.baseAddress, Int32(chars.count), &names, &confidences, max)
            }
        }
        guard n > 0 else { return [] }
        return (0..<Int(n)).compactMap { i in
            guard let name = names[i] else { return nil }
            return (String(cString: name), Int(confidences[i]))
        }
    }

    static func decodeStrict(_ bytes: [UInt8], charset: String) -> [UInt32]? {
        var capacity = bytes.count + 16
        while true {
            var units = [UInt16](repeating: 0, count: capacity)
            let n = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    noticed_decode_strict(charset, chars.baseAddress, Int32(chars.count), &units, Int32(capacity))
                }
            }
            if n == -2 {
                capacity *= 2
                continue
            }
            guard n >= 0 else { return nil }
            var out = [UInt32]()
            out.reserveCapacity(Int(n))
            // ICU stops at the first illegal sequence (the callback), so a U+FFFD here was in the
            // file itself (GB18030 encodes it as 84 31 A4 37: a copy site's earlier bad
            // conversion): it is text, counted as mojibake by cleaning, not a reason to refuse
            // the file. Refusing it refused whole valid GB18030 notices as undecodable.
            // UTF-16 to scalars by hand (ICU wrote well-formed UTF-16): a String in between cost
            // a third of a legacy page's decoding.
            var i = 0
            let count = Int(n)
            while i < count {
                let unit = UInt32(units[i])
                if unit >= 0xD800 && unit <= 0xDBFF, i + 1 < count {
                    out.append(0x10000 + ((unit - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00))
                    i += 2
                } else {
                    if unit == 0 { return nil }
                    out.append(unit)
                    i += 1
                }
            }
            return out
        }
    }

    /// Share of a legacy decode's hanzi that must be common (`CommonHanzi`): real notices
    /// hold 45–70 %, Korean or Japanese text read as GB18030 or Big5 about 13 %.
    static let commonShare = 0.3

    /// A legacy decode is believed only if it reads as Chinese: most non-ASCII characters
    /// are hanzi, CJK punctuation or pinyin letters, private-use or control characters are
    /// rare, and the hanzi are mostly common ones.
    static func isPlausibleChinese(_ scalars: [UInt32]) -> Bool {
        var nonASCII = 0
        var chinese = 0
        var odd = 0
        for v in scalars where v >= 0x80 {
            nonASCII += 1
            if CharacterClass.isCJK(v) || CharacterClass.isPinyinLetter(v) || (v >= 0x2000 && v <= 0x206F)
                || (v >= 0xFF00 && v <= 0xFFEF)
            {
                chinese += 1
            }
            if (v >= 0xE000 && v <= 0xF8FF) || (v >= 0x80 && v <= 0x9F) { odd += 1 }
        }
        // A few bytes that happen to form a hanzi or two are no evidence of a Chinese text.
        guard scalars.lazy.filter(CharacterClass.isHanzi).count >= 4 else { return false }
        return Double(chinese) >= 0.9 * Double(nonASCII) && odd * 50 <= nonASCII
            && CommonHanzi.share(scalars) >= commonShare
    }
}
