import Foundation
import Pipeline

/// libFuzzer entry points for the pure parts that take untrusted input: dropped bytes
/// (cleaning), cleaned text (parsing and tagging), the operator's rules and config files,
/// and analysts' search queries. One binary, the target picked by `NOTICED_FUZZ_TARGET`
/// (libFuzzer links one `LLVMFuzzerTestOneInput` per binary). Built by `make fuzz` with
/// `-sanitize=fuzzer,address`; errors thrown are expected answers, a crash is a bug.
enum FuzzTarget: String, CaseIterable {
    case clean, parse, rules, config, query

    nonisolated(unsafe) static var current = FuzzTarget.clean
    nonisolated(unsafe) static var pipeline = NoticePipeline()

    static func run(_ bytes: [UInt8]) {
        switch current {
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

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
    let name = ProcessInfo.processInfo.environment["NOTICED_FUZZ_TARGET"] ?? "clean"
    guard let target = FuzzTarget(rawValue: name) else {
        fputs("NOTICED_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue))\n", stderr)
        exit(2)
    }
    FuzzTarget.current = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
