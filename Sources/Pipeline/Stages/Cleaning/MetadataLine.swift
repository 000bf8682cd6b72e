/// Reads a site's metadata line (`来源：陕西省民政厅 作者：佚名时间：2021-08-30`).
///
/// Such a line is chrome, but its values are facts about the notice, so they
/// are read into `SiteMetadata` before the line leaves the text.
enum MetadataLine {
    private static let keys: [(key: [UInt32], field: Lexicon.MetadataField)] = Lexicon.metadataKeys.map {
        (scalars($0.key), $0.field)
    }

    @inline(__always)
    private static func isColon(_ v: UInt32) -> Bool { v == 0xFF1A || v == 0x3A }

    /// Key occurrences followed by a colon: (start of key, index after colon, field).
    private static func keyPositions(_ line: [UInt32]) -> [(start: Int, valueStart: Int, field: Lexicon.MetadataField)]
    {
        var found: [(Int, Int, Lexicon.MetadataField)] = []
        var i = 0
        while i < line.count {
            var matched = false
            for (key, field) in keys where i + key.count < line.count && line[i] == key[0] {
                if Array(line[i..<(i + key.count)]) == key && isColon(line[i + key.count]) {
                    found.append((i, i + key.count + 1, field))
                    i += key.count + 1
                    matched = true
                    break
                }
            }
            if !matched { i += 1 }
        }
        return found
    }

    static func isMetadata(_ line: [UInt32]) -> Bool {
        guard line.count <= 120, line.contains(where: isColon) else { return false }
        let positions = keyPositions(line)
        guard let first = positions.first else { return false }
        if positions.count >= 2 { return true }
        // One key: it must open the line (after brackets or bullets) and its value must be short.
        let lead = line[..<first.start].allSatisfy {
            $0 == 0x20 || $0 == 0x3010 || $0 == 0x5B || $0 == 0xFF3B || $0 == 0x2022
        }
        // A scraper's 标题 header carries a whole 公文 title, its 本地目录 a path.
        let limit = first.field == .title ? 120 : first.field == .ignored ? 200 : 40
        return lead && line.count - first.valueStart <= limit
    }

    /// The values of a metadata line, merged into `metadata` (first value wins). A date printed
    /// in another key's value (`编辑：李某 2017-02-28 16:26:29`, `来源：新华社 2021-03-31 10:22`)
    /// is the page's date when no date key gives one.
    static func read(_ line: [UInt32], into metadata: inout SiteMetadata) {
        readKeys(line, into: &metadata)
        if metadata.date == nil, let m = ChineseDate.mentions(in: line).first(where: { $0.year != nil }) {
            metadata.date = m.iso()
        }
    }

    private static func readKeys(_ line: [UInt32], into metadata: inout SiteMetadata) {
        let positions = keyPositions(line)
        // A date printed before the first key (`2020-07-24 来源：市民政局 浏览量：`) is the page's.
        if metadata.date == nil, let first = positions.first, first.start >= 8 {
            let lead = ScalarText.string(line[..<first.start]).trimmingPrefix(while: { $0 == " " })
            if lead.first?.isASCII == true, lead.first?.isNumber == true { metadata.date = String(lead) }
        }
        for (n, position) in positions.enumerated() {
            let end = n + 1 < positions.count ? positions[n + 1].start : line.count
            var value = ScalarText.string(line[position.valueStart..<end])
            while value.first == " " { value.removeFirst() }
            while value.last == " " || value.last == "】" || value.last == "]" { value.removeLast() }
            if value.isEmpty { continue }
            switch position.field {
            case .source: if metadata.source == nil { metadata.source = value }
            case .author: if metadata.author == nil { metadata.author = value }
            case .date: if metadata.date == nil { metadata.date = value }
            case .title: if metadata.title == nil { metadata.title = value }
            case .ignored: break
            case .views:
                if metadata.views == nil {
                    metadata.views =
                        String(value.prefix { $0.isASCII && $0.isNumber }).isEmpty
                        ? value : String(value.prefix { $0.isASCII && $0.isNumber })
                }
            }
        }
    }
}
