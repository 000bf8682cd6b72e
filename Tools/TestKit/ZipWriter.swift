import CZlib

/// A minimal ZIP writer (deflated or stored entries, one central directory) for building
/// DOCX inputs in tests and fault rows, including hostile ones: a zip bomb, a truncated file.
/// Written by hand because no ZIP writer is a dependency of the product: this is test
/// scaffolding, and zlib does the compression.
public struct ZipWriter {
    private var bytes: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    public init() {}

    /// Adds `name` holding `data`, deflated unless `store`.
    public mutating func add(_ name: String, _ data: [UInt8], store: Bool = false) {
        let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        let packed = store ? data : Self.deflate(data)
        let nameBytes = Array(name.utf8)
        let offset = UInt32(bytes.count)
        let method: UInt16 = store ? 0 : 8
        var local: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        local += le16(20) + le16(0x0800) + le16(method) + le16(0) + le16(0x21)
        local += le32(crc) + le32(UInt32(packed.count)) + le32(UInt32(data.count))
        local += le16(UInt16(nameBytes.count)) + le16(0) + nameBytes
        bytes += local + packed
        var entry: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        entry += le16(20) + le16(20) + le16(0x0800) + le16(method) + le16(0) + le16(0x21)
        entry += le32(crc) + le32(UInt32(packed.count)) + le32(UInt32(data.count))
        entry += le16(UInt16(nameBytes.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset)
        entry += nameBytes
        central += entry
        count += 1
    }

    /// The archive: entries, central directory, end record.
    public var archive: [UInt8] {
        var end: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
        end += le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count))
        end += le32(UInt32(central.count)) + le32(UInt32(bytes.count)) + le16(0)
        return bytes + central + end
    }

    /// Raw deflate (no zlib header), as ZIP stores it.
    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(
            &stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 64)
        var input = data
        let written = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { outp in
                stream.next_in = inp.baseAddress
                stream.avail_in = uInt(inp.count)
                stream.next_out = outp.baseAddress
                stream.avail_out = uInt(outp.count)
                _ = CZlib.deflate(&stream, Z_FINISH)
                return outp.count - Int(stream.avail_out)
            }
        }
        return Array(out[0..<written])
    }
}

private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
private func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
