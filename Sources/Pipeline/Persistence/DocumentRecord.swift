package import Foundation

/// A stored document's row as plain values: what every backend writes for a notice and what it
/// reads back, so that SQLite and PostgreSQL store the same thing in the same form (compressed
/// texts, JSON columns) and rebuild the same `StoredNotice` from it.
///
/// Promises: `StoredNotice(record:…)` of a record made from a notice gives back that notice's
/// fields (the round trip the store tests check on both backends).
package struct DocumentRecord: Sendable {
    package var id: Int64 = 0
    package var sha256 = ""
    package var file = ""
    package var collection: String?
    package var bytes = 0
    package var encoding = TextEncoding.utf8.rawValue
    package var script = Script.simplified.rawValue
    package var title: String?
    package var titleSource: String?
    package var published: String?
    package var eventDate: String?
    package var agency: String?
    package var regionCode: String?
    package var regionName: String?
    package var level: String?
    package var kind = DocumentKind.other.rawValue
    package var docNumber: String?
    package var official = "{}"
    package var metadata = "{}"
    package var quality = "{}"
    /// The own-script text, zlib-compressed; nil when it equals the Simplified text.
    package var text: Data?
    /// The Simplified text, zlib-compressed.
    package var simplifiedZlib = Data()
    package var cluster: Int64 = 0
    package var ingestedAt = ""
    package var pipelineVersion = NoticeStore.pipelineVersion
    package var attachmentOf: Int64?

    package init() {}

    /// The derived fields of `notice` (everything `replace` rewrites), from its prepared columns.
    package init(_ notice: TaggedNotice, _ prepared: PreparedColumns) {
        let p = notice.parsed
        let c = p.clean
        sha256 = c.sha256
        file = c.file
        bytes = c.byteCount
        encoding = c.encoding.rawValue
        script = c.script.rawValue
        title = p.title
        titleSource = p.titleSource?.rawValue
        published = p.published
        eventDate = p.eventDate
        agency = p.agency
        regionCode = p.region?.code
        regionName = p.region?.name
        level = p.level?.rawValue
        kind = p.kind.rawValue
        docNumber = p.official.docNumber
        official = prepared.official
        metadata = prepared.metadata
        quality = prepared.quality
        text = prepared.compressedText
        simplifiedZlib = prepared.compressedSimplified
    }
}

extension StoredNotice {
    /// The notice a backend read: its row, then its people (name, positions JSON) and
    /// directives (a span of the Simplified text's UTF-8, or the words) in order, and its tags
    /// with their evidence JSON.
    package init(
        record row: DocumentRecord, people: [(name: String, positions: String)],
        directives: [(start: Int?, length: Int?, text: String?)], tags: [(tag: String, evidence: String)]
    ) {
        let simplified = Compression.simplified(row.simplifiedZlib)
        let ownScript = row.text.flatMap(Compression.text)
        let metadata = NoticeStore.decode(StoredJSON.Metadata.self, row.metadata)
        let clean = CleanText(
            file: row.file, sha256: row.sha256, byteCount: row.bytes,
            encoding: TextEncoding(rawValue: row.encoding) ?? .utf8,
            script: Script(rawValue: row.script) ?? .simplified,
            text: ownScript ?? simplified, simplified: simplified,
            quality: NoticeStore.decode(Quality.self, row.quality) ?? Quality(),
            metadata: metadata?.site ?? SiteMetadata(), format: metadata?.format ?? .text, page: metadata?.page)
        var parsed = ParsedNotice(clean: clean)
        parsed.title = row.title
        parsed.titleSource = row.titleSource.flatMap(ParsedNotice.TitleSource.init(rawValue:))
        parsed.published = row.published
        parsed.eventDate = row.eventDate
        parsed.agency = row.agency
        if let code = row.regionCode { parsed.region = Region(code: code, name: row.regionName ?? "") }
        parsed.level = row.level.flatMap(AdministrativeLevel.init(rawValue:))
        parsed.kind = DocumentKind(rawValue: row.kind) ?? .other
        parsed.official = NoticeStore.decode(OfficialElements.self, row.official) ?? OfficialElements()
        parsed.people = people.map {
            Person(name: $0.name, positions: NoticeStore.decode([String].self, $0.positions) ?? [])
        }
        let utf8 = Array(simplified.utf8)
        parsed.directives = directives.map { d in
            if let text = d.text { return text }
            guard let start = d.start, let length = d.length, start >= 0, start + length <= utf8.count else {
                return ""
            }
            return String(decoding: utf8[start..<(start + length)], as: UTF8.self)
        }
        var evidence: [String: [KeywordCount]] = [:]
        for t in tags { evidence[t.tag] = StoredJSON.decodeEvidence(t.evidence) }
        self.init(
            id: row.id, cluster: row.cluster, collection: row.collection, ingestedAt: row.ingestedAt,
            pipelineVersion: row.pipelineVersion,
            notice: TaggedNotice(parsed: parsed, tags: Taxonomy.ordered(tags.map(\.tag)), evidence: evidence),
            attachmentOf: row.attachmentOf)
    }
}

extension SearchHit {
    package init(
        id: Int64, file: String, title: String?, agency: String?, published: String?, tags: [String], score: Double,
        text: String, terms: [String], attachmentOf: Int64?
    ) {
        self.init(
            id: id, file: (file as NSString).lastPathComponent, title: title, agency: agency, published: published,
            tags: tags.sorted(), score: score, snippet: Snippet.make(text, terms: terms), attachmentOf: attachmentOf)
    }
}
