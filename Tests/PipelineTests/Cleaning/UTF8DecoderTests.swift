import Corpus
import Testing

@testable import Pipeline

/// The hand-rolled UTF-8 decoder agrees with the standard library's validation, byte for byte.
@Suite("UTF-8 decoder")
struct UTF8DecoderTests {
    @Test(
        "ill-formed sequences are refused",
        arguments: [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0x80],
            [0xF8, 0x88, 0x80, 0x80, 0x80],
        ] as [[UInt8]])
    func refused(_ bytes: [UInt8]) {
        #expect(Decoder.utf8(bytes[...]) == nil)
    }

    @Test("differential against String(validating:) on 20,000 random sequences")
    func differential() {
        var rng = SplitMix64(seed: 42)
        let pieces: [[UInt8]] = [
            [0x41], [0xE4, 0xB8, 0xAD], [0xC3, 0xA9], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
        ]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                if Int.random(in: 0..<8, using: &rng) == 0 {
                    bytes.append(UInt8.random(in: 0...255, using: &rng))
                } else {
                    bytes += pieces.randomElement(using: &rng)!
                }
            }
            let ours = Decoder.utf8(bytes[...])
            let reference = String(validating: bytes, as: UTF8.self)
            #expect(ours == reference.map { $0.unicodeScalars.map(\.value) }, "\(bytes)")
        }
    }
}
