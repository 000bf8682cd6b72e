/// A multi-pattern matcher over Unicode scalars (Aho–Corasick, compiled to a full DFA).
///
/// Boilerplate and spam lexicons and every tagging keyword are matched in one
/// pass over a line or a document instead of one `contains` per keyword.
/// Scalars are first mapped to a small alphabet (characters that occur in no
/// pattern share class 0, and ASCII letters fold to lower case), and the
/// automaton is a dense `state × class` table, so a step is one array read.
public struct AhoCorasick: Sendable {
    /// One occurrence: which pattern, and the index just past its last scalar.
    public struct Match: Sendable, Hashable {
        public var pattern: Int
        public var end: Int
    }

    public let patterns: [[UInt32]]
    private let bmpClass: [UInt16]
    private let otherClass: [UInt32: UInt16]
    private let alphabetSize: Int
    private let delta: [Int32]
    /// Patterns ending at each state, through the dictionary-suffix chain.
    private let outputs: [[Int32]]

    public init(patterns strings: [String]) {
        let patterns = strings.map { Self.fold($0.unicodeScalars.map(\.value)) }
        self.patterns = patterns
        var bmpClass = [UInt16](repeating: 0, count: 0x10000)
        var otherClass: [UInt32: UInt16] = [:]
        var next: UInt16 = 1
        for pattern in patterns {
            for v in pattern {
                if v < 0x10000 {
                    if bmpClass[Int(v)] == 0 {
                        bmpClass[Int(v)] = next
                        next += 1
                    }
                } else if otherClass[v] == nil {
                    otherClass[v] = next
                    next += 1
                }
            }
        }
        // Case folding: an upper-case ASCII letter shares its lower-case class.
        for upper in UInt32(0x41)...0x5A { bmpClass[Int(upper)] = bmpClass[Int(upper + 0x20)] }
        let size = Int(next)
        func cls(_ v: UInt32) -> Int { Int(v < 0x10000 ? bmpClass[Int(v)] : otherClass[v] ?? 0) }

        // Trie.
        var goto: [[Int: Int32]] = [[:]]
        var out: [[Int32]] = [[]]
        for (id, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state = 0
            for v in pattern {
                let c = cls(v)
                if let s = goto[state][c] {
                    state = Int(s)
                } else {
                    goto.append([:])
                    out.append([])
                    goto[state][c] = Int32(goto.count - 1)
                    state = goto.count - 1
                }
            }
            out[state].append(Int32(id))
        }
        // Breadth-first failure links, folded into a dense transition table.
        let states = goto.count
        var delta = [Int32](repeating: 0, count: states * size)
        var fail = [Int32](repeating: 0, count: states)
        var queue: [Int] = []
        for (c, s) in goto[0] {
            delta[c] = s
            queue.append(Int(s))
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            out[state].append(contentsOf: out[Int(fail[state])])
            for c in 0..<size {
                if let s = goto[state][c] {
                    fail[Int(s)] = delta[Int(fail[state]) * size + c]
                    delta[state * size + c] = s
                    queue.append(Int(s))
                } else {
                    delta[state * size + c] = delta[Int(fail[state]) * size + c]
                }
            }
        }
        self.bmpClass = bmpClass
        self.otherClass = otherClass
        self.alphabetSize = size
        self.delta = delta
        self.outputs = out
    }

    private static func fold(_ scalars: [UInt32]) -> [UInt32] {
        scalars.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    /// Calls `body` for every occurrence of every pattern in `text`, in order of their ends.
    @inline(__always)
    public func forEachMatch<C: Collection>(in text: C, _ body: (Match) -> Void) where C.Element == UInt32 {
        var state = 0
        var index = 0
        for v in text {
            let c = v < 0x10000 ? Int(bmpClass[Int(v)]) : Int(otherClass[v] ?? 0)
            state = Int(delta[state * alphabetSize + c])
            index += 1
            if state != 0 {
                for id in outputs[state] { body(Match(pattern: Int(id), end: index)) }
            }
        }
    }
}
