public import Foundation
public import Pipeline

/// Scores `noticed inspect` records against hand-written gold (the real corpus's and the seeds'
/// `gold.jsonl`): the share of gold checks that hold, counted as `tools/gold-check` counts them,
/// and precision and recall per field. A field's value that differs from the gold counts against
/// both; a value where the gold says null counts against precision; a person or tag the gold
/// does not list counts against precision. `make quality` prints it; a test holds it to a floor.
public enum GoldScore {
    public static let fields = [
        "title", "published", "event_date", "agency", "region.code", "level", "kind", "doc_number",
    ]

    /// Every group folder under `root` that has a `gold.jsonl`: its score, by group name.
    public static func score(corpus root: URL, pipeline: NoticePipeline = NoticePipeline(), verbose: Bool = false)
        throws
        -> [(group: String, score: Score)]
    {
        var result: [(String, Score)] = []
        let groups = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        for group in groups {
            let gold = root.appendingPathComponent("\(group)/gold.jsonl")
            guard let text = try? String(contentsOf: gold, encoding: .utf8) else { continue }
            var groupScore = Score()
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let file = entry["file"] as? String
                else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: gold.path]) }
                let url = root.appendingPathComponent("\(group)/\(file)")
                var output: [String: Any] = [:]
                do {
                    let bytes = [UInt8](try Data(contentsOf: url))
                    let notice = try pipeline.process(RawNotice(file: file, bytes: bytes))
                    output =
                        try JSONSerialization.jsonObject(with: Data(NoticeRecord.json(notice).serialized().utf8))
                        as? [String: Any] ?? [:]
                } catch {
                    if verbose { print("\(group)/\(file): \(error)") }
                }
                groupScore.add(gold: entry, output: output, label: "\(group)/\(file)", verbose: verbose)
            }
            result.append((group, groupScore))
        }
        return result
    }

    public struct Counts: Sendable {
        public var tp = 0, fp = 0, fn = 0

        public init() {}

        public var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
        public var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    }

    public struct Score: Sendable {
        public var checks = 0
        public var held = 0
        public var counts: [String: Counts] = [:]
        /// The checks that failed, `group/file: what`, in order.
        public var failures: [String] = []

        public init() {}

        public mutating func merge(_ other: Score) {
            checks += other.checks
            held += other.held
            failures += other.failures
            for (k, v) in other.counts {
                counts[k, default: Counts()].tp += v.tp
                counts[k, default: Counts()].fp += v.fp
                counts[k, default: Counts()].fn += v.fn
            }
        }

        mutating func check(_ ok: Bool, _ what: String, _ label: String, verbose: Bool) {
            checks += 1
            if ok {
                held += 1
            } else {
                failures.append("\(label): \(what)")
                if verbose { print("  \(label): \(what)") }
            }
        }

        public mutating func add(gold: [String: Any], output d: [String: Any], label: String, verbose: Bool) {
            let expect = gold["expect"] as? [String: Any] ?? [:]
            for (key, want) in expect {
                let got = GoldScore.value(d, key)
                check(GoldScore.same(got, want), "\(key) == \(want) (got \(got ?? "nothing"))", label, verbose: verbose)
                guard GoldScore.fields.contains(key) else { continue }
                let wantNull = want is NSNull
                let gotNull = got == nil || got is NSNull
                if !wantNull && GoldScore.same(got, want) {
                    counts[key, default: Counts()].tp += 1
                } else {
                    if !gotNull { counts[key, default: Counts()].fp += 1 }
                    if !wantNull { counts[key, default: Counts()].fn += 1 }
                }
            }
            let title = d["title"] as? String ?? ""
            for s in gold["title_contains"] as? [String] ?? [] {
                check(title.contains(s), "title contains \(s) (title \(title))", label, verbose: verbose)
            }
            if let any = gold["agency_any"] as? [String] {
                let got = d["agency"] as? String
                let ok = any.contains(got ?? "")
                check(ok, "agency in \(any) (got \(got ?? "nothing"))", label, verbose: verbose)
                if ok {
                    counts["agency", default: Counts()].tp += 1
                } else {
                    if got != nil { counts["agency", default: Counts()].fp += 1 }
                    counts["agency", default: Counts()].fn += 1
                }
            }
            // `"region": null` (a national body) is a null region code.
            if expect["region"] is NSNull, expect["region.code"] == nil {
                if GoldScore.value(d, "region.code") != nil { counts["region.code", default: Counts()].fp += 1 }
            }
            // People: every person the output names that the gold does not counts against precision.
            var people: [String: [String]] = [:]
            for p in d["people"] as? [[String: Any]] ?? [] {
                if let name = p["name"] as? String { people[name] = p["positions"] as? [String] ?? [] }
            }
            let goldPeople = gold["people"] as? [String: [String]] ?? [:]
            for (name, positions) in goldPeople {
                check(people[name] != nil, "person \(name) (people \(people.keys.sorted()))", label, verbose: verbose)
                if people[name] != nil {
                    counts["people", default: Counts()].tp += 1
                } else {
                    counts["people", default: Counts()].fn += 1
                }
                let have = people[name] ?? []
                for position in positions {
                    let ok = have.contains { $0.contains(position) }
                    check(ok, "person \(name) has position \(position) (positions \(have))", label, verbose: verbose)
                    if ok {
                        counts["positions", default: Counts()].tp += 1
                    } else {
                        counts["positions", default: Counts()].fn += 1
                    }
                }
                for position in have where !positions.contains(where: { position.contains($0) }) {
                    counts["positions", default: Counts()].fp += 1
                }
            }
            for name in people.keys where goldPeople[name] == nil {
                counts["people", default: Counts()].fp += 1
                if verbose { print("  \(label): person \(name) is not in the gold") }
            }
            let tags = Set(d["tags"] as? [String] ?? [])
            let required = gold["tags_required"] as? [String] ?? []
            for t in required {
                check(tags.contains(t), "tag \(t) (tags \(tags.sorted()))", label, verbose: verbose)
                if tags.contains(t) {
                    counts["tags", default: Counts()].tp += 1
                } else {
                    counts["tags", default: Counts()].fn += 1
                }
            }
            for t in gold["tags_forbidden"] as? [String] ?? [] {
                check(!tags.isEmpty && !tags.contains(t), "no tag \(t)", label, verbose: verbose)
            }
            for t in tags where !required.contains(t) { counts["tags", default: Counts()].fp += 1 }
            let text = d["text_simplified"] as? String ?? ""
            for s in gold["text_simplified_contains"] as? [String] ?? [] {
                check(text.contains(s), "text_simplified contains \(s)", label, verbose: verbose)
            }
            for s in gold["text_simplified_lacks"] as? [String] ?? [] {
                check(text.count > 100 && !text.contains(s), "text_simplified lacks \(s)", label, verbose: verbose)
            }
        }
    }

    /// `region.code` → output["region"]["code"].
    public static func value(_ d: [String: Any], _ dotted: String) -> Any? {
        var current: Any? = d
        for part in dotted.split(separator: ".") {
            guard let object = current as? [String: Any], let next = object[String(part)] else { return nil }
            current = next
        }
        return current
    }

    public static func same(_ a: Any?, _ b: Any) -> Bool {
        switch (a, b) {
        case (nil, _): false
        case (is NSNull, is NSNull): true
        case (let x as String, let y as String): x == y
        case (let x as NSNumber, let y as NSNumber): x == y
        default: false
        }
    }
}

extension String {
    fileprivate func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
