import Testing

@testable import Daemon

@Suite("Log text")
struct LogTextTests {
    @Test("control characters, separators, backslashes and quotes are escaped: one event, one line")
    func escaping() {
        #expect(LogText.escaped("a\nb\rc\td\u{1B}[31m") == "a\\nb\\rc\\td\\x1B[31m")
        #expect(LogText.escaped("\u{0}\u{7F}\u{85}\u{9B}") == "\\x00\\x7F\\x85\\x9B")
        #expect(LogText.escaped("x\u{2028}y\u{2029}z\u{202E}") == "x\\u{2028}y\\u{2029}z\\u{202E}")
        #expect(LogText.escaped(#"a\b"c"#) == #"a\\b\"c"#)
        #expect(LogText.escaped("关于做好养老服务的通知 a=b") == "关于做好养老服务的通知 a=b")
        #expect(LogText.escaped("a=b", escapingEquals: true) == "a\\=b")
        let forged = "incoming/x\n2026-12-01T00:00:00Z noticed[1] critical: FAKE ENTRY.txt: stored as #1"
        let message = LogText.message(forged)
        #expect(!message.contains("\n") && message.hasPrefix("incoming/x\\n2026"))
    }

    @Test("a value with a space, quote or '=' is quoted and cannot pass for another field")
    func fieldValues() {
        #expect(LogText.fieldValue("incoming/a.txt", field: "NOTICE_FILE") == "incoming/a.txt")
        #expect(LogText.fieldValue("a b", field: "NOTICE_FILE") == "\"a b\"")
        #expect(LogText.fieldValue("", field: "NOTICE_TITLE") == "")
        let forged = #"incoming/q" NOTICE_EVENT=failed NOTICE_SHA256=deadbeef x.txt"#
        let value = LogText.fieldValue(forged, field: "NOTICE_FILE")
        #expect(value == #""incoming/q\" NOTICE_EVENT\=failed NOTICE_SHA256\=deadbeef x.txt""#)
        #expect(!value.contains("NOTICE_EVENT=") && !LogText.message(forged).contains("NOTICE_EVENT="))
        #expect(LogText.fieldValue("tab\there", field: "NOTICE_FILE") == "\"tab\\there\"")
    }

    @Test("free text is cut at 200 characters, other values and the message at 1,024, on a Character boundary")
    func capping() {
        let title = String(repeating: "养老", count: 3_000)
        #expect(LogText.fieldValue(title, field: "NOTICE_TITLE") == String(repeating: "养老", count: 100) + "…")
        #expect(LogText.fieldValue(title, field: "NOTICE_AGENCY").count == 201)
        #expect(LogText.fieldValue(title, field: "NOTICE_FILE").count == 1_025)
        #expect(LogText.message(title).count == 1_025)
        #expect(LogText.capped("短", limit: 1) == "短")
        #expect(LogText.capped(String(repeating: "a", count: 10), limit: 10) == String(repeating: "a", count: 10))
        // An emoji with modifiers is one Character: never split.
        let family = "👨‍👩‍👧‍👦"
        #expect(LogText.capped(String(repeating: family, count: 5), limit: 2) == family + family + "…")
        // One Character of a letter and 100,000 combining marks: cut within it, at the byte budget.
        let huge = "e" + String(repeating: "\u{301}", count: 100_000)
        let cut = LogText.capped(huge, limit: 200)
        #expect(cut.utf8.count <= 800 + 3 && cut.hasSuffix("…"))
        // Trusted fields are never cut.
        let digest = String(repeating: "ab", count: 1_000)
        #expect(LogText.fieldValue(digest, field: "NOTICE_SHA256") == digest)
        #expect(LogText.cap(forField: "NOTICE_EVENT") == nil)
    }
}
