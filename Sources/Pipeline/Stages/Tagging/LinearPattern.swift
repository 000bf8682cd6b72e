internal import CRE2

/// An operator's regex, compiled once by RE2 and counted in time linear in the text.
///
/// RE2 matches with automata, never by backtracking, so no pattern can make a search slower
/// than the text's length times the (bounded) program size: `(a+)+$` and `关于.*救灾` cost one
/// pass like any other. The price is RE2's syntax: no backreferences, no lookaround, no
/// atomic groups or possessive quantifiers. A pattern RE2 refuses, one longer than
/// `maxLength` bytes, or one compiling to more than `maxProgramSize` instructions is refused
/// here, with a reason fit for one line of `noticed check`.
///
/// Matches are counted leftmost-first and non-overlapping, as Swift's `matches(of:)` counts
/// them, except that `.` and an empty match's step are one Unicode scalar rather than one
/// grapheme cluster, and that counting stops at `maxCount` per text: finding each next match
/// can rescan the rest of the text (RE2 must look ahead to choose between alternatives), so
/// the cap is what keeps a whole count linear in the text.
public final class LinearPattern: @unchecked Sendable {
    // @unchecked Sendable: the handle is written once in `init` and freed in `deinit`; in
    // between it is only read, and RE2's matching methods on a const RE2 are thread-safe (its
    // DFA caches take their own locks).

    /// The pattern as the operator wrote it.
    public let pattern: String
    /// RE2's forward program size, at most `maxProgramSize`.
    public let programSize: Int
    private let handle: OpaquePointer

    /// The longest pattern accepted, in UTF-8 bytes.
    public static let maxLength = 1_000
    /// The largest compiled program accepted (RE2::ProgramSize): bounds the per-byte cost.
    public static let maxProgramSize = 10_000
    /// Matches counted per text at most.
    public static let maxCount = 1_000
    /// RE2's memory budget per pattern (program plus DFA caches); past it RE2 falls back to
    /// its NFA, slower but still linear.
    static let maxMemory: Int64 = 8 << 20

    /// Why a pattern is refused: `reason` completes "regex '…' ".
    public struct Refusal: Error, Sendable, Equatable {
        public let reason: String
    }

    /// Compiles `pattern`, or says in one clause why it will not be matched.
    public init(_ pattern: String) throws(Refusal) {
        let length = pattern.utf8.count
        guard length <= Self.maxLength else {
            throw Refusal(reason: "is \(length) bytes long, over the limit of \(Self.maxLength)")
        }
        let capacity = 256
        var error = [CChar](repeating: 0, count: capacity)
        var source = pattern
        let compiled = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                noticed_re2_compile(chars.baseAddress, chars.count, Self.maxMemory, &error, capacity)
            }
        }
        guard let compiled else {
            let message = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let feature = Self.unsupportedFeature(in: pattern) {
                throw Refusal(
                    reason: "uses a feature RE2 cannot match in linear time (\(feature)); rewrite it without one")
            }
            if message.contains("too large") {
                throw Refusal(reason: "is too large to compile (\(message)); narrow its repetition counts")
            }
            throw Refusal(reason: "does not compile (\(message))")
        }
        let size = Int(noticed_re2_program_size(compiled))
        guard size <= Self.maxProgramSize else {
            noticed_re2_free(compiled)
            throw Refusal(
                reason:
                    "compiles to a program of \(size) instructions, over the limit of \(Self.maxProgramSize); narrow its repetition counts"
            )
        }
        self.pattern = pattern
        self.programSize = size
        self.handle = compiled
    }

    deinit { noticed_re2_free(handle) }

    /// The number of non-overlapping matches in `text`, at most `maxCount`.
    public func count(in text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                Int(noticed_re2_count(handle, chars.baseAddress, chars.count, Int64(Self.maxCount)))
            }
        }
    }

    /// The backtracking-only construct in a pattern RE2 refused, if there is one.
    static func unsupportedFeature(in pattern: String) -> String? {
        let s = Array(pattern.unicodeScalars)
        var i = 0
        func next(_ k: Int) -> String {
            String(String.UnicodeScalarView(s[min(i + k, s.count)..<min(i + k + 2, s.count)]))
        }
        while i < s.count {
            let c = s[i]
            if c == "\\" {
                if i + 1 < s.count {
                    let e = s[i + 1]
                    if ("1"..."9").contains(e) || e == "k" || e == "g" { return "backreference" }
                }
                i += 2
                continue
            }
            if c == "(" && i + 1 < s.count && s[i + 1] == "?" {
                let after = next(2)
                if after.hasPrefix("=") || after.hasPrefix("!") || after == "<=" || after == "<!" {
                    return "lookaround"
                }
                if after.hasPrefix(">") { return "atomic group" }
            }
            if (c == "*" || c == "+" || c == "?" || c == "}") && i + 1 < s.count && s[i + 1] == "+" {
                return "possessive quantifier"
            }
            i += 1
        }
        return nil
    }
}
