import Corpus
import Foundation
import Pipeline
import Store
import TestKit

/// Issue 15's rows of the fault table: saved web pages that are hostile or broken. Each
/// ends stored (with a warning where one is due) or in `failed/` with its reason, within
/// the file budget and under the unit's MemoryHigh, and the daemon goes on.
extension FaultTest {
    func pageCases() -> [Case] {
        let paragraph = "各地民政部门要认真贯彻落实养老服务工作部署，切实保障困难群众基本生活。"
        let page = { (body: String) in
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>关于做好养老服务工作的通知</title></head>"
                + "<body><div id=\"zoom\">\(body)</div><div class=\"footer\">版权所有：某某省民政厅</div></body></html>"
        }
        return [
            Case(name: "HTML nested 100,000 deep", expected: "stored (its text read); RSS bounded") { f in
                let html =
                    "<html><body>" + String(repeating: "<div><span>", count: 100_000) + paragraph
                    + String(repeating: "</span></div>", count: 100_000) + "</body></html>"
                try f.drop("deep.html", Array(html.utf8))
                let peak = try f.peakRSS(timeout: 120) { SpoolFiles.list(f.daemon.incoming).isEmpty }
                let documents = try f.documents()
                return Outcome(
                    seen: "\(documents) document(s); " + Self.memory(peak),
                    ok: documents == 1 && peak <= Self.memoryHigh && f.daemon.isRunning)
            },
            Case(name: "16 MB single-line page", expected: "stored; RSS under MemoryHigh") { f in
                let body = String(repeating: "<p>\(paragraph)</p>", count: 16_000_000 / 130)
                try f.drop("line.html", Array(page(body).utf8))
                let peak = try f.peakRSS(timeout: 300) { SpoolFiles.list(f.daemon.incoming).isEmpty }
                let documents = try f.documents()
                return Outcome(
                    seen: "\(documents) document(s); " + Self.memory(peak),
                    ok: documents == 1 && peak <= Self.memoryHigh && f.daemon.isRunning)
            },
            Case(name: "page whose meta charset lies", expected: "stored, read as GB18030, with a warning") { f in
                guard let gbk = TextEncoder.legacy(page("<p>\(paragraph)</p><p>会议强调，要压实责任。</p>"), charset: "GB18030")
                else { throw TestKitError("cannot encode the page") }
                try f.drop("lying.html", gbk)
                return try f.stored(1, "stored") { SpoolFiles.list(f.daemon.incoming).isEmpty }
            },
            Case(
                name: "page of 1.4 million nested tags",
                expected: "failed/ + sidecar (too-large), before a tree is built"
            ) { f in
                let html =
                    "<html><body>" + String(repeating: "<div><span>", count: 1_450_000) + paragraph + "</body></html>"
                return try f.permanent("tags.html", Array(html.utf8))
            },
            Case(name: "HTML with NUL bytes", expected: "failed/ + sidecar (binary)") { f in
                try f.permanent(
                    "nul.html", Array(page("<p>\(paragraph)</p>").utf8) + [0, 0, 0] + Array("<p>x</p>".utf8))
            },
            Case(
                name: "zip bomb inside a .docx", expected: "failed/ + sidecar (too-large), inflating stopped at the cap"
            ) { f in
                let bomb = DocxBuilder.bomb(inflated: 1 << 30)
                try f.drop("bomb.docx", bomb)
                let peak = try f.peakRSS(timeout: 60) { SpoolFiles.list(f.daemon.incoming).isEmpty }
                var outcome = try f.awaitFailed("bomb.docx")
                outcome.seen += " (\(bomb.count / 1024) KiB inflating to 1 GiB; \(Self.memory(peak)))"
                outcome.ok = outcome.ok && peak <= Self.memoryHigh
                return outcome
            },
            Case(name: "encrypted PDF", expected: "failed/ + sidecar (encrypted)") { f in
                try f.permanent("locked.pdf", PDFBuilder.pdf(pages: [[paragraph]], encrypted: true))
            },
            Case(name: "truncated PDF", expected: "failed/ + sidecar (damaged)") { f in
                let whole = PDFBuilder.pdf(pages: [["关于做好养老服务工作的通知", paragraph]])
                return try f.permanent("cut.pdf", Array(whole.prefix(whole.count / 3)))
            },
            Case(name: "PDF of 5,000 pages", expected: "stored with a warning (first 1,000 pages read); RSS bounded") {
                f in
                let pdf = PDFBuilder.pdf(pages: [["关于做好养老服务工作的通知"]] + Array(repeating: [paragraph], count: 4_999))
                try f.drop("long.pdf", pdf)
                let peak = try f.peakRSS(timeout: 120) { SpoolFiles.list(f.daemon.incoming).isEmpty }
                let documents = try f.documents()
                let stored = try NoticeStore(path: f.daemon.db, readOnly: true).notice(reference: "1")
                let warned =
                    stored?.notice.parsed.clean.quality.warnings.contains(
                        "text of the first 1000 of 5000 pages read") ?? false
                return Outcome(
                    seen: "\(documents) document(s)\(warned ? ", warned" : ", no warning"); " + Self.memory(peak),
                    ok: documents == 1 && warned && peak <= Self.memoryHigh && f.daemon.isRunning)
            },
            Case(name: "scanned PDF, no text layer", expected: "failed/ + sidecar (unsupported-format)") { f in
                try f.permanent("scan.pdf", PDFBuilder.pdf(pages: [[], []]))
            },
            Case(name: ".wps dropped alone", expected: "failed/ + sidecar (unsupported-format)") { f in
                try f.permanent(
                    "a.wps", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
            },
        ]
    }
}
