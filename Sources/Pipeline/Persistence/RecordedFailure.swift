/// A file the pipeline refused, as the store recorded it: when, which file, the stage and the
/// error's code and message.
public struct RecordedFailure: Sendable, Hashable {
    public var at: String
    public var file: String
    public var stage: String
    public var error: String
    public var message: String

    package init(at: String, file: String, stage: String, error: String, message: String) {
        self.at = at
        self.file = file
        self.stage = stage
        self.error = error
        self.message = message
    }
}
