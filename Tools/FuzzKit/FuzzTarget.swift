// Tool module FuzzKit: the untrusted-input functions the fuzzer and the regression tests
// drive (not a product). May touch: Pipeline, Store (query parsing) and Daemon (config).

import Daemon
import Pipeline
import Store

/// libFuzzer entry points for the pure parts that take untrusted input: dropped bytes
/// (cleaning), cleaned text (parsing and tagging), the operator's rules and config files,
/// analysts' search queries, an operator's rules applied to a dropped file (`rulesinput`),
/// saved web pages (`html`), DOCX and PDF attachments (`docx`, `pdf`). One binary, the target picked by `NOTICED_FUZZ_TARGET`
/// (libFuzzer links one `LLVMFuzzerTestOneInput` per binary). Built by `make fuzz` with
/// `-sanitize=fuzzer,address`; errors thrown are expected answers, a crash is a bug. The
/// tests replay the seed corpora and every input that once crashed through the same code.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case clean, parse, rules, config, query, rulesinput
    /// A saved web page: the bytes after `<html>` (so the format is HTML whatever they are),
    /// through charset settling, libxml2 and the main-text reader, then the stages.
    case html
    /// A DOCX (a ZIP) and a PDF: the bytes straight to libarchive + libxml2 and to poppler,
    /// under their caps.
    case docx, pdf

    /// How long one `rulesinput` document may take through the pipeline before the fuzzer
    /// calls it a bug (a pattern that is not linear-time); checked only in the fuzz build.
    public static let rulesInputBudget = Duration.seconds(1)

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
            _ = try? SearchQuery(String(decoding: bytes, as: UTF8.self), folding: .simplified)
        case .html:
            _ = try? pipeline.process(RawNotice(file: "fuzz.html", bytes: Array("<html>".utf8) + bytes))
        case .docx:
            _ = try? DocumentText.read(bytes, format: .docx)
        case .pdf:
            _ = try? DocumentText.read(bytes, format: .pdf)
        case .rulesinput:
            // A rules file (applied over the built-in rules), a NUL byte, then the dropped file's
            // bytes. Without a NUL the whole input is the rules file and the document is empty.
            let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
            guard
                let rules = try? RuleSet.builtIn.merging(
                    String(decoding: bytes[..<split], as: UTF8.self), file: "rules.toml")
            else { return }
            let document = split < bytes.endIndex ? Array(bytes[(split + 1)...]) : []
            let rulesPipeline = NoticePipeline(tagger: Tagger(rules: rules))
            let started = ContinuousClock.now
            _ = try? rulesPipeline.process(RawNotice(file: "fuzz.txt", bytes: document))
            let elapsed = ContinuousClock.now - started
            #if FUZZING
                if elapsed > Self.rulesInputBudget {
                    fatalError("rulesinput: one document took \(elapsed), over \(Self.rulesInputBudget)")
                }
            #else
                _ = elapsed
            #endif
        }
    }
}
