/// Why the store could not do what was asked, in one sentence for a person.
///
/// `isTransient` separates what a retry may cure (database busy or locked,
/// disk full, read-only file) from what it will not (corrupt file, newer
/// schema, bad query); the daemon retries the first kind and leaves the
/// input in `incoming/`.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var isTransient: Bool

    public init(_ message: String, isTransient: Bool = false) {
        self.message = message
        self.isTransient = isTransient
    }

    public var description: String { message }
}
