import TestKit
import Testing

@testable import Pipeline

/// DOCX and PDF text: what a reader of the document sees, its own title, and bounded cost
/// on hostile files (a zip bomb, a truncated or encrypted file, thousands of pages).
@Suite("DOCX and PDF text")
struct DocumentTextTests {
    static let lines = [
        "平潭综合实验区养老服务扶持政策措施清单", "一、对新建养老机构给予一次性建设补助。", "二、社区居家养老服务照料中心按年度给予运营补贴。",
    ]

    @Test("a DOCX gives one line per paragraph and its dc:title")
    func docx() throws {
        let bytes = DocxBuilder.docx(paragraphs: Self.lines, title: "平潭综合实验区养老服务扶持政策措施清单")
        #expect(DocumentFormat.sniff(bytes) == .docx)
        let read = try DocumentText.read(bytes, format: .docx)
        #expect(read.text == Self.lines.joined(separator: "\n") + "\n")
        #expect(read.title == "平潭综合实验区养老服务扶持政策措施清单")
    }

    @Test("a zip bomb stops at the cap as too-large, having inflated no more than the cap")
    func bomb() {
        let bytes = DocxBuilder.bomb(inflated: 64 << 20)
        #expect(bytes.count < 200_000)
        #expect(throws: Decoder.Failure.self) { try DocumentText.read(bytes, format: .docx) }
        do {
            _ = try DocumentText.read(bytes, format: .docx)
        } catch {
            #expect(error.code == .tooLarge)
        }
    }

    @Test("a truncated DOCX, a ZIP without word/document.xml and broken XML are damaged")
    func damagedDocx() {
        let good = DocxBuilder.docx(paragraphs: Self.lines)
        var noBody = ZipWriter()
        noBody.add("[Content_Types].xml", Array("<Types/>".utf8))
        var badXML = ZipWriter()
        badXML.add("word/document.xml", Array("<w:document><w:body><w:p>".utf8))
        for bytes in [Array(good.prefix(good.count / 2)), noBody.archive, badXML.archive] {
            do {
                _ = try DocumentText.read(bytes, format: .docx)
                Issue.record("read a damaged DOCX")
            } catch {
                #expect(error.code == .damaged)
            }
        }
    }

    @Test("a PDF gives its text layer in reading order and its Info title")
    func pdf() throws {
        let bytes = PDFBuilder.pdf(pages: [Array(Self.lines.prefix(2)), [Self.lines[2]]], title: "养老服务扶持政策措施清单")
        #expect(DocumentFormat.sniff(bytes) == .pdf)
        let read = try DocumentText.read(bytes, format: .pdf)
        for line in Self.lines { #expect(read.text.contains(line)) }
        #expect(read.title == "养老服务扶持政策措施清单")
        #expect(read.warnings.isEmpty)
    }

    @Test("a PDF of 5,000 pages is read up to the page cap, with a warning saying so")
    func manyPages() throws {
        let bytes = PDFBuilder.pdf(pages: Array(repeating: ["各地民政部门要做好困难群众救助工作。"], count: 5_000))
        let read = try PDFText(maxPages: 1_000).read(bytes)
        #expect(read.warnings == ["text of the first 1000 of 5000 pages read"])
        #expect(read.text.components("各地民政部门") == 1_000)
    }

    @Test("an encrypted PDF is encrypted, a truncated one damaged; neither aborts")
    func hostilePDF() {
        let encrypted = PDFBuilder.pdf(pages: [Self.lines], encrypted: true)
        let good = PDFBuilder.pdf(pages: [Self.lines])
        for (bytes, code) in [
            (encrypted, PipelineError.Code.encrypted), (Array(good.prefix(60)), .damaged),
            (Array("%PDF-1.4\n garbage".utf8), .damaged),
        ] {
            do {
                _ = try DocumentText.read(bytes, format: .pdf)
                Issue.record("read a hostile PDF")
            } catch {
                #expect(error.code == code)
            }
        }
    }

    @Test("a PDF without a text layer is unsupported-format through the pipeline, with the reason")
    func scan() {
        let bytes = PDFBuilder.pdf(pages: [[]])
        #expect(throws: PipelineError.self) { try NoticePipeline().process(RawNotice(file: "scan.pdf", bytes: bytes)) }
        do {
            _ = try NoticePipeline().process(RawNotice(file: "scan.pdf", bytes: bytes))
        } catch {
            #expect(error.code == .unsupportedFormat)
            #expect(error.message.contains("text layer"))
        }
    }

    @Test("a metadata title is kept only when it reads as a Chinese title")
    func usableTitles() {
        #expect(DocumentText.usable("Microsoft Word - 关于做好养老服务工作的通知.doc") == "关于做好养老服务工作的通知")
        #expect(DocumentText.usable("Normal") == nil)
        #expect(DocumentText.usable("文档1") == nil)
        #expect(DocumentText.usable("  ") == nil)
    }

    @Test("a DOCX and a PDF go through the same stages: title, agency and tags")
    func throughPipeline() throws {
        let text = [
            "关于做好2021年困难群众救助工作的通知", "各乡镇民政办：", "为做好最低生活保障和特困人员救助供养工作，现将有关事项通知如下。",
            "平潭县民政局", "2021年3月5日",
        ]
        for bytes in [DocxBuilder.docx(paragraphs: text), PDFBuilder.pdf(pages: [text])] {
            let notice = try NoticePipeline().process(RawNotice(file: "a", bytes: bytes))
            #expect(notice.parsed.title == "关于做好2021年困难群众救助工作的通知")
            #expect(notice.parsed.published == "2021-03-05")
            #expect(!notice.tags.isEmpty)
        }
    }
}

extension String {
    fileprivate func components(_ needle: String) -> Int {
        split(separator: needle, omittingEmptySubsequences: false).count - 1
    }
}
