/// Byte-string search, shared by the stages (decoding) and the store (prepared columns).
extension Array where Element == UInt8 {
    /// The first occurrence of `needle` at or after `start`.
    package func firstIndex(of needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= count else { return nil }
        var i = Swift.max(start, 0)
        while i + needle.count <= count {
            if self[i] == needle[0] {
                var k = 1
                while k < needle.count && self[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
