internal import Foundation
internal import NoticeModel
internal import Pipeline
internal import Store

/// The document page's values for its template: the facts the pipeline read, people and
/// directives, tags with their evidence marked in the text, the repairs cleaning made (the
/// original beside the cleaned text), the other copies in its cluster with what differs, its
/// attachments or the page it belongs to.
struct DocumentView {
    struct Field {
        var label: String
        var value: String
    }
    struct PersonLine {
        var name: String
        var positions: String
    }
    struct TagLine {
        var id: String
        var name: String
        var evidence: String
    }
    struct Copy {
        var id: Int64
        var file: String
        var title: String
        var agency: String
        var published: String
        var differs: String
    }
    struct Attachment {
        var id: Int64?
        var name: String
    }
    struct Parent {
        var id: Int64
        var title: String
    }

    var pageTitle: String
    var id: Int64
    var title: String
    var fields: [Field]
    var people: [PersonLine]
    var hasPeople: Bool
    var directives: [String]
    var hasDirectives: Bool
    var tags: [TagLine]
    var repairs: [String]
    var hasRepairs: Bool
    var cleanText: String
    var originalText: String?
    var originalNote: String
    var cluster: [Copy]
    var hasCluster: Bool
    var attachments: [Attachment]
    var hasAttachments: Bool
    var parent: Parent?
    var feed: String? = nil

    init(
        _ stored: StoredNotice, original: [UInt8]?, copies: [ListedDocument],
        attachments stored_attachments: [(id: Int64, file: String, title: String?)], parent: StoredNotice?,
        labels: Labels
    ) {
        let n = stored.notice
        let p = n.parsed
        let c = n.clean
        id = stored.id
        title = p.title ?? c.file
        pageTitle = title
        var fields: [Field] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { fields.append(Field(label: label, value: value)) }
        }
        add("编号", String(stored.id))
        add("文件", (c.file as NSString).lastPathComponent)
        add("格式与编码", "\(c.format.rawValue) · \(c.encoding.rawValue) · \(c.script.rawValue)")
        add("发布日期", p.published)
        add("事件日期", p.eventDate)
        add("发布机构", p.agency)
        add("地区", p.region.map { "\($0.name)（\($0.code)）" })
        add("层级", p.level.map { Labels.level($0.rawValue) })
        add("类型", Labels.kind(p.kind.rawValue))
        add("发文字号", p.official.docNumber)
        add("主送", p.official.recipients.joined(separator: "、"))
        add("成文日期", p.official.signedDate)
        add("署名", p.official.signatories.joined(separator: "、"))
        add("抄送", p.official.copiedTo.joined(separator: "、"))
        add("来源", c.metadata.source ?? c.page?.source)
        add("来源网址", c.page?.sourceURL)
        add("入库时间", stored.ingestedAt)
        self.fields = fields
        people = p.people.map { PersonLine(name: $0.name, positions: $0.positions.joined(separator: "、")) }
        hasPeople = !people.isEmpty
        directives = p.directives
        hasDirectives = !directives.isEmpty
        tags = n.tags.map { tag in
            let evidence = (n.evidence[tag] ?? []).map { "\($0.keyword) ×\($0.count)" }.joined(separator: "、")
            return TagLine(id: tag, name: labels.tag(tag), evidence: evidence.isEmpty ? "" : "依据：" + evidence)
        }
        let q = c.quality
        var repairs: [String] = []
        if q.pinyinRemoved > 0 { repairs.append("删除夹注拼音 \(q.pinyinRemoved) 处") }
        if q.punctuationFixed > 0 { repairs.append("修正标点 \(q.punctuationFixed) 处") }
        if q.boilerplateLines > 0 { repairs.append("删除网站导航、页脚等 \(q.boilerplateLines) 行") }
        if q.spamLines > 0 { repairs.append("删除垃圾推广 \(q.spamLines) 行") }
        if q.mojibake > 0 { repairs.append("乱码 \(q.mojibake) 处") }
        if c.script != .simplified { repairs.append("繁体转为简体（检索与标签用简体）") }
        repairs += q.warnings.map { "提示：" + $0 }
        self.repairs = repairs
        hasRepairs = !repairs.isEmpty
        cleanText = EvidenceMarks.html(
            c.simplified, evidence: n.tags.map { ($0, (n.evidence[$0] ?? []).map(\.keyword)) })
        if c.format == .text, let original,
            let decoded = try? Decoder().decode(original).scalars
        {
            let text = String(String.UnicodeScalarView(decoded.compactMap(Unicode.Scalar.init)))
            originalText = RepairDiff.html(original: text, cleaned: c.text)
            originalNote = originalText == nil ? "原文过长，未逐字对照。" : ""
        } else {
            originalText = nil
            originalNote =
                original == nil
                ? "原始文件缺失或已损坏。" : "原文是 \(c.format.rawValue) 文件，正文由其中提取，不逐字对照。"
        }
        cluster = copies.map { copy in
            var differs: [String] = []
            if copy.title != p.title { differs.append("标题") }
            if copy.agency != p.agency { differs.append("机构") }
            if copy.published != p.published { differs.append("日期") }
            if copy.bytes != c.byteCount { differs.append("大小 \(copy.bytes) 字节（本文 \(c.byteCount)）") }
            return Copy(
                id: copy.id, file: copy.file, title: copy.title ?? "", agency: copy.agency ?? "",
                published: copy.published ?? "", differs: differs.isEmpty ? "内容相同" : differs.joined(separator: "、"))
        }
        hasCluster = !cluster.isEmpty
        var attachments = stored_attachments.map { Attachment(id: $0.id, name: $0.title ?? $0.file) }
        for link in Drop.missing(c.page?.attachments ?? [], among: stored_attachments.map(\.file)) {
            attachments.append(Attachment(id: nil, name: link.name))
        }
        self.attachments = attachments
        hasAttachments = !attachments.isEmpty
        self.parent = parent.map { Parent(id: $0.id, title: $0.notice.parsed.title ?? $0.notice.clean.file) }
    }
}
