private import CZlib

/// zlib compression of the original bytes kept in the store (so `reprocess` and
/// `show --raw` never need the spool).
enum Compression {
    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in compress2(o.baseAddress, &size, i.baseAddress, uLong(i.count), 6) }
        }
        precondition(status == Z_OK, "compressBound was not enough")  // cannot happen: zlib's own bound
        return Array(out[0..<Int(size)])
    }

    /// Inflates `data` to exactly `count` bytes; nil if the data are damaged.
    static func inflate(_ data: [UInt8], count: Int) -> [UInt8]? {
        var size = uLong(count)
        var out = [UInt8](repeating: 0, count: max(count, 1))
        let status = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { i in uncompress(o.baseAddress, &size, i.baseAddress, uLong(i.count)) }
        }
        guard status == Z_OK, Int(size) == count else { return nil }
        return Array(out[0..<count])
    }
}
