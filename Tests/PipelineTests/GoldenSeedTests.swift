import Foundation
import Pipeline
import TestKit
import Testing

/// The gold expectations of the five seed notices, checked by the project itself
/// (the same checks as shared/tools/gold-check).
@Suite("Golden seeds")
struct GoldenSeedTests {
    static let pipeline = NoticePipeline()

    static func record(_ name: String) throws -> [String: Any] {
        let notice = try pipeline.process(Fixtures.seed(name))
        let line = NoticeRecord.json(notice).serialized()
        return try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static func value(_ doc: [String: Any], _ dotted: String) -> Any? {
        var current: Any? = doc
        for part in dotted.split(separator: ".") {
            current = (current as? [String: Any])?[String(part)]
        }
        return current
    }

    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil), (nil, is NSNull), (is NSNull, nil), (is NSNull, is NSNull): return true
        case (let x as String, let y as String): return x == y
        case (let x as NSNumber, let y as NSNumber): return x == y
        default: return false
        }
    }

    @Test("every gold check holds", arguments: Fixtures.gold().compactMap { $0["file"] as? String })
    func goldChecks(_ name: String) throws {
        let gold = try #require(Fixtures.gold().first { $0["file"] as? String == name })
        let doc = try Self.record(name)
        for (key, expected) in gold["expect"] as? [String: Any] ?? [:] {
            #expect(Self.same(Self.value(doc, key), expected is NSNull ? nil : expected), "\(name): \(key)")
        }
        for (key, minimum) in gold["at_least"] as? [String: Int] ?? [:] {
            #expect((Self.value(doc, key) as? Int ?? -1) >= minimum, "\(name): \(key) >= \(minimum)")
        }
        let title = doc["title"] as? String ?? ""
        for s in gold["title_contains"] as? [String] ?? [] { #expect(title.contains(s), "\(name): title has \(s)") }
        let people = Dictionary(
            ((doc["people"] as? [[String: Any]]) ?? []).map {
                ($0["name"] as? String ?? "", $0["positions"] as? [String] ?? [])
            },
            uniquingKeysWith: { a, _ in a })
        for (person, positions) in gold["people"] as? [String: [String]] ?? [:] {
            #expect(people[person] != nil, "\(name): person \(person)")
            for p in positions {
                #expect(people[person]?.contains { $0.contains(p) } == true, "\(name): \(person) is \(p)")
            }
        }
        let directives = doc["directives"] as? [String] ?? []
        if let starts = gold["directives_start"] as? [String] {
            #expect(directives.count == starts.count, "\(name): directive count")
            for (i, s) in starts.enumerated() where i < directives.count {
                #expect(directives[i].hasPrefix(s), "\(name): directive \(i + 1)")
            }
        }
        for s in gold["directives_contain"] as? [String] ?? [] {
            #expect(directives.contains { $0.contains(s) }, "\(name): a directive has \(s)")
        }
        let tags = Set(doc["tags"] as? [String] ?? [])
        for t in gold["tags_required"] as? [String] ?? [] { #expect(tags.contains(t), "\(name): tag \(t)") }
        for t in gold["tags_forbidden"] as? [String] ?? [] { #expect(!tags.contains(t), "\(name): no tag \(t)") }
        let text = doc["text_simplified"] as? String ?? ""
        #expect(text.count > 100)
        for s in gold["text_simplified_contains"] as? [String] ?? [] { #expect(text.contains(s), "\(name): has \(s)") }
        for s in gold["text_simplified_lacks"] as? [String] ?? [] { #expect(!text.contains(s), "\(name): lacks \(s)") }
    }

    @Test("the seeds name no person outside the gold list")
    func noInventedPeople() throws {
        for gold in Fixtures.gold() {
            let name = try #require(gold["file"] as? String)
            let expected = Set((gold["people"] as? [String: [String]] ?? [:]).keys)
            let found = Set(try Self.pipeline.process(Fixtures.seed(name)).parsed.people.map(\.name))
            #expect(found == expected, "\(name): \(found.subtracting(expected))")
        }
    }

    @Test("tag evidence names the keywords that earned each tag")
    func evidence() throws {
        let notice = try Self.pipeline.process(Fixtures.seed("001_ce310034c3aa5c36.txt"))
        let lottery = try #require(notice.evidence["welfare-lottery"])
        #expect(lottery.contains(KeywordCount(keyword: "福利彩票", count: 1)))
        for tag in notice.tags { #expect(notice.evidence[tag]?.isEmpty == false, "\(tag) has evidence") }
        let json = NoticeRecord.json(notice).serialized()
        #expect(json.contains(#""tag_evidence":{"epidemic-prevention":{"#))
    }
}
