private import CZlib
package import Foundation
internal import GRDB

/// zlib compression of the original bytes kept in the store (so `reprocess` and
/// `show --raw` never need the spool).
package enum Compression {
    package static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in compress2(o.baseAddress, &size, i.baseAddress, uLong(i.count), 6) }
        }
        precondition(status == Z_OK, "compressBound was not enough")  // cannot happen: zlib's own bound
        return Array(out[0..<Int(size)])
    }

    /// `noticed_deflate(text)`, for migrations that compress a column in place.
    static let sqlDeflate = DatabaseFunction("noticed_deflate", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return nil }
        return Data(deflate(Array(text.utf8)))
    }

    /// A compressed text column (`simplified_zlib`, `text`) as text; nil if the data are damaged.
    package static func text(_ data: Data) -> String? {
        inflate([UInt8](data), count: nil).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The Simplified text of a document from its stored column; empty if the data are damaged.
    package static func simplified(_ data: Data) -> String { text(data) ?? "" }

    /// Inflates `data`: to exactly `count` bytes when the size is known, else growing the
    /// buffer as needed; nil if the data are damaged.
    package static func inflate(_ data: [UInt8], count: Int?) -> [UInt8]? {
        var capacity = max(count ?? data.count * 4, 1)
        while true {
            var size = uLong(capacity)
            var out = [UInt8](repeating: 0, count: capacity)
            let status = out.withUnsafeMutableBufferPointer { o in
                data.withUnsafeBufferPointer { i in uncompress(o.baseAddress, &size, i.baseAddress, uLong(i.count)) }
            }
            if status == Z_BUF_ERROR, count == nil, capacity < 1 << 30 {
                capacity *= 4
                continue
            }
            guard status == Z_OK, count == nil || Int(size) == count else { return nil }
            return Array(out[0..<Int(size)])
        }
    }
}
