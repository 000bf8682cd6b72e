/// The bytes of one dropped file, exactly as they arrived, plus their identity.
///
/// The sha256 is the document's identity for exact de-duplication: the same
/// bytes dropped twice are one document. `file` is the path relative to the
/// spool's `incoming/` (or the path given on the command line) and is used
/// only for reporting.
public struct RawNotice: Sendable, Hashable {
    public var file: String
    public var bytes: [UInt8]
    public var sha256: String

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
        self.sha256 = SHA256Digest.hex(of: bytes)
    }

    public init(file: String, bytes: [UInt8], sha256: String) {
        self.file = file
        self.bytes = bytes
        self.sha256 = sha256
    }
}
