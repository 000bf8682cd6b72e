/// Lines a scraper keeps above a headline that are not part of it: a breadcrumb
/// (`>> 市级部门专栏 >> 市民政局 >> 图片新闻`, `首页 > 民政新闻 > 民政要闻`, `当前位置：…`) and a
/// news site's name on a line of its own (`成渝经济网`).
///
/// Promises: judged on the line's shape only (separators, a position prefix, a short name
/// ending in a site word), never on one site's text; a line with sentence punctuation or a
/// verb of acting (召开, 印发, …) is never residue.
enum HeadlineResidue {
    static let separators: Set<UInt32> = [0x3E, 0xBB, 0x203A, 0x2192, 0xFF1E, 0x300B]  // > » › → ＞ 》
    /// Slashes separate a breadcrumb's parts too (`首页/ 政府信息公开 / 正文`), but only counted
    /// on a line of words: a date (`2014/3/24`) has them as well.
    static let slashes: Set<UInt32> = [0x2F, 0xFF0F]
    static let positionPrefixes = ["当前位置", "您的位置", "您现在的位置", "你的位置", "现在位置", "所在位置"].map(scalars)
    static let siteEnds = ["网", "网站", "在线", "日报", "晚报", "新闻", "门户", "频道", "客户端", "发布"].map(scalars)
    /// A page's buttons left on lines of their own (`阅读正文`, `返回`, `打印本页`).
    static let uiWords = PatternSet(["阅读正文", "正文", "返回", "打印", "打印本页", "关闭", "关闭窗口", "分享", "收藏", "字号", "繁体"])
    static let acting = PatternSet(["召开", "印发", "关于", "举行", "开展", "部署", "通知", "会议", "公告", "通告", "意见"])

    static func isResidue(_ line: [UInt32]) -> Bool {
        var trimmed = line
        while let f = trimmed.first, f == 0x20 || f == 0x3000 { trimmed.removeFirst() }
        guard !trimmed.isEmpty else { return false }
        if positionPrefixes.contains(where: trimmed.hasPrefix) { return true }
        if trimmed.count <= 6, uiWords.longest(in: trimmed, at: 0)?.count == trimmed.count { return true }
        // A breadcrumb: it starts with a separator (`>>`, `->`), or has two or more of them.
        let first = trimmed[0]
        if separators.contains(first) || (first == 0x2D && trimmed.count > 1 && trimmed[1] == 0x3E) { return true }
        var marks = 0
        var i = 0
        while i < trimmed.count {
            if separators.contains(trimmed[i]) {
                marks += 1
                while i + 1 < trimmed.count, separators.contains(trimmed[i + 1]) { i += 1 }
            }
            i += 1
        }
        if marks >= 2 && !acting.occurs(in: trimmed) { return true }
        if trimmed.count(where: { slashes.contains($0) }) >= 2, trimmed.count(where: CharacterClass.isHanzi) >= 6,
            !trimmed.contains(where: CharacterClass.isASCIIDigit), !acting.occurs(in: trimmed)
        {
            return true
        }
        // A site's name alone: short, all hanzi or Latin, ending in a site word.
        let hanzi = trimmed.filter(CharacterClass.isHanzi).count
        if trimmed.count <= 10, hanzi >= 2, !acting.occurs(in: trimmed),
            siteEnds.contains(where: trimmed.hasSuffix),
            !trimmed.contains(where: { $0 == 0xFF0C || $0 == 0x3002 || $0 == 0xFF1A || $0 == 0x3A })
        {
            return true
        }
        return false
    }
}
