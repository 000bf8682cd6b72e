import Corpus
import Foundation
import Pipeline
import Testing

@Suite("Decoding")
struct DecoderTests {
    let decoder = Decoder()
    static let sample = "民政部召开党组会议，部署常态化疫情防控工作。\n各地民政部门要认真学习领会。"
    static let traditional = "民政部召開黨組會議，部署常態化疫情防控工作。\n各地民政部門要認真學習領會。"

    @Test("every accepted encoding is detected and decoded", arguments: TextEncoding.allCases)
    func roundTrip(_ encoding: TextEncoding) throws {
        let text = encoding == .big5 ? Self.traditional : Self.sample
        let bytes = try #require(TextEncoder.encode(text, as: encoding))
        let (scalars, found) = try decoder.decode(bytes)
        #expect(found == encoding)
        #expect(String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init))) == text)
    }

    @Test("UTF-8 with a byte-order mark is UTF-8")
    func utf8BOM() throws {
        let (scalars, found) = try decoder.decode(try #require(TextEncoder.encode(Self.sample, as: .utf8, bom: true)))
        #expect(found == .utf8)
        #expect(scalars.first == Array(Self.sample.unicodeScalars)[0].value)
    }

    @Test(
        "bad input is a clear error, never a crash",
        arguments: [
            ("empty", [UInt8](), PipelineError.Code.empty),
            ("NUL bytes", Array("民政\u{0}部".utf8), .binary),
            (
                "Latin-1 text",
                Array(
                    "Caf\u{E9} r\u{E9}sum\u{E9} na\u{EF}ve \u{E0} la carte, d\u{E9}j\u{E0} vu".unicodeScalars.map {
                        UInt8($0.value)
                    }), .undecodable
            ),
            ("odd UTF-16", [0xFF, 0xFE, 0x11], .undecodable),
            ("UTF-32", [0xFF, 0xFE, 0, 0, 0x11, 0x4E, 0, 0], .undecodable),
        ])
    func badInput(_ name: String, _ bytes: [UInt8], _ code: PipelineError.Code) {
        #expect(throws: Decoder.Failure.self, "\(name)") { try decoder.decode(bytes) }
        do {
            _ = try decoder.decode(bytes)
        } catch {
            #expect(error.code == code, "\(name): \(error.message)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("random bytes never crash and never decode as Chinese text")
    func randomBytes() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 1...4096, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let cleaned = try? Cleaner().clean(RawNotice(file: "random", bytes: bytes))
            #expect(cleaned == nil)
        }
    }

    @Test("a file over the size limit is refused before any work")
    func tooLarge() throws {
        let big = [UInt8](repeating: 0x41, count: 50 << 20)
        #expect(throws: PipelineError.self) { try Cleaner().clean(RawNotice(file: "big", bytes: big)) }
        do {
            _ = try Cleaner().clean(RawNotice(file: "big", bytes: big))
        } catch {
            #expect(error.code == .tooLarge && error.stage == .decode)
        }
    }

    @Test("a file without hanzi is an error")
    func noHanzi() {
        do {
            _ = try Cleaner().clean(RawNotice(file: "en.txt", bytes: Array("Just English text.\nNothing else.".utf8)))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .noHanzi)
            #expect(error.description.hasPrefix("en.txt: clean: "))
        }
    }
}
