/// The four stages composed: bytes in, a tagged notice out, no I/O.
///
/// The daemon, `inspect`, `ingest` and `reprocess` all run this same value,
/// so every path gives the same result for the same bytes and rules.
public struct NoticePipeline: Sendable {
    public var cleaner: Cleaner
    public var parser: Parser
    public var tagger: Tagger

    public init(cleaner: Cleaner = Cleaner(), parser: Parser = Parser(), tagger: Tagger = Tagger()) {
        self.cleaner = cleaner
        self.parser = parser
        self.tagger = tagger
    }

    public func process(_ raw: RawNotice) throws(PipelineError) -> TaggedNotice {
        tagger.tag(parser.parse(try cleaner.clean(raw)))
    }
}
