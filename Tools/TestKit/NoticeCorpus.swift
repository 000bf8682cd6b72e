import Corpus
import Dispatch
public import Foundation
public import Pipeline

/// Distinct, varied notices for the benchmark and the proof harnesses: a title naming a
/// random region and topic, then 8–24 sentences drawn from the seeds' sentence pool, some
/// files in Traditional or GB18030. The same seed gives the same files.
public struct NoticeCorpus: Sendable {
    /// The seeds' cleaned lines, one array per seed.
    public let sources: [[String]]

    public init(sources: [[String]]) { self.sources = sources }

    /// Reads the seeds (the project's test fixtures) and cleans them into source lines.
    public init(fixtures: URL = URL(fileURLWithPath: "Tests/PipelineTests/Fixtures/seeds")) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".txt") }
            .sorted()
        guard !names.isEmpty else { throw TestKitError("no seeds under \(fixtures.path) (run from the project root)") }
        let pipeline = NoticePipeline()
        sources = names.compactMap { name in
            let raw = RawNotice(
                file: name, bytes: [UInt8]((try? Data(contentsOf: fixtures.appendingPathComponent(name))) ?? Data()))
            return (try? pipeline.cleaner.clean(raw))?.simplified.split(separator: "\n").map(String.init).filter {
                !$0.contains("?")
            }
        }
    }

    public func generate(_ count: Int, seed: UInt64, prefix: String = "n") -> [RawNotice] {
        var options = DamageGenerator.Options()
        options.traditional = 0.1
        options.encodings = [.utf8, .gb18030]
        let generator = DamageGenerator(options: options)!
        let sentences: [String] = sources.flatMap { lines in
            lines.flatMap { $0.split(separator: "。").map { String($0) + "。" } }.filter { $0.count >= 12 }
        }
        let places = RegionDirectory.gbt2260.regions.map(\.name)
        let topics = ["养老服务", "社会救助", "儿童福利", "殡葬改革", "婚姻登记", "社区治理", "疫情防控", "慈善捐赠", "救助管理", "福利彩票"]
        let results = Slots<RawNotice>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            var rng = SplitMix64(seed: seed &+ UInt64(i))
            let place = places.randomElement(using: &rng)!
            var lines = ["\(place)民政局关于做好\(topics.randomElement(using: &rng)!)工作的通知"]
            for _ in 0..<Int.random(in: 2...5, using: &rng) {
                lines.append(
                    (0..<Int.random(in: 3...6, using: &rng)).map { _ in sentences.randomElement(using: &rng)! }.joined()
                )
            }
            lines.append("\(place)民政局")
            lines.append(
                "20\(Int.random(in: 10...25, using: &rng))年\(Int.random(in: 1...12, using: &rng))月\(Int.random(in: 1...28, using: &rng))日"
            )
            // The number makes every file distinct even when two draws coincide.
            lines.append("编号：\(prefix)\(i)-\(seed)")
            let sample = generator.damage(lines, name: "\(prefix)\(i).txt", seed: seed &+ UInt64(i))
            results.set(i, RawNotice(file: "\(prefix)\(i).txt", bytes: sample.bytes))
        }
        return results.values
    }
}

/// Fixed slots filled concurrently by index.
public final class Slots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    public func set(_ i: Int, _ value: Value) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    public var values: [Value] { slots.compactMap { $0 } }
}
