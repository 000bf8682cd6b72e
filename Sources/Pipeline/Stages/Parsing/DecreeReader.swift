/// Reads a decree's header (`中华人民共和国国务院令` / `第682号`, or `…国务院令（第513号）` on one
/// line) and the promulgation under it (`现公布《…条例》，自…起施行。` / `总理　李克强` / the date).
///
/// Promises: a decree is recognised by its shape only: a short line naming an issuing body and
/// ending in `令`, its number `第N号` on that line or the next. What it promulgates is the first
/// `《…》` of the next lines (a nested `〈…〉` printed as `《…》`), and its date is the last full
/// date there that is neither a date of effect (`自…起`) nor of adoption (`已经…通过`).
struct DecreeReader: Sendable {
    struct Decree {
        /// The issuer as the header names it (`中华人民共和国国务院`).
        var issuer: [UInt32]
        /// `国令第682号`, or `<issuer>令第N号` for other issuers; nil for a promulgation printed
        /// without its header.
        var number: String?
        /// The name of the regulation or decision promulgated.
        var title: String?
        /// The signature's date, ISO.
        var date: String?
        /// The index of the first line after the header.
        var headerEnd: Int
    }

    static let issuerEnds = ["国务院", "人民政府", "部", "委员会", "总局", "署", "局", "办公厅"].map(scalars)
    static let promulgates = PatternSet(["公布", "发布", "施行", "通过"])
    static let notSigned = PatternSet(["已经", "自", "于"])
    static let decreeMark: UInt32 = 0x4EE4  // 令

    let official: OfficialElementsReader

    static let promulgation = PatternSet(["现予公布", "现公布", "予以公布"])
    /// How much of a line the promulgation and its signature take at most.
    static let window = 300

    func read(_ lines: [[UInt32]], from start: Int) -> Decree? {
        guard start < lines.count else { return nil }
        // A promulgation printed without its header: `《…》已经…通过，现予公布，…` first.
        if lines[start].first == 0x300A, Self.promulgation.occurs(in: Array(lines[start].prefix(Self.window))) {
            return promulgated(
                lines, from: start, decree: Decree(issuer: [], number: nil, title: nil, date: nil, headerEnd: start))
        }
        guard lines[start].count <= 64 else { return nil }
        let header = lines[start].filter { $0 != 0x20 && $0 != 0x3000 }
        guard header.count <= 32, let mark = header.firstIndex(of: Self.decreeMark), mark >= 3,
            !header.contains(Mark.period)
        else { return nil }
        let issuer = Array(header[..<mark])
        guard issuer.allSatisfy(CharacterClass.isHanzi), Self.issuerEnds.contains(where: issuer.hasSuffix) else {
            return nil
        }
        var numberText = Array(header[(mark + 1)...]).filter {
            !OfficialElementsReader.opens.contains($0) && !OfficialElementsReader.closes.contains($0)
        }
        var end = start + 1
        if numberText.isEmpty, end < lines.count {
            let next = lines[end].filter { $0 != 0x20 && $0 != 0x3000 }
            numberText = next.filter {
                !OfficialElementsReader.opens.contains($0) && !OfficialElementsReader.closes.contains($0)
            }
            end += 1
        }
        guard numberText.first == 0x7B2C, numberText.last == 0x53F7, numberText.count <= 8,  // 第…号
            let number = official.docNumber(in: issuer + [Self.decreeMark] + numberText)
        else { return nil }
        return promulgated(
            lines, from: end, decree: Decree(issuer: issuer, number: number, title: nil, date: nil, headerEnd: end))
    }

    /// The decree with what the promulgation from line `end` names and its date.
    private func promulgated(_ lines: [[UInt32]], from end: Int, decree start: Decree) -> Decree {
        var decree = start
        // The promulgation: the next few lines, up to the first that is not part of it.
        var k = end
        while k < lines.count, k < end + 4 {
            // The promulgation and its signature open their line; a regulation printed on the
            // same line after them is not read.
            let line = Array(lines[k].prefix(Self.window))
            if decree.title == nil, Self.promulgates.occurs(in: line), let name = Self.firstBookTitle(line) {
                decree.title = name
            }
            for mention in ChineseDate.mentions(in: line) where mention.year != nil {
                let before = Array(line[max(0, mention.range.lowerBound - 2)..<mention.range.lowerBound])
                let after = mention.range.upperBound < line.count ? line[mention.range.upperBound] : 0x20
                let effect = after == 0x8D77 || after == 0x56FD  // 起, 国(务院第N次常务会议)
                if !effect, Self.notSigned.longest(in: before, endingAt: before.count) == nil {
                    decree.date = mention.iso()
                }
            }
            if decree.date != nil, decree.title != nil, k > end { break }
            k += 1
        }
        return decree
    }

    /// The first `《…》` of `line`, nested `〈…〉` printed as `《…》`.
    static func firstBookTitle(_ line: [UInt32]) -> String? {
        guard let open = line.firstIndex(of: 0x300A) else { return nil }
        var depth = 0
        for j in open..<line.count {
            if line[j] == 0x300A { depth += 1 }
            if line[j] == 0x300B {
                depth -= 1
                if depth == 0 {
                    let inner = line[(open + 1)..<j].map { $0 == 0x3008 ? 0x300A : $0 == 0x3009 ? 0x300B : $0 }
                    return inner.count >= 4 ? inner.asString : nil
                }
            }
        }
        return nil
    }
}
