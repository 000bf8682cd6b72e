import Pipeline

/// libFuzzer entry points for the pure parts that take untrusted input: dropped bytes
/// (cleaning), cleaned text (parsing and tagging), the operator's rules and config files,
/// and analysts' search queries. One binary, the target picked by `NOTICED_FUZZ_TARGET`
/// (libFuzzer links one `LLVMFuzzerTestOneInput` per binary). Built by `make fuzz` with
/// `-sanitize=fuzzer,address`; errors thrown are expected answers, a crash is a bug. The
/// tests replay the seed corpora and every input that once crashed through the same code.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case clean, parse, rules, config, query

    static let pipeline = NoticePipeline()

    /// Runs one input through this target; any answer is fine, only a crash is a bug.
    public func run(_ bytes: [UInt8]) {
        let pipeline = Self.pipeline
        switch self {
        case .clean:
            _ = try? pipeline.process(RawNotice(file: "fuzz.txt", bytes: bytes))
        case .parse:
            let text = String(decoding: bytes, as: UTF8.self)
            let clean = CleanText(
                file: "fuzz.txt", sha256: "", byteCount: bytes.count, encoding: .utf8, script: .simplified, text: text,
                simplified: text, quality: Quality(), metadata: SiteMetadata())
            _ = pipeline.tagger.tag(pipeline.parser.parse(clean))
        case .rules:
            _ = try? RuleSet.parse(String(decoding: bytes, as: UTF8.self), file: "rules.toml")
        case .config:
            _ = try? ServiceConfig.parse(String(decoding: bytes, as: UTF8.self), file: "noticed.toml")
        case .query:
            _ = try? SearchQuery(String(decoding: bytes, as: UTF8.self))
        }
    }
}
