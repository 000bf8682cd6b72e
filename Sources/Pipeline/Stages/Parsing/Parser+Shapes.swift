/// The shapes the parser recognises a document by: the kinds a 公文's title ends in, its
/// issuer, a lead that says a meeting was held, a site's title given its issuer, a stated source
/// that names a body. Pure.
extension Parser {
    static let officialKinds = [
        "通知", "意见", "办法", "决定", "通告", "公告", "批复", "规定", "方案", "函", "细则",
        "规划", "条例", "命令", "决议", "指示", "通报", "请示", "纪要", "公报", "实施方案", "指导意见", "答复",
    ].map { scalars($0) }

    /// Endings of a public body's name (`…社会事业局`, `…管委会`), for a source the agency
    /// finder does not know by name.
    static let bodyEndings = ["局", "厅", "部", "委", "委员会", "管委会", "政府", "办公室", "办公厅", "中心", "院", "署", "处", "所", "站", "办"]

    /// A page's stated source (`ContentSource`, `来源：`) as the agency, when it names a public
    /// body rather than a site or a newspaper.
    static func namedBody(_ source: String) -> String? {
        let name = source.trimmingPrefix(while: { $0 == " " })
        guard name.count >= 4, name.count <= 30, bodyEndings.contains(where: { name.hasSuffix($0) }),
            name.allSatisfy({ $0.unicodeScalars.allSatisfy { CharacterClass.isHanzi($0.value) } })
        else { return nil }
        return String(name)
    }
    static let about = scalars("关于")
    static let future = PatternSet(["即将", "将于", "拟于", "拟"])
    /// Bodies whose names end in 会, which a headline ending in 会 (a 推介会, a 现场会) is not.
    static let organisationsEndingInHui = PatternSet([
        "协会", "委员会", "管委会", "理事会", "工会", "联合会", "总会", "商会", "学会", "基金会", "红十字会", "研究会",
        "促进会", "居委会", "村委会", "党委会", "常委会", "董事会", "联谊会",
    ])

    /// How the names of issuing bodies end (GB/T 9704 signatures).
    static let organisationEnds = [
        "委员会", "管委会", "人民政府", "政府", "办公室", "办公厅", "局", "厅", "部", "委", "院", "署", "中心", "办", "会", "所",
    ].map { scalars($0) }

    /// A 公文's title: `[issuer]关于…` ending in a document kind (通知, 批复, 意见, …).
    static func isOfficialTitle(_ title: [UInt32]) -> Bool {
        guard let at = title.firstIndex(of: about), at <= 40, title[..<at].allSatisfy(CharacterClass.isHanzi) else {
            return false
        }
        return officialKinds.contains { title.hasSuffix($0) }
    }

    /// Whether the lead's first sentence says a meeting was held: 召开 or 举行, then a meeting
    /// word (会议, 座谈会, …) before the sentence ends.
    static func leadConvenes(_ lead: [UInt32]) -> Bool {
        let end = lead.firstIndex(where: { $0 == 0x3002 || $0 == 0xFF1B }) ?? lead.count
        let sentence = Array(lead[..<end])
        for verb in [scalars("召开"), scalars("举行")] {
            guard let at = sentence.firstIndex(of: verb) else { continue }
            // `即将在沙市召开的现场会`: a meeting to come has not been held.
            if Self.future.occurs(in: Array(sentence[max(0, at - 8)..<at])) { continue }
            let rest = Array(sentence[(at + verb.count)...].prefix(48))
            if TitleReader.meetingEnds.occurs(in: rest) { return true }
        }
        return false
    }

    /// A site's title that drops the issuer (`关于印发…的通知`) where the document prints it in
    /// full (`平潭综合实验区管委会关于印发…的通知`): the full form, when a body's name ends right
    /// before the stated title in the head of the text.
    func issuerPrefixed(_ title: String, in lines: [[UInt32]]) -> String? {
        let t = [UInt32](title)
        guard t.hasPrefix(Self.about) else { return nil }
        for line in lines.prefix(12) {
            var from = 0
            while let at = line.firstIndex(of: t, from: from) {
                let before = Array(line[max(0, at - 30)..<at])
                if let issuer = agencies.find(in: before).last, issuer.range.upperBound == before.count {
                    return issuer.name + title
                }
                from = at + 1
            }
        }
        return nil
    }
}
