/// Reads named people and their positions: `厅党组书记、厅长卓志强`, `副厅长戈养年、郭惠敏`,
/// `习近平总书记`.
///
/// Two shapes are read. Position(s) then name: a chain of positions joined
/// by `、` ends in a title and is followed by a name; names joined by `、`
/// after it share the whole chain. Name then title, for leaders cited by
/// title (`李克强总理`). A name opens with a known surname, has one or two
/// more hanzi free of function words, and is followed by a boundary (a
/// verb such as 主持 or 出席, or punctuation). Nothing else becomes a person.
struct PeopleExtractor: Sendable {
    static let titles = PatternSet([
        "总书记", "副总理", "总理", "委员长", "副主席", "主席", "副书记", "书记", "副厅长", "厅长", "副局长", "局长",
        "副部长", "部长", "副司长", "司长", "副处长", "处长", "副科长", "科长", "副主任", "主任", "副组长", "组长",
        "副省长", "省长", "副市长", "市长", "副县长", "县长", "副区长", "区长", "副州长", "州长", "镇长", "乡长",
        "秘书长", "一级巡视员", "二级巡视员", "巡视员", "一级调研员", "二级调研员", "调研员", "党组成员", "委员",
        "副院长", "院长", "站长", "所长", "副会长", "会长", "理事长", "检察长", "监察专员", "总经理", "董事长",
        "副旗长", "旗长", "督察长", "副局长级", "主任委员", "副秘书长", "负责人", "支队长", "大队长", "队长", "省领导", "市领导", "县领导",
        "区领导",
    ])

    /// Titles cited after a leader's name (`李克强总理`, `陈豪书记`, `李纪恒部长`).
    static let postTitles = PatternSet([
        "总书记", "副总理", "总理", "委员长", "副主席", "主席", "书记", "部长", "省长", "市长",
    ])

    /// What may follow a name.
    static let boundaries = PatternSet([
        "主持", "出席", "指出", "强调", "表示", "讲话", "要求", "介绍", "传达", "分别", "就", "在", "代表", "参加",
        "带队", "作", "说", "同志", "一行", "等", "主讲", "宣读", "通报", "部署", "总结", "对", "到", "赴", "率",
        "召开", "听取", "调研", "会见", "看望", "慰问", "批示", "提出", "深入", "一同", "陪同", "主讲", "出任",
        "、", "，", "。", "：", "；", "（", "和", "及", "与",
    ])

    /// What may precede a name cited before its title.
    static let leftContexts = PatternSet([
        "贯彻", "学习", "落实", "按照", "根据", "领会", "了", "和", "与", "及", "在", "对", "向", "由", "是", "的",
        "将", "把", "同", "、", "，", "。", "：", "“", "（",
    ])

    /// Where a position chain may begin: after punctuation or a preposition.
    static let chainStarts = PatternSet(["，", "。", "；", "：", "、", "“", "（", "由", "和", "与", "及", "请", "经"])

    func extract(_ lines: [[UInt32]]) -> [Person] {
        var people: [Person] = []
        var index: [String: Int] = [:]
        func add(_ name: String, _ positions: [String]) {
            if let i = index[name] {
                for p in positions where !people[i].positions.contains(p) { people[i].positions.append(p) }
            } else {
                index[name] = people.count
                people.append(Person(name: name, positions: positions))
            }
        }
        for line in lines {
            for row in rosterRows(line) { add(row.name, row.positions) }
            var i = 0
            while i < line.count {
                if let title = Self.titles.longest(in: line, at: i) {
                    let end = i + title.count
                    if let firstLength = nameLength(line, at: end) {
                        let positions = positionChain(line, endingAt: end)
                        var at = end
                        var length = firstLength
                        while true {
                            add(Array(line[at..<(at + length)]).asString, positions)
                            at += length
                            guard at < line.count, line[at] == Mark.enumComma, let next = nameLength(line, at: at + 1)
                            else { break }
                            at += 1
                            length = next
                        }
                        i = at
                        continue
                    }
                    i = end
                    continue
                }
                if let (name, title) = nameBeforeTitle(line, at: i) {
                    add(name, [title])
                    i += name.unicodeScalars.count + title.unicodeScalars.count
                    continue
                }
                i += 1
            }
        }
        return people
    }

    /// Positions a signature prints before the signer's name (`总　理　　李克强`).
    static let signingTitles = ["总理", "副总理", "主席", "省长", "市长", "县长", "区长", "主任", "部长", "署长", "局长", "厅长", "州长", "旗长"]
        .map(scalars)

    /// The signers of a decree: a position, white space, a name of two or three hanzi, then white
    /// space, a date or the line's end. Spaces inside the position are printed for spacing only.
    func signatures(_ lines: ArraySlice<[UInt32]>) -> [Person] {
        var found: [Person] = []
        for whole in lines {
            let line = Array(whole.prefix(DecreeReader.window))
            let isSpace = CharacterClass.isSpace
            var i = 0
            while i < line.count {
                // The position, its letters possibly spaced out.
                var letters: [UInt32] = []
                var j = i
                while j < line.count, letters.count < 3,
                    CharacterClass.isHanzi(line[j]) || (isSpace(line[j]) && !letters.isEmpty)
                {
                    if !isSpace(line[j]) { letters.append(line[j]) }
                    j += 1
                    if let title = Self.signingTitles.first(where: { $0 == letters }),
                        i == 0 || !CharacterClass.isHanzi(line[i - 1]),
                        j < line.count, isSpace(line[j])
                    {
                        var k = j
                        while k < line.count, isSpace(line[k]) { k += 1 }
                        var n = k
                        while n < line.count, n - k < 3, CharacterClass.isHanzi(line[n]) { n += 1 }
                        let ends = n == line.count || isSpace(line[n]) || ChineseDate.isNumeral(line[n])
                        if n - k >= 2, ends,
                            Surnames.single.contains(line[k]) || Surnames.compound.longest(in: line, at: k) != nil
                        {
                            found.append(Person(name: Array(line[k..<n]).asString, positions: [title.asString]))
                            i = n
                        }
                        break
                    }
                }
                i += 1
            }
        }
        return found
    }

    /// A roster row of a 公文 (`总 指 挥：林小兵 党委书记、局长`, `成　员：王强平 党政办公室负责人`):
    /// after a colon or white space, a name (its two characters perhaps spaced apart, `林 峰`),
    /// white space, then positions joined by `、`, each ending in a title, then white space or
    /// the line's end.
    func rosterRows(_ line: [UInt32]) -> [Person] {
        let isSpace = CharacterClass.isSpace
        var found: [Person] = []
        var i = 0
        while i < line.count {
            guard i == 0 || isSpace(line[i - 1]) || line[i - 1] == Mark.colon || line[i - 1] == 0x3A,
                let (name, nameEnd) = spacedName(line, at: i), nameEnd < line.count, isSpace(line[nameEnd])
            else {
                i += 1
                continue
            }
            var p = nameEnd
            while p < line.count, isSpace(line[p]) { p += 1 }
            var q = p
            while q < line.count, q - p < 24, CharacterClass.isHanzi(line[q]) || line[q] == Mark.enumComma { q += 1 }
            var ends = q == line.count || isSpace(line[q])
            // The next row's label run on (`党委书记、局长常务副指挥：林 峰 …`): the positions end
            // at the last title within six characters of the colon.
            if !ends, q < line.count, line[q] == Mark.colon || line[q] == 0x3A {
                for r in stride(from: q - 1, through: max(p + 2, q - 6), by: -1)
                where Self.titles.longest(in: Array(line[p..<r]), endingAt: r - p) != nil {
                    q = r
                    ends = true
                    break
                }
            }
            let segments = line[p..<q].split(separator: Mark.enumComma).map(Array.init)
            if ends, !segments.isEmpty,
                segments.allSatisfy({ $0.count >= 2 && Self.titles.longest(in: $0, endingAt: $0.count) != nil })
            {
                found.append(Person(name: name, positions: segments.map(\.asString)))
                i = q
                continue
            }
            i += 1
        }
        return found
    }

    /// A name at `i` of two or three hanzi, or of two printed apart (`林 峰`, `王　华`), and where it ends.
    func spacedName(_ line: [UInt32], at i: Int) -> (String, Int)? {
        let isSpace = CharacterClass.isSpace
        guard i < line.count, Surnames.single.contains(line[i]) || Surnames.compound.longest(in: line, at: i) != nil
        else { return nil }
        let surname = Surnames.compound.longest(in: line, at: i)?.count ?? 1
        var j = i + surname
        // The row's shape (a colon or space before, positions after) is the evidence here.
        let ok: (UInt32) -> Bool = { Surnames.mayBeInGivenName($0, in: .roster) }
        if j < line.count, ok(line[j]) {
            var given = 0
            while j < line.count, given < 2, ok(line[j]) {
                j += 1
                given += 1
            }
            guard j == line.count || !CharacterClass.isHanzi(line[j]) else { return nil }
            return (Array(line[i..<j]).asString, j)
        }
        // `林 峰`: one space, one hanzi, then a space.
        guard surname == 1, j + 1 < line.count, isSpace(line[j]), ok(line[j + 1]),
            j + 2 == line.count || !CharacterClass.isHanzi(line[j + 2])
        else { return nil }
        return (Array([line[i], line[j + 1]]).asString, j + 2)
    }

    /// Length of a name starting at `i` (2–4 hanzi), when a boundary follows it.
    func nameLength(_ line: [UInt32], at i: Int) -> Int? {
        guard i < line.count else { return nil }
        let surname: Int
        if Surnames.compound.longest(in: line, at: i) != nil {
            surname = 2
        } else if Surnames.single.contains(line[i]) {
            surname = 1
        } else {
            return nil
        }
        for given in 1...2 {
            let end = i + surname + given
            guard end <= line.count else { return nil }
            let part = line[(i + surname)..<end]
            guard part.allSatisfy({ Surnames.mayBeInGivenName($0, in: .runningText) }) else {
                return nil
            }
            if end == line.count || Self.boundaries.longest(in: line, at: end) != nil { return surname + given }
        }
        return nil
    }

    /// Titles of a group, not of one person (`相关负责人`, `县领导`): never read after a name.
    static let groupTitles = Set(["负责人", "省领导", "市领导", "县领导", "区领导"].map(scalars))
    /// A rank mark that opens a title (`副`, `正`) does not end a name.
    static let rankMarks: Set<UInt32> = [0x526F, 0x6B63]

    /// Where a name cited before any title stands in a list (`王智副秘书长、王国平局长…等参加`).
    static let listStarts = PatternSet(["，", "、", "：", "（", "由", "和", "与", "及"])
    /// What follows such a name and title: the list goes on or ends.
    static let listEnds = PatternSet(["、", "，", "。", "等", "和", "及", "与", "参加", "出席", "陪同", "主持", "带队", "一行"])

    /// `习近平总书记`: a name cited before a leader's title; or any name and title in a list
    /// of attendees (`王智副秘书长、王国平局长、陈坚副局长等参加`).
    func nameBeforeTitle(_ line: [UInt32], at i: Int) -> (String, String)? {
        guard Surnames.single.contains(line[i]) || Surnames.compound.longest(in: line, at: i) != nil else {
            return nil
        }
        guard i == 0 || Self.leftContexts.longest(in: line, endingAt: i) != nil else { return nil }
        let inList = i == 0 || Self.listStarts.longest(in: line, endingAt: i) != nil
        for length in 2...3 {
            let end = i + length
            guard end < line.count else { continue }
            let leader = Self.postTitles.longest(in: line, at: end)
            let listed =
                inList
                ? Self.titles.longest(in: line, at: end).flatMap { t in
                    end + t.count < line.count && Self.listEnds.longest(in: line, at: end + t.count) != nil
                        && !Self.groupTitles.contains(t) && !Self.rankMarks.contains(line[end - 1]) ? t : nil
                } : nil
            guard let title = leader ?? listed else { continue }
            let given = line[(i + 1)..<end]
            guard given.allSatisfy({ Surnames.mayBeInGivenName($0, in: .runningText) }) else {
                continue
            }
            return (Array(line[i..<end]).asString, title.asString)
        }
        return nil
    }

    /// The positions `、`-joined before a name: `省民政厅党组书记、厅长` → [省民政厅党组书记, 厅长].
    func positionChain(_ line: [UInt32], endingAt end: Int) -> [String] {
        var positions: [String] = []
        var segmentEnd = end
        while segmentEnd > 0 {
            var start = segmentEnd
            while start > 0 {
                let v = line[start - 1]
                if v == Mark.enumComma || Mark.isClauseBreak(v) || v == 0x201C || v == Mark.openParen { break }
                if segmentEnd - start >= 1, Self.chainStarts.longest(in: line, endingAt: start) != nil,
                    !CharacterClass.isHanzi(v) || [0x7531, 0x548C, 0x4E0E, 0x53CA, 0x8BF7, 0x7ECF].contains(v)
                {
                    break
                }
                start -= 1
            }
            let segment = Array(line[start..<segmentEnd])
            guard !segment.isEmpty, Self.titles.longest(in: segment, endingAt: segment.count) != nil else { break }
            positions.insert(segment.asString, at: 0)
            guard start > 0, line[start - 1] == Mark.enumComma else { break }
            segmentEnd = start - 1
        }
        return positions
    }
}
