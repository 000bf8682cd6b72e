/// Why the store could not do what was asked, in one sentence for a person.
///
/// `isTransient` separates what a retry may cure (database busy or locked,
/// disk full, read-only file) from what it will not (corrupt file, newer
/// schema, bad query); the daemon retries the first kind and leaves the
/// input in `incoming/`.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var isTransient: Bool
    /// A conflict with a concurrent writer (a serialisation failure or deadlock the server
    /// rolled back): the same transaction may simply be run again at once.
    public var isConflict: Bool

    public init(_ message: String, isTransient: Bool = false, isConflict: Bool = false) {
        self.message = message
        self.isTransient = isTransient || isConflict
        self.isConflict = isConflict
    }

    public var description: String { message }
}
