/// The Mandarin readings of every hanzi, from the Unicode Han database.
///
/// A pinyin annotation is removed only when it is a reading of the very
/// hanzi it follows, so `開(kāi)` loses its annotation while `(敬老)` or
/// `(COVID-19)` stay. The table is the union of Unihan's kMandarin,
/// kHanyuPinyin, kXHC1983 and kTGHZ2013 (see scripts/gen-pinyin-table.py).
public struct PinyinReadings: Sendable {
    /// Syllable spelling (toned, lower case, NFC) → id.
    private let ids: [String: UInt16]
    private let syllables: [String]
    /// Id of the toneless form of each syllable (`kāi` → `kai`).
    private let toneless: [UInt16]
    /// Hanzi scalar → ids of its readings.
    private let readings: [UInt32: [UInt16]]
    /// Packed spelling (six bits a letter) → syllable id: the fast path of `isReading`.
    private let keys: [UInt64: UInt16]

    /// The table generated from Unihan, parsed once per process.
    public static let unihan = PinyinReadings(table: pinyinReadingsTable)

    init(table: String) {
        var ids: [String: UInt16] = [:]
        var syllables: [String] = []
        var readings: [UInt32: [UInt16]] = [:]
        func id(_ s: String) -> UInt16 {
            if let existing = ids[s] { return existing }
            let new = UInt16(syllables.count)
            ids[s] = new
            syllables.append(s)
            return new
        }
        for line in table.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let syllable = id(String(line[..<tab]))
            for scalar in line[line.index(after: tab)...].unicodeScalars {
                readings[scalar.value, default: []].append(syllable)
            }
        }
        let toned = syllables
        let tonelessIDs = toned.map { id(Self.stripTones($0)) }
        self.ids = ids
        self.syllables = syllables
        self.toneless = tonelessIDs + (tonelessIDs.count..<syllables.count).map { UInt16($0) }
        self.readings = readings
        var keys: [UInt64: UInt16] = [:]
        for (i, syllable) in syllables.enumerated() {
            if let key = Self.key(syllable.unicodeScalars.map(\.value)[...]) { keys[key] = UInt16(i) }
        }
        self.keys = keys
    }

    /// Pinyin letters numbered 1…63 (ASCII folded to lower case, `v` read as `ü`).
    private static let letterCodes: [UInt32: UInt64] = {
        var codes: [UInt32: UInt64] = [:]
        let letters = "abcdefghijklmnopqrstuüwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿê"
        for (i, scalar) in letters.unicodeScalars.enumerated() { codes[scalar.value] = UInt64(i + 1) }
        for upper in UInt32(0x41)...0x5A { codes[upper] = codes[upper + 0x20] }
        codes[0x76] = codes[0xFC]  // v → ü
        codes[0x56] = codes[0xFC]
        return codes
    }()

    /// The packed spelling of up to ten letters, or nil for other characters.
    static func key(_ letters: ArraySlice<UInt32>) -> UInt64? {
        guard letters.count <= 10 else { return nil }
        var key: UInt64 = 0
        for v in letters {
            guard let code = letterCodes[v] else { return nil }
            key = key << 6 | code
        }
        return key
    }

    /// `isReading` on scalars, without building a string when the spelling is plain lower case.
    func isReading(_ letters: ArraySlice<UInt32>, of hanzi: UInt32) -> Bool {
        guard let candidates = readings[hanzi] else { return false }
        if let key = Self.key(letters), let id = keys[key], candidates.contains(id) { return true }
        var view = String.UnicodeScalarView()
        for v in letters {
            guard let scalar = Unicode.Scalar(v) else { return false }
            view.append(scalar)
        }
        return isReading(String(view), of: hanzi)
    }

    /// Whether `syllable` (as written in the text) is a reading of `hanzi`.
    ///
    /// Toned spellings must match exactly; a toneless spelling of two or more
    /// letters (`kai`, `lv`) matches any tone of the same syllable.
    public func isReading(_ syllable: String, of hanzi: UInt32) -> Bool {
        guard let candidates = readings[hanzi] else { return false }
        let spelled = String(
            String.UnicodeScalarView(syllable.lowercased().unicodeScalars.map { $0 == "v" ? "ü" : $0 }))
        if let id = ids[spelled], candidates.contains(id) { return true }
        let plain = Self.stripTones(spelled)
        guard plain == spelled, plain.unicodeScalars.count >= 2, let plainID = ids[plain] else { return false }
        return candidates.contains { toneless[Int($0)] == plainID }
    }

    /// Every reading of `hanzi`, toned, in table order; empty when Unihan has none.
    public func readings(of hanzi: UInt32) -> [String] {
        (readings[hanzi] ?? []).map { syllables[Int($0)] }
    }

    static func stripTones(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar {
            case "ā", "á", "ǎ", "à": out.append("a")
            case "ē", "é", "ě", "è": out.append("e")
            case "ī", "í", "ǐ", "ì": out.append("i")
            case "ō", "ó", "ǒ", "ò": out.append("o")
            case "ū", "ú", "ǔ", "ù": out.append("u")
            case "ǖ", "ǘ", "ǚ", "ǜ": out.append("ü")
            case "ń", "ň", "ǹ": out.append("n")
            case "ḿ": out.append("m")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
