import Corpus
import Foundation
import TestKit
import Testing

@testable import Pipeline

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

    @Test("plain GB18030 and Big5 files are settled without the detector, always as it would")
    func settledWithoutDetector() throws {
        var options = DamageGenerator.Options()
        options.encodings = [.gb18030, .big5]
        let generator = try #require(DamageGenerator(options: options))
        let documents = Fixtures.cleanDocuments()
        var settled: [TextEncoding: Int] = [:]
        var total: [TextEncoding: Int] = [:]
        for seed in 0..<300 {
            let sample = generator.damage(documents[seed % documents.count], name: "\(seed)", seed: UInt64(seed))
            total[sample.encoding, default: 0] += 1
            guard let guess = LegacyCharsetGuess.settle(sample.bytes) else { continue }
            #expect(guess == sample.encoding, "sample \(seed)")
            settled[guess, default: 0] += 1
            #expect(try decoder.decode(sample.bytes).encoding == sample.encoding, "sample \(seed)")
        }
        let report = Comment(rawValue: "settled \(settled) of \(total)")
        #expect(settled[.gb18030, default: 0] * 10 >= total[.gb18030, default: 0] * 9, report)
        #expect(settled[.big5, default: 0] * 10 >= total[.big5, default: 0] * 9, report)
    }

    @Test(
        "Korean and Japanese legacy text is refused, not read as Chinese",
        arguments: [
            (
                "EUC-KR",
                "대한민국은 민주공화국이다. 대한민국의 주권은 국민에게 있고, 모든 권력은 국민으로부터 나온다. 대한민국의 국민이 되는 요건은 법률로 정한다. 국가는 법률이 정하는 바에 의하여 재외국민을 보호할 의무를 진다."
            ),
            (
                "EUC-JP",
                "日本国民は、正当に選挙された国会における代表者を通じて行動し、われらとわれらの子孫のために、諸国民との協和による成果と、わが国全土にわたつて自由のもたらす恵沢を確保し、政府の行為によつて再び戦争の惨禍が起ることのないやうにすることを決意する。"
            ),
        ])
    func foreignLegacy(_ charset: String, _ text: String) throws {
        let bytes = try #require(TextEncoder.legacy(text, charset: charset))
        #expect(throws: Decoder.Failure.self) { try decoder.decode(bytes) }
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

/// The legacy-charset defect of issue 15: valid GB18030 notices, long, in Traditional
/// script with pinyin annotations and the U+FFFD an earlier conversion left (a four-byte
/// sequence in GB18030), were refused as undecodable. None may be; Big5 likewise.
@Suite("Legacy charsets at volume")
struct LegacyVolumeTests {
    static let documents = Fixtures.cleanDocuments()

    @Test("a valid GB18030 file holding U+FFFD (84 31 A4 37) decodes, its U+FFFD kept as mojibake")
    func replacementCharacter() throws {
        let text = "关于召開(kāi)全省民政工作會議(yì)的通知\u{FFFD}各地民政部門要認真學習領會。"
        let bytes = try #require(TextEncoder.encode(text, as: .gb18030))
        #expect(bytes.firstIndex(of: [0x84, 0x31, 0xA4, 0x37], from: 0) != nil)
        let decoded = try Decoder().decode(bytes)
        #expect(decoded.encoding == .gb18030 && decoded.scalars.contains(0xFFFD))
        let clean = try Cleaner().clean(RawNotice(file: "m.txt", bytes: bytes))
        #expect(clean.quality.mojibake == 1)
    }

    @Test(
        "1,000 damaged copies per legacy charset (noticed-bench --legacy-volume runs 5,000): none refused",
        arguments: [TextEncoding.gb18030, .big5])
    func volume(_ encoding: TextEncoding) throws {
        let result = try #require(LegacyVolume.run(encoding, count: 1000, documents: Self.documents))
        #expect(result.checked >= 900)
        #expect(
            result.refused.isEmpty, "\(result.refused.count) refused of \(result.checked): \(result.refused.prefix(5))")
    }
}
