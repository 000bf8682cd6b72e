import Foundation
import TestKit
import Testing

@testable import Pipeline

/// Real saved government pages (`Fixtures/html`, sources in its SOURCES.md) against gold
/// checked by hand: the title, date, agency and text a person reading the page would give,
/// with no markup, navigation or footer in the text.
@Suite("Real saved pages")
struct RealPagesTests {
    struct Gold: Decodable {
        var file: String
        var encoding: String
        var title: String
        var published: String
        var agency: String?
        var docNumber: String?
        var site: String?
        var column: String?
        var attachments: Int
        var contains: [String]
        var endsWith: String?
        var warning: String?
        var mustNotContain: [String]

        enum CodingKeys: String, CodingKey {
            case file, encoding, title, published, agency, site, column, attachments, contains, warning
            case docNumber = "doc_number"
            case endsWith = "ends_with"
            case mustNotContain = "must_not_contain"
        }
    }

    static let directory = Fixtures.directory.appendingPathComponent("html")

    static func gold() -> [Gold] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("gold.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Gold.self, from: Data($0.utf8)) }
    }

    @Test("every page in gold.jsonl", arguments: gold())
    func page(_ gold: Gold) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(gold.file)))
        let notice = try NoticePipeline().process(RawNotice(file: gold.file, bytes: bytes))
        let clean = notice.parsed.clean
        #expect(clean.format == .html)
        #expect(clean.encoding.rawValue == gold.encoding)
        #expect(notice.parsed.title == gold.title)
        #expect(notice.parsed.published == gold.published)
        #expect(notice.parsed.agency == gold.agency)
        #expect(notice.parsed.official.docNumber == gold.docNumber)
        if let site = gold.site { #expect(clean.page?.site == site) }
        if let column = gold.column { #expect(clean.page?.column == column) }
        #expect(clean.page?.attachments.count == gold.attachments)
        #expect(clean.text.hasPrefix(gold.title) || clean.simplified.hasPrefix(gold.title))
        for part in gold.contains { #expect(clean.text.contains(part), "\(gold.file): missing \(part)") }
        if let end = gold.endsWith {
            #expect(clean.text.hasSuffix(end), "\(gold.file): ends \(clean.text.suffix(40))")
        }
        for chrome in gold.mustNotContain { #expect(!clean.text.contains(chrome), "\(gold.file): \(chrome) in text") }
        if let warning = gold.warning { #expect(clean.quality.warnings.contains { $0.contains(warning) }) }
    }

    @Test("the gold covers every page in the folder")
    func coverage() throws {
        let pages = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter {
            $0.hasSuffix(".html")
        }
        #expect(Set(Self.gold().map(\.file)) == Set(pages))
    }
}

extension RealPagesTests.Gold: CustomTestStringConvertible {
    var testDescription: String { file }
}
