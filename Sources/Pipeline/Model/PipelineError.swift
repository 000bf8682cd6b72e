/// A failure of one input in one stage.
///
/// Errors name the file and the stage so that an operator reading one line of
/// the journal knows what to look at; the `code` is a stable machine name
/// (it goes into `NOTICE_ERROR` and the `failed/` sidecar) and `message` is
/// the one clear sentence a person reads. New codes can be added without
/// breaking callers, because `Code` is a struct, not a public enum.
public struct PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the flow the input failed.
    public enum Stage: String, Sendable, Hashable, CaseIterable {
        case claim, decode, clean, parse, tag, persist
    }

    /// A stable, machine-readable reason.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        public static let empty = Code("empty")
        public static let tooLarge = Code("too-large")
        public static let binary = Code("binary")
        public static let undecodable = Code("undecodable")
        public static let noHanzi = Code("no-hanzi")
        public static let unreadable = Code("unreadable")
        public static let notRegularFile = Code("not-regular-file")
        public static let rules = Code("rules")
        /// A format with no text noticed can read (old Office, OFD, images, archives).
        public static let unsupportedFormat = Code("unsupported-format")
        /// A DOCX or PDF that its library cannot open: truncated, a corrupt entry, a broken xref.
        public static let damaged = Code("damaged")
        /// A DOCX or PDF locked with a password.
        public static let encrypted = Code("encrypted")
        /// The file spent longer in the pipeline than its budget allows.
        public static let timeout = Code("timeout")
        /// The file was with a worker when the daemon crashed or hung, twice.
        public static let poison = Code("poison")

        public var description: String { rawValue }
    }

    public var file: String
    public var stage: Stage
    public var code: Code
    public var message: String
    public init(file: String, stage: Stage, code: Code, message: String) {
        self.file = file
        self.stage = stage
        self.code = code
        self.message = message
    }

    /// One line, as users see it.
    public var description: String { "\(file): \(stage.rawValue): \(message)" }
}
