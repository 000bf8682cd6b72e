import Testing

@testable import NoticeModel

/// The byte writer against the scalar-by-scalar writer it replaced (issue 19): the same output
/// for every string, escapes included.
@Suite("JSON writer")
struct JSONValueTests {
    /// The writer before issue 19, kept here as the reference.
    static func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test("every escape, and random mixes of ASCII, hanzi, controls and U+2028/9, as the reference writes them")
    func sameAsReference() {
        let fixed = [
            "", "养老", "a\"b\\c", "\n\r\t", "\u{0}\u{1}\u{1F}\u{7F}", "\u{2028}x\u{2029}", "\u{2027}\u{202A}",
            "关于做好“养老”服务的通知\n", "🀄️ emoji 𠀀", "<script>&'</script>",
        ]
        for s in fixed { #expect(JSONValue.string(s).serialized() == Self.reference(s), "\(s.debugDescription)") }
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{7F}", "养", "老", "，", "\u{2028}",
            "\u{2029}", "\u{2026}", "\u{E2}", "\u{80}", "\u{20000}", "\u{FFFD}",
        ]
        var seed: UInt64 = 19
        for _ in 0..<2000 {
            var s = String.UnicodeScalarView()
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for k in 0..<Int(seed >> 58) {
                s.append(alphabet[Int((seed >> UInt64(k % 50)) % UInt64(alphabet.count))])
            }
            let text = String(s)
            #expect(JSONValue.string(text).serialized() == Self.reference(text), "\(text.debugDescription)")
        }
    }

    @Test("objects keep their key order; numbers, booleans, null and nesting")
    func structure() {
        let value = JSONValue.object([
            ("z", .int(-3)), ("a", .array([.bool(true), .null, .double(0.5), .double(.infinity)])),
            ("标题", .string("x")), ("o", .object([])),
        ])
        #expect(value.serialized() == #"{"z":-3,"a":[true,null,0.5,null],"标题":"x","o":{}}"#)
        var text = "> "
        value.write(to: &text)
        #expect(text == "> " + value.serialized())
    }
}
