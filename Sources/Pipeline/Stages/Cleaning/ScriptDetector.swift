/// Tells Traditional from Simplified by the characters only one of them uses.
///
/// A character is Traditional-only when OpenCC's TSCharacters maps it away
/// and never to itself (開 → 开), Simplified-only when STCharacters does
/// (开 → 開). Most characters are shared and say nothing. The share of
/// Traditional-only among the telling characters decides: ≥ 80 % traditional,
/// ≤ 20 % simplified, between them mixed.
public struct ScriptDetector: Sendable {
    /// One byte per BMP scalar: 1 Traditional-only, 2 Simplified-only, 0 shared or unknown.
    private let kind: [UInt8]
    private let otherTraditional: Set<UInt32>
    private let otherSimplified: Set<UInt32>

    public static let openCC = ScriptDetector(
        traditionalToSimplified: openCCTSCharacters, simplifiedToTraditional: openCCSTCharacters)

    init(traditionalToSimplified: String, simplifiedToTraditional: String) {
        func only(_ table: String) -> Set<UInt32> {
            var set = Set<UInt32>()
            for line in table.split(separator: "\n") {
                guard let tab = line.firstIndex(of: "\t") else { continue }
                let key = String(line[..<tab])
                let candidates = line[line.index(after: tab)...].split(separator: " ").map(String.init)
                if key.unicodeScalars.count == 1, !candidates.contains(key) {
                    set.insert(key.unicodeScalars.first!.value)
                }
            }
            return set
        }
        let traditional = only(traditionalToSimplified)
        let simplified = only(simplifiedToTraditional)
        var kind = [UInt8](repeating: 0, count: 0x10000)
        for v in traditional where v < 0x10000 { kind[Int(v)] = 1 }
        for v in simplified where v < 0x10000 && kind[Int(v)] == 0 { kind[Int(v)] = 2 }
        self.kind = kind
        otherTraditional = traditional.filter { $0 >= 0x10000 }
        otherSimplified = simplified.filter { $0 >= 0x10000 }
    }

    /// Counts of telling characters in `lines`.
    public func counts(_ lines: [[UInt32]]) -> (traditional: Int, simplified: Int) {
        var t = 0
        var s = 0
        for line in lines {
            for v in line where v >= 0x3400 {
                if v < 0x10000 {
                    let k = kind[Int(v)]
                    if k == 1 { t += 1 } else if k == 2 { s += 1 }
                } else if otherTraditional.contains(v) {
                    t += 1
                } else if otherSimplified.contains(v) {
                    s += 1
                }
            }
        }
        return (t, s)
    }

    public func detect(_ lines: [[UInt32]]) -> Script {
        let (t, s) = counts(lines)
        if t + s == 0 { return .simplified }
        let share = Double(t) / Double(t + s)
        return share >= 0.8 ? .traditional : share <= 0.2 ? .simplified : .mixed
    }
}
