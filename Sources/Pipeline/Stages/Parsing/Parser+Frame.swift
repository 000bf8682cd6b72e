/// The parser's steps over a document's frame: its head (decree header, masthead, 发文字号,
/// residue above the headline, title, recipients) and its tail (copy list, release note,
/// signature date, attachments). Each reads lines and fills what it finds. Pure.
extension Parser {
    /// What the head gave besides the fields it filled: the decree, the masthead's body and
    /// where the body text starts.
    struct Head {
        var decree: DecreeReader.Decree?
        var mastheadAgency: AgencyFinder.Agency?
        var bodyStart: Int
    }

    /// What the tail gave: the last date line (and its line), or a date run into the last lines.
    struct Tail {
        var date: String?
        var signatureLine: Int?
        var inlineSigned = false
    }

    func readHead(_ lines: [[UInt32]], into notice: inout ParsedNotice, _ o: inout OfficialElements) -> Head {
        // A decree: its header, number, what it promulgates and the signature's date.
        let decree = (0..<min(lines.count, 10)).lazy.compactMap { decrees.read(lines, from: $0) }.first
        if let decree {
            o.docNumber = decree.number
            o.signedDate = decree.date
            if let title = decree.title {
                notice.title = title
                notice.titleSource = .explicit
            }
        }

        // Masthead (民政部文件), 发文字号, urgency marks.
        var i = 0
        var mastheadAgency: AgencyFinder.Agency?
        while decree == nil, i < lines.count, i < 6 {
            let line = lines[i]
            if line.count <= 24, line.hasSuffix(Masthead.word), let agency = agencies.first(in: line) {
                mastheadAgency = agency
            } else if line.count <= 30, line.hasSuffix(Masthead.word) {
                // A joint masthead (`发展改革委办公厅  文件` over `税务总局办公厅`) names bodies the
                // finder may not know by these short names.
            } else if line.count <= 16, !line.contains(Self.about),
                Self.organisationEnds.contains(where: line.hasSuffix),
                lines[(i + 1)..<min(lines.count, i + 3)].contains(where: { official.docNumber(in: $0) != nil })
            {
                // A co-issuer's line of a joint masthead, above the number.
            } else if line.count <= 40, let number = official.docNumber(in: line) {
                o.docNumber = number
            } else if line.count <= 12,
                ["特急", "加急", "平急", "特提", "机密", "秘密", "绝密"].contains(where: { line.contains(scalars($0)) })
            {
            } else if line.hasPrefix(scalars("签发人")) {
            } else if line.count <= 30, !line.contains(where: CharacterClass.isHanzi),
                line.contains(where: CharacterClass.isASCIIDigit)
            {
                // An index number (`CXDR-2014-01002`) above the number and title.
            } else {
                break
            }
            i += 1
        }

        // Residue a scraper kept above the headline: breadcrumbs, a site's name.
        while i < lines.count, i < 4,
            HeadlineResidue.isResidue(lines[i]) || !lines[i].contains(where: CharacterClass.isHanzi)
        {
            i += 1
        }

        if let decree { i = max(i, decree.headerEnd) }

        // Title: explicit lines before the body.
        var j = i
        while decree == nil, j < lines.count, j - i < 3, titles.isTitleLine(lines[j]) { j += 1 }
        let explicitTitle = j > i && j < lines.count && !titles.isTitleLine(lines[j])
        if explicitTitle {
            let joined = Array(lines[i..<j].joined())
            notice.title = (TitleReader.officialPrefix(joined) ?? TitleReader.trimmingFurniture(joined)).asString
            notice.titleSource = .explicit
        } else {
            j = i
            // A page run into one line: its 公文 title ends where the number or the recipients begin.
            if decree == nil, i < lines.count, let title = TitleReader.officialPrefix(lines[i]) {
                notice.title = title.asString
                notice.titleSource = .explicit
            }
        }
        if o.docNumber == nil, j < lines.count, lines[j].count <= 40, let number = official.docNumber(in: lines[j]) {
            o.docNumber = number
            j += 1
        }
        // The number elsewhere in the head: below a scraper's header lines, or in a page run
        // together (`…QQ空间 岚综管综〔2015〕63号平潭…`), never one cited in brackets.
        if o.docNumber == nil {
            for k in 0..<min(lines.count, 12) {
                if let number = official.standaloneDocNumber(in: lines[k]) {
                    o.docNumber = number
                    break
                }
                if lines[k].contains(Mark.period) && lines[k].count > 60 { break }
            }
        }
        if j < lines.count, let recipients = official.recipients(lines[j]) {
            o.recipients = recipients
            j += 1
        }
        return Head(decree: decree, mastheadAgency: mastheadAgency, bodyStart: j)
    }

    func readTail(_ lines: [[UInt32]], from bodyStart: Int, _ o: inout OfficialElements) -> Tail {
        // Closing elements, read upwards from the end.
        var tail = Tail()
        for k in stride(from: lines.count - 1, through: max(bodyStart, lines.count - 15), by: -1) {
            let line = lines[k]
            if let copied = official.labeled(line, OfficialElementsReader.copy) {
                o.copiedTo = copied
            } else if let note = official.releaseNote(line) {
                o.releaseNote = note
            } else if tail.date == nil, let date = official.dateLine(line) {
                tail.date = date
                tail.signatureLine = k
            }
        }
        // A scraper that ran the page's paragraphs together leaves the signature and 成文日期
        // inline at the end (`…请认真贯彻实施。平潭综合实验区管委会2015年3月17日 来源：…`).
        if tail.date == nil {
            for k in stride(from: lines.count - 1, through: max(bodyStart, lines.count - 3), by: -1) {
                if let date = inlineSignatureDate(lines[k]) {
                    tail.date = date
                    tail.inlineSigned = true
                    break
                }
            }
        }
        for k in bodyStart..<lines.count {
            if let files = official.labeled(lines[k], OfficialElementsReader.attachment) {
                o.attachments += files
                var n = k + 1
                while n < lines.count, lines[n].count <= 60, let (_, len) = directives.paragraphOrdinal(lines[n]),
                    !lines[n].contains(Mark.period)
                {
                    o.attachments.append(Array(lines[n].dropFirst(len)).asString)
                    n += 1
                }
            }
        }
        return tail
    }
}
