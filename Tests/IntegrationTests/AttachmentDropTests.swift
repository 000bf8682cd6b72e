import Foundation
import Pipeline
import Store
import TestKit
import Testing

/// A page moved into `incoming/` as one folder with its attachments (DESIGN §8): each
/// attachment is a document of its own with `attachment_of` set to the page, text-less ones
/// are kept with a warning, `show` lists them and search says which hits are attachments.
@Suite("attachments dropped with their page")
struct AttachmentDropTests {
    static let page = """
        <!DOCTYPE html><html><head><meta charset="utf-8">
        <title>关于做好2021年困难群众救助工作的通知_平潭县民政局</title>
        <meta name="ArticleTitle" content="关于做好2021年困难群众救助工作的通知">
        <meta name="PubDate" content="2021-03-05 10:00"><meta name="ContentSource" content="平潭县民政局">
        </head><body><div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>
        <div class="article_content"><p>各乡镇人民政府，县直有关单位：</p>
        <p>为做好最低生活保障和特困人员救助供养工作，现将《困难群众救助工作方案》印发给你们，请认真贯彻执行。</p>
        <p>附件：<a href="/attachFiles/2021/fangan.docx">1.困难群众救助工作方案.docx</a>
        <a href="/attachFiles/2021/mingdan.pdf">2.救助对象名单.pdf</a>
        <a href="/attachFiles/2021/biaoge.wps">3.申请表.wps</a></p>
        <p>平潭县民政局</p><p>2021年3月5日</p></div>
        <div class="footer">版权所有：平潭县民政局</div></body></html>
        """

    static let plan = [
        "困难群众救助工作方案", "一、工作目标", "全面落实最低生活保障制度，做到应保尽保。", "二、工作措施",
        "乡镇人民政府负责受理低保申请，县民政局负责审核确认。",
    ]
    static let list = ["救助对象名单", "潭城镇：特困供养人员十二名。", "苏澳镇：低保家庭二十三户。"]

    @Test("page, DOCX, PDF and a .wps in page_files/-style folders: four documents, three linked to the page")
    func drop() throws {
        let d = try RunningDaemon()
        let staging = d.dir.appendingPathComponent("staging/notice-2021")
        let files = staging.appendingPathComponent("attachments/file")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        try Data(Self.page.utf8).write(to: staging.appendingPathComponent("page.html"))
        try Data(DocxBuilder.docx(paragraphs: Self.plan)).write(to: files.appendingPathComponent("fangan.docx"))
        try Data(PDFBuilder.pdf(pages: [Self.list])).write(to: files.appendingPathComponent("mingdan.pdf"))
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        try Data(ole2).write(to: files.appendingPathComponent("biaoge.wps"))
        // One folder moved in: one drop.
        try FileManager.default.moveItem(at: staging, to: d.incoming.appendingPathComponent("notice-2021"))
        try d.waitFor("four documents") { d.count("ingested") == 4 }

        let store = try NoticeStore(path: d.db, readOnly: true)
        var byFormat: [DocumentFormat: StoredNotice] = [:]
        try store.eachNotice(since: nil) { byFormat[$0.notice.clean.format] = $0 }
        let page = try #require(byFormat[.html])
        #expect(page.attachmentOf == nil)
        #expect(page.notice.parsed.title == "关于做好2021年困难群众救助工作的通知")
        let docx = try #require(byFormat[.docx])
        let pdf = try #require(byFormat[.pdf])
        let wps = try #require(byFormat[.ole2])
        for attachment in [docx, pdf, wps] { #expect(attachment.attachmentOf == page.id) }
        #expect(docx.notice.parsed.title == "困难群众救助工作方案")
        #expect(pdf.notice.parsed.clean.simplified.contains("苏澳镇：低保家庭二十三户。"))
        #expect(wps.notice.parsed.clean.quality.warnings == ["no text extracted: wps"])
        #expect(wps.notice.parsed.clean.text.isEmpty)
        #expect(try store.original(id: wps.id) == ole2)

        // show lists them; search says which hit is an attachment.
        let show = try NoticedBinary.run(["show", String(page.id), "--db", d.db])
        #expect(show.status == 0)
        for name in ["fangan.docx", "mingdan.pdf", "biaoge.wps"] { #expect(show.stdout.contains(name)) }
        let search = try NoticedBinary.run(["search", "应保尽保", "--db", d.db, "--json"])
        #expect(search.status == 0)
        let hit = try #require(search.stdout.split(separator: "\n").first)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(hit.utf8)) as? [String: Any])
        #expect(json["part"] as? String == "attachment")
        #expect(json["attachment_of"] as? Int == Int(page.id))
        let export = try NoticedBinary.run(["show", String(docx.id), "--db", d.db, "--json"])
        #expect(export.stdout.contains("\"attachment_of\":\(page.id)"))
    }

    @Test("a .wps or a scanned PDF dropped alone goes to failed/ as unsupported-format")
    func alone() throws {
        let d = try RunningDaemon()
        let folder = d.dir.appendingPathComponent("staging/lone")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        try Data(ole2).write(to: folder.appendingPathComponent("a.wps"))
        try Data(PDFBuilder.pdf(pages: [[]])).write(to: folder.appendingPathComponent("scan.pdf"))
        try FileManager.default.moveItem(at: folder, to: d.incoming.appendingPathComponent("lone"))
        try d.waitFor("two failures") { d.count("failed") == 2 }
        #expect(try d.documents() == 0)
        for name in ["a.wps", "scan.pdf"] {
            let sidecar = d.failed.appendingPathComponent("lone/\(name).error.json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sidecar)) as? [String: Any])
            #expect(json["error"] as? String == "unsupported-format")
        }
    }

    @Test("two pages in one folder: each attachment goes to the page that links it")
    func twoPages() throws {
        let d = try RunningDaemon()
        let folder = d.dir.appendingPathComponent("staging/column")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.page.utf8).write(to: folder.appendingPathComponent("a.html"))
        let other = Self.page.replacingOccurrences(of: "fangan.docx", with: "other.docx")
            .replacingOccurrences(of: "2021年困难群众救助", with: "2021年养老服务")
        try Data(other.utf8).write(to: folder.appendingPathComponent("b.html"))
        try Data(DocxBuilder.docx(paragraphs: Self.plan)).write(to: folder.appendingPathComponent("fangan.docx"))
        try FileManager.default.moveItem(at: folder, to: d.incoming.appendingPathComponent("column"))
        try d.waitFor("three documents") { d.count("ingested") == 3 }
        let store = try NoticeStore(path: d.db, readOnly: true)
        var pages: [String: Int64] = [:]
        var docx: StoredNotice?
        try store.eachNotice(since: nil) {
            if $0.notice.clean.format == .html { pages[$0.notice.clean.file] = $0.id } else { docx = $0 }
        }
        #expect(try #require(docx).attachmentOf == pages["incoming/column/a.html"])
    }

    /// The real drop: a saved Pingtan page (Fixtures/drop, see SOURCES.md) with two of the
    /// attachments it links, in the scraper's own `attachments/file/` layout.
    @Test("a real saved page with its .docx and .pdf in attachments/file/: linked, titled by their link text")
    func realDrop() throws {
        let fixture = NoticedBinary.root.appendingPathComponent("Tests/IntegrationTests/Fixtures/drop")
        let d = try RunningDaemon()
        let staging = d.dir.appendingPathComponent("staging/47818")
        let files = staging.appendingPathComponent("attachments/file")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: fixture.appendingPathComponent("page.html"), to: staging.appendingPathComponent("page.html"))
        for name in ["40280252891eb43b01891efc7f050005.docx", "40280252891fc35901891fd1355c0004.pdf"] {
            try FileManager.default.copyItem(
                at: fixture.appendingPathComponent("attachments/file/\(name)"), to: files.appendingPathComponent(name))
        }
        try FileManager.default.moveItem(at: staging, to: d.incoming.appendingPathComponent("47818"))
        try d.waitFor("three documents") { d.count("ingested") == 3 }

        let store = try NoticeStore(path: d.db, readOnly: true)
        var byFormat: [DocumentFormat: StoredNotice] = [:]
        try store.eachNotice(since: nil) { byFormat[$0.notice.clean.format] = $0 }
        let page = try #require(byFormat[.html])
        // Gold, from reading the page (SOURCES.md).
        #expect(page.notice.parsed.title == "关于公开征集平潭第一中学录播教室设备、油印室耗材、宣传材料布置、家具等采购项目方案的公告")
        #expect(page.notice.parsed.published == "2023-07-04")
        #expect(page.notice.parsed.agency == "平潭综合实验区社会事业局")
        #expect(page.notice.clean.page?.attachments.count == 5)
        let docx = try #require(byFormat[.docx])
        let pdf = try #require(byFormat[.pdf])
        #expect(docx.attachmentOf == page.id)
        #expect(pdf.attachmentOf == page.id)
        #expect(docx.notice.parsed.title == "平潭第一中学油印室耗材参数及数量")
        #expect(pdf.notice.parsed.title == "平潭第一中学（岚城校区）科技文化长廊参数")
        #expect(docx.notice.clean.simplified.contains("预算金额：不超过32.4万。"))
        #expect(pdf.notice.clean.simplified.contains("平潭第一中学科技长廊采购项目"))
        let show = try NoticedBinary.run(["show", String(page.id), "--db", d.db])
        #expect(show.stdout.contains("(not dropped)  附件1：平潭第一中学录播教室设备采购说明.doc"))
    }
}
