/// Conversions between `String` and the scalar arrays the cleaning passes work on.
enum ScalarText {
    /// UTF-8 encodes scalar values (all valid by construction) into a `String`.
    static func string<C: Collection>(_ scalars: C) -> String where C.Element == UInt32 {
        var bytes = [UInt8]()
        bytes.reserveCapacity(scalars.count * 3)
        for v in scalars {
            if v < 0x80 {
                bytes.append(UInt8(v))
            } else if v < 0x800 {
                bytes.append(UInt8(0xC0 | (v >> 6)))
                bytes.append(UInt8(0x80 | (v & 0x3F)))
            } else if v < 0x10000 {
                bytes.append(UInt8(0xE0 | (v >> 12)))
                bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (v & 0x3F)))
            } else {
                bytes.append(UInt8(0xF0 | (v >> 18)))
                bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
                bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (v & 0x3F)))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
