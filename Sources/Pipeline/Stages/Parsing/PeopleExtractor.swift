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
        "副旗长", "旗长", "督察长", "副局长级", "主任委员",
    ])

    /// Titles cited after the name of a national leader.
    static let postTitles = PatternSet(["总书记", "副总理", "总理", "委员长", "副主席", "主席"])

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
            guard part.allSatisfy({ CharacterClass.isHanzi($0) && !Surnames.notInGivenName.contains($0) }) else {
                return nil
            }
            if end == line.count || Self.boundaries.longest(in: line, at: end) != nil { return surname + given }
        }
        return nil
    }

    /// `习近平总书记`: a name cited before a leader's title.
    func nameBeforeTitle(_ line: [UInt32], at i: Int) -> (String, String)? {
        guard Surnames.single.contains(line[i]) || Surnames.compound.longest(in: line, at: i) != nil else {
            return nil
        }
        guard i == 0 || Self.leftContexts.longest(in: line, endingAt: i) != nil else { return nil }
        for length in 2...3 {
            let end = i + length
            guard end < line.count, let title = Self.postTitles.longest(in: line, at: end) else { continue }
            let given = line[(i + 1)..<end]
            guard given.allSatisfy({ CharacterClass.isHanzi($0) && !Surnames.notInGivenName.contains($0) }) else {
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
