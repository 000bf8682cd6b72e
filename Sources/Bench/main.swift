import Corpus
import Pipeline
import Foundation
let seeds = try! FileManager.default.contentsOfDirectory(atPath: "Tests/PipelineTests/Fixtures/seeds").sorted()
let s2t = OpenCCReference(config: "s2t.json")!
for name in seeds {
    let raw = RawNotice(file: name, bytes: [UInt8](try! Data(contentsOf: URL(fileURLWithPath: "Tests/PipelineTests/Fixtures/seeds/" + name))))
    let clean = try! Cleaner().clean(raw)
    let t = s2t.convert(clean.simplified)
    var bad: [Character] = []
    for ch in t where TextEncoder.encode(String(ch), as: .big5) == nil { bad.append(ch) }
    print(name, Set(bad))
}
