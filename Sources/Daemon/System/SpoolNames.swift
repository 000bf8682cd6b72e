/// File names that fit the file system: at most NAME_MAX (255) bytes, with room kept for
/// the suffixes the spool adds (`.1`, `.error.json`).
///
/// Promises: a name that fits is returned unchanged; a longer one keeps its longest prefix
/// that ends on a whole character, then `~` and eight hex digits of a hash of the whole
/// name, so two long names that share a prefix still differ.
enum SpoolNames {
    static let nameMax = 255

    static func fitted(_ name: String, reserving reserve: Int, hashOf extra: [UInt8]? = nil) -> String {
        let bytes = Array(name.utf8)
        let limit = nameMax - reserve
        if extra == nil, bytes.count <= limit { return name }
        let tag = "~" + hex(fnv1a(bytes + (extra ?? [])))
        var keep = min(bytes.count, max(0, limit - tag.utf8.count))
        // Back up to a scalar boundary (a UTF-8 continuation byte is 10xxxxxx).
        while keep > 0, keep < bytes.count, bytes[keep] & 0xC0 == 0x80 { keep -= 1 }
        return String(decoding: bytes[..<keep], as: UTF8.self) + tag
    }

    private static func fnv1a(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash &*= 0x0100_0193
        }
        return hash
    }

    private static func hex(_ value: UInt32) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}
