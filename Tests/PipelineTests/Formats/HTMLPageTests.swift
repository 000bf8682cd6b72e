import Corpus
import Foundation
import TestKit
import Testing

@testable import Pipeline

/// Format detection, the page's charset, and reading a page's main text and metadata.
@Suite("HTML pages")
struct HTMLPageTests {
    static let body = Fixtures.cleanDocuments().first ?? ["民政部召开全国养老服务工作会议。"]

    /// A page laid out as TRS-style government CMSs lay them out, around real notice text.
    static func page(charset: String = "utf-8", container: String = "<div class=\"TRS_Editor\">") -> String {
        """
        <!-- saved from url=(0055)http://mzt.example.gov.cn/art/2021/5/12/art_1_123.html -->
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=\(charset)">
        <title>关于做好养老服务工作的通知_某某省民政厅</title>
        <meta name="ArticleTitle" content="关于做好养老服务工作的通知">
        <meta name="PubDate" content="2021-05-12 09:30">
        <meta name="ContentSource" content="某某省民政厅">
        <meta name="SiteName" content="某某省民政厅">
        <meta name="ColumnName" content="通知公告">
        <script>var a = "<p>不是正文</p>"; document.write('菜单');</script>
        <style>.x { color: red }</style>
        </head><body>
        <div class="header"><a href="/">首页</a><a href="/a">机构概况</a><a href="/b">政务公开</a><a href="/c">办事服务</a></div>
        <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/c">通知公告</a></div>
        <table class="xxgk"><tr><td>索 引 号：</td><td>11000000000/2021-00012</td><td>发文机关：</td><td>某某省民政厅</td></tr>
        <tr><td>发文字号：</td><td>某民发〔2021〕12号</td><td>成文日期：</td><td>2021年5月10日</td></tr></table>
        <h1>关于做好养老服务工作的通知</h1>
        <div class="info">发布时间：2021-05-12 来源：某某省民政厅 【字体：大 中 小】</div>
        \(container)
        \(body.map { "<p style=\"text-indent:2em\">\($0)</p>" }.joined(separator: "\n"))
        <p>附件：<a href="/files/2021/附件1.docx">附件1.养老服务机构名单</a></p>
        <p><a href="P020210512.pdf">实施方案（PDF）</a></p>
        </div>
        <div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
        <div class="footer">版权所有：某某省民政厅 地址：某某市某某路1号 备案号：京ICP备05027863号</div>
        </body></html>
        """
    }

    @Test("formats are told by content: PDF, DOCX, OLE2, images, HTML after comments and BOMs, else text")
    func sniffing() {
        #expect(DocumentFormat.sniff(Array("%PDF-1.7\n%âãÏÓ".utf8)) == .pdf)
        #expect(DocumentFormat.sniff([0x50, 0x4B, 0x03, 0x04] + Array("....word/document.xml".utf8)) == .docx)
        #expect(DocumentFormat.sniff([0x50, 0x4B, 0x03, 0x04] + Array("....OFD.xml".utf8)) == .ofd)
        #expect(DocumentFormat.sniff([0x50, 0x4B, 0x03, 0x04, 0, 0]) == .zip)
        #expect(DocumentFormat.sniff([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]) == .ole2)
        #expect(DocumentFormat.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]) == .image)
        #expect(DocumentFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .image)
        #expect(DocumentFormat.sniff(Array("  \n<!DOCTYPE HTML><html>".utf8)) == .html)
        #expect(DocumentFormat.sniff([0xEF, 0xBB, 0xBF] + Array("<html><body>".utf8)) == .html)
        #expect(DocumentFormat.sniff(Array("<!-- saved from url=(0030)http://a.gov.cn -->\n<html>".utf8)) == .html)
        #expect(DocumentFormat.sniff(Array("<?xml version=\"1.0\"?>\n<html xmlns=\"x\">".utf8)) == .html)
        #expect(DocumentFormat.sniff(Array("<META http-equiv=Content-Type content=text/html>".utf8)) == .html)
        #expect(DocumentFormat.sniff(Array("关于召开会议的通知\n<b>不是网页</b>".utf8)) == .text)
        #expect(DocumentFormat.sniff(Array("<b>粗体</b> 开头的文字".utf8)) == .text)
    }

    @Test("the declared charset, as browsers read labels: GB2312, GBK and x-gbk are GB18030")
    func charsetLabels() {
        func declared(_ head: String) -> TextEncoding? { HTMLCharset.declared(in: Array(head.utf8)) }
        #expect(declared("<meta charset=\"gb2312\">") == .gb18030)
        #expect(declared("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\">") == .gb18030)
        #expect(declared("<meta http-equiv=content-type content='text/html;charset=x-gbk'>") == .gb18030)
        #expect(declared("<meta charset=utf-8 />") == .utf8)
        #expect(declared("<meta charset=\"big5\">") == .big5)
        #expect(declared("<meta charset=\"shift_jis\">") == nil)
        #expect(declared("<meta name=\"keywords\" content=\"养老\">") == nil)
        #expect(declared(String(repeating: " ", count: 1030) + "<meta charset=gbk>") == nil)
    }

    @Test("a page declared GB2312 that holds GBK-only characters reads as GB18030; a lying declaration is overruled")
    func charsets() throws {
        // 镕 and 堃 are in GBK, not in GB2312.
        let text = Self.page(charset: "gb2312").replacingOccurrences(of: "工作的通知", with: "工作的通知（朱镕基 王堃）")
        let gbk = try #require(TextEncoder.encode(text, as: .gb18030))
        let clean = try Cleaner().clean(RawNotice(file: "p.html", bytes: gbk))
        #expect(clean.encoding == .gb18030 && clean.format == .html)
        #expect(clean.page?.title?.contains("朱镕基") == true && clean.page?.title?.contains("王堃") == true)
        #expect(clean.quality.warnings.allSatisfy { !$0.contains("declares") })
        // Declared UTF-8, but the bytes are GBK.
        let lying = try #require(TextEncoder.encode(Self.page(charset: "utf-8"), as: .gb18030))
        let read = try Cleaner().clean(RawNotice(file: "q.html", bytes: lying))
        #expect(read.encoding == .gb18030)
        #expect(read.quality.warnings.contains { $0.contains("declares UTF-8 but is GB18030") })
    }

    @Test("the main text without menus, position, share bar, footer, scripts or styles; head tags and info table read")
    func extraction() throws {
        let clean = try Cleaner().clean(RawNotice(file: "p.html", bytes: Array(Self.page().utf8)))
        let text = clean.simplified
        #expect(clean.format == .html)
        #expect(text.hasPrefix("关于做好养老服务工作的通知\n"))
        for line in Self.body.prefix(3) { #expect(text.contains(line), "\(line)") }
        for chrome in ["首页", "机构概况", "分享到", "版权所有", "京ICP备", "不是正文", "菜单", "color", "<p", "字体"] {
            #expect(!text.contains(chrome), "\(chrome) left in the text")
        }
        let page = try #require(clean.page)
        #expect(page.title == "关于做好养老服务工作的通知")
        #expect(page.published == "2021-05-12 09:30")
        #expect(page.site == "某某省民政厅" && page.column == "通知公告")
        #expect(page.sourceURL == "http://mzt.example.gov.cn/art/2021/5/12/art_1_123.html")
        #expect(page.field("索引号") == "11000000000/2021-00012")
        #expect(page.field("发文字号") == "某民发〔2021〕12号")
        #expect(
            page.attachments == [
                PageInfo.Attachment(name: "附件1.养老服务机构名单", href: "/files/2021/附件1.docx"),
                PageInfo.Attachment(name: "实施方案（PDF）", href: "P020210512.pdf"),
            ])
        let parsed = NoticePipeline().parser.parse(clean)
        #expect(parsed.title == "关于做好养老服务工作的通知")
        #expect(parsed.published == "2021-05-10")  // its 成文日期, from the info table
        #expect(parsed.official.docNumber == "某民发〔2021〕12号")
        #expect(parsed.agency == "某某省民政厅" || parsed.agency?.hasSuffix("民政厅") == true)
    }

    @Test("a page with no known container is read by text density")
    func density() throws {
        let html = Self.page(container: "<div class=\"wrap2\"><div class=\"c\">")
            .replacingOccurrences(of: "</div>\n<div class=\"share\">", with: "</div></div>\n<div class=\"share\">")
        let clean = try Cleaner().clean(RawNotice(file: "d.html", bytes: Array(html.utf8)))
        for line in Self.body.prefix(3) { #expect(clean.simplified.contains(line)) }
        for chrome in ["机构概况", "分享到", "版权所有"] { #expect(!clean.simplified.contains(chrome), "\(chrome)") }
    }

    @Test("markup nested 100,000 deep and formats without text end in one clear error or a bounded read")
    func hostile() throws {
        let deep =
            "<html><body>" + String(repeating: "<div>", count: 100_000) + "关于召开全省民政工作会议的通知。会议定于五月召开。"
            + String(repeating: "</div>", count: 100_000) + "</body></html>"
        let clock = ContinuousClock()
        let start = clock.now
        // Read past libxml2's default depth of 256, where it would drop the rest of the page.
        let clean = try Cleaner().clean(RawNotice(file: "deep.html", bytes: Array(deep.utf8)))
        #expect(clean.simplified.contains("会议定于五月召开"))
        #expect(clock.now - start < .seconds(20))
        // Tags past the cap are refused before libxml2 builds a tree for them.
        let tagged = "<html><body>" + String(repeating: "<b>", count: HTMLPage.maxTags) + "关于召开会议的通知</body></html>"
        let refused = #expect(throws: PipelineError.self) {
            try Cleaner().clean(RawNotice(file: "tags.html", bytes: Array(tagged.utf8)))
        }
        #expect(refused?.code == .tooLarge)
        // A broken PDF is damaged, an old Office file has no reader: one clear decode error each.
        let pdf = #expect(throws: PipelineError.self) {
            try Cleaner().clean(RawNotice(file: "a.pdf", bytes: Array("%PDF-1.4\n1 0 obj".utf8)))
        }
        #expect(pdf?.code == .damaged && pdf?.stage == .decode)
        let doc = #expect(throws: PipelineError.self) {
            try Cleaner().clean(
                RawNotice(
                    file: "a.doc",
                    bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 56)))
        }
        #expect(doc?.code == .unsupportedFormat && doc?.stage == .decode)
    }
}
