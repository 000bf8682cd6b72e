public import Foundation
public import Pipeline

/// The project's own copies of the seed notices and their gold expectations
/// (`Tests/PipelineTests/Fixtures`, found from this file, so any working directory does).
public enum Fixtures {
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tests/PipelineTests/Fixtures")

    public static func seedNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("seeds").path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
    }

    public static func seed(_ name: String) -> RawNotice {
        let url = directory.appendingPathComponent("seeds").appendingPathComponent(name)
        return RawNotice(file: name, bytes: [UInt8]((try? Data(contentsOf: url)) ?? Data()))
    }

    public static func text(_ relative: String) -> String {
        (try? String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)) ?? ""
    }

    /// The gold file, one JSON object per seed.
    public static func gold() -> [[String: Any]] {
        text("gold.jsonl").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Clean Simplified paragraphs from the seeds, the source of generated corpora.
    public static func cleanDocuments() -> [[String]] {
        let pipeline = NoticePipeline()
        return seedNames().compactMap { name in
            guard let clean = try? pipeline.cleaner.clean(seed(name)) else { return nil }
            return clean.simplified.split(separator: "\n").map(String.init).filter { !$0.contains("?") }
        }
    }
}
