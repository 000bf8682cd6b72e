/// A file the pipeline refused, as the store recorded it: when, which file, the stage and the
/// error's code and message.
public struct RecordedFailure: Sendable, Hashable {
    public var at: String
    public var file: String
    public var stage: String
    public var error: String
    public var message: String
    /// The input's sha256, when it was read far enough to have one (read by `logs` only).
    public var sha256: String?

    package init(at: String, file: String, stage: String, error: String, message: String, sha256: String? = nil) {
        self.sha256 = sha256
        self.at = at
        self.file = file
        self.stage = stage
        self.error = error
        self.message = message
    }
}
