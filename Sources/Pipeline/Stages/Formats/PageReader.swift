/// A saved web page to its reading text and its `PageInfo`: what a person reading the page
/// would take from it, without the menus, sidebars, share bars, footers, scripts and styles.
///
/// The main text is the first of the common government-CMS containers (TRS, Hanweb, Kaipu,
/// UCAP: `TRS_Editor`, `zoom`, `UCAP-CONTENT`, …) that holds Chinese text; a page without
/// one is read by text density: from `<body>`, go down into the child holding most of the
/// text not in links, as long as it holds most of it. The title (head tags first) opens the
/// text, and the page's date and source lines outside the container follow it, so the
/// cleaning stage reads them as it reads them in a text file.
struct PageReader: Sendable {
    /// Tags that break lines.
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section",
        "article", "blockquote", "pre", "dd", "dt", "dl", "center", "hr", "address", "caption", "form", "header",
        "footer", "main", "aside", "nav", "title", "tbody", "thead", "figure", "figcaption", "option",
    ]
    /// Tags whose text is never the notice's.
    static let chrome: Set<String> = [
        "nav", "footer", "header", "aside", "form", "select", "button", "input", "textarea", "iframe", "head",
        "map", "label",
    ]
    /// `id`/`class` words of page furniture (lower case; matched as whole words or prefixes).
    static let chromeHints = [
        "nav", "menu", "footer", "foot", "header", "head", "share", "breadcrumb", "crumb", "position", "location",
        "sidebar", "side", "related", "xgwz", "bottom", "copyright", "banner", "search", "login", "toolbar", "bdshare",
        "print", "friendlink", "links", "qrcode", "ewm", "weixin",
    ]
    /// `id`/`class` values of the main-text container in common government CMSs (lower case).
    static let contentHints: [String] = [
        "ucap-content", "zoom", "fontzoom", "trs_editor", "trs_ueditor", "custom_unionstyle", "pages_content",
        "article-content", "article_content", "articlecontent", "art_content", "artcontent", "art_con", "article_con",
        "xxgk_content", "bodylabel", "news_content", "newscontent", "con_text", "contenttext", "main-txt", "zw",
        "detail-content", "detail_content", "content_text", "wzcon", "text_content", "view",
    ]
    /// Link targets that are attachments, by their extension.
    static let attachmentExtensions: Set<String> = [
        "doc", "docx", "pdf", "xls", "xlsx", "wps", "et", "ofd", "zip", "rar", "7z", "txt", "ppt", "pptx", "csv",
    ]
    /// Info-table labels (索引号 …) whose values a page states outright.
    static let fieldLabels = [
        "索引号", "主题分类", "发文机关", "发布机构", "发文字号", "文号", "成文日期", "发布日期", "生成日期", "有效性", "主题词",
        "信息来源", "发布时间",
    ]
    /// The first characters of `fieldLabels`: a text node starting otherwise is not a label.
    static let labelStarts = Set(fieldLabels.compactMap(\.unicodeScalars.first))

    /// Words of a date or source line that the cleaning stage reads as site metadata.
    static let metadataWords = ["发布时间", "发布日期", "来源：", "来源:", "信息来源", "时间："]

    struct Result: Sendable {
        var lines: [String]
        var info: PageInfo
    }

    func read(_ tree: HTMLTree) -> Result {
        let nodes = tree.nodes
        let words = nodes.map(Self.words)
        let chrome = nodes.indices.map { isChrome(nodes[$0], words: words[$0]) }
        var info = PageInfo()
        readHead(nodes, chrome, into: &info)
        info.fields = fields(nodes)
        info.attachments = attachments(nodes, chrome)
        if info.published == nil { info.published = info.field("发布日期") ?? info.field("发布时间") }
        if info.source == nil { info.source = info.field("发文机关") ?? info.field("发布机构") }
        let root = container(nodes, chrome, words)
        var lines = text(nodes, chrome, in: root.map { $0..<nodes[$0].end } ?? 0..<nodes.count)
        if let title = info.title ?? heading(nodes, chrome), !title.isEmpty {
            if lines.first.map({ Self.squeezed($0) }) != Self.squeezed(title) { lines.insert(title, at: 0) }
            if info.title == nil { info.title = title }
        }
        if let root {
            // Date and source lines near the title live outside the text's container on most sites.
            let outside = text(nodes, chrome, in: 0..<root) + text(nodes, chrome, in: nodes[root].end..<nodes.count)
            let meta = outside.filter { line in
                line.utf8.count <= 360 && Self.metadataWords.contains { line.contains($0) }
            }
            lines.insert(contentsOf: meta.prefix(3), at: min(1, lines.count))
        }
        return Result(lines: lines, info: info)
    }

    // MARK: head

    func readHead(_ nodes: [HTMLTree.Node], _ chrome: [Bool], into info: inout PageInfo) {
        var ogTitle: String?
        var ogURL: String?
        var canonical: String?
        var base: String?
        var titleTag: String?
        for (i, node) in nodes.enumerated() {
            // A browser writes `saved from url` atop the page, outside <html>.
            if node.kind == .comment, node.parent < 0, info.sourceURL == nil, let url = Self.savedFrom(node.text) {
                info.sourceURL = url
            }
            guard node.kind == .element else { continue }
            switch node.name {
            case "meta":
                let key = (node.attributes["name"] ?? node.attributes["property"] ?? "").lowercased()
                guard let content = node.attributes["content"].map(Self.trimmed), !content.isEmpty else { continue }
                switch key {
                case "articletitle": info.title = info.title ?? content
                case "pubdate", "firstpublishedtime": info.published = info.published ?? content
                case "contentsource": info.source = info.source ?? content
                case "sitename", "og:site_name": info.site = info.site ?? content
                case "columnname": info.column = info.column ?? content
                case "keywords": info.keywords = info.keywords ?? content
                case "description": info.description = info.description ?? content
                case "author": info.author = info.author ?? content
                case "og:title": ogTitle = ogTitle ?? content
                case "og:url": ogURL = ogURL ?? content
                default: break
                }
            case "link" where (node.attributes["rel"] ?? "").lowercased() == "canonical":
                canonical = canonical ?? node.attributes["href"]
            case "base": base = base ?? node.attributes["href"]
            case "title": titleTag = titleTag ?? Self.trimmed(Self.rawText(nodes, in: i..<node.end))
            default: break
            }
        }
        info.title = (info.title ?? ogTitle ?? titleTag.flatMap(Self.titleWithoutSite)).map(Self.joinedCJK)
        info.sourceURL = info.sourceURL ?? canonical ?? ogURL ?? base
    }

    /// `saved from url=(0053)https://…` (the comment browsers write atop a saved page).
    static func savedFrom(_ comment: String) -> String? {
        guard let at = comment.firstRange(of: "saved from url=") else { return nil }
        var rest = comment[at.upperBound...]
        if rest.first == "(", let close = rest.firstIndex(of: ")") { rest = rest[rest.index(after: close)...] }
        let url = rest.prefix { !$0.isWhitespace }
        return url.isEmpty ? nil : String(url)
    }

    /// A `<title>`'s first part, where sites append their name (`关于…的通知_某某市民政局`).
    static func titleWithoutSite(_ title: String) -> String? {
        let parts = title.split(whereSeparator: { "_|－—-".contains($0) }).map { trimmed(String($0)) }
        let first = parts.first { $0.unicodeScalars.filter { CharacterClass.isHanzi($0.value) }.count >= 4 }
        return first ?? (title.isEmpty ? nil : title)
    }

    /// The page's own heading: the first `<h1>`, else `<h2>`, with Chinese text.
    func heading(_ nodes: [HTMLTree.Node], _ chrome: [Bool]) -> String? {
        for tag in ["h1", "h2"] {
            for (i, node) in nodes.enumerated() where node.kind == .element && node.name == tag {
                let line = Self.trimmed(text(nodes, chrome, in: i..<node.end).joined(separator: ""))
                if line.unicodeScalars.contains(where: { CharacterClass.isHanzi($0.value) }) { return line }
            }
        }
        return nil
    }

    // MARK: the main text

    /// The element holding the page's main text, or nil for the whole page.
    func container(_ nodes: [HTMLTree.Node], _ chrome: [Bool], _ words: [[String]]) -> Int? {
        let (weight, hanzi) = ownWeights(nodes)
        var total = [Int](repeating: 0, count: nodes.count)
        var plain = [Int](repeating: 0, count: nodes.count)
        for i in stride(from: nodes.count - 1, through: 0, by: -1) {
            total[i] += weight[i]
            plain[i] += hanzi[i]
            let parent = nodes[i].parent
            if parent >= 0, !chrome[i] {
                total[parent] += total[i]
                plain[parent] += plain[i]
            }
        }
        // A known CMS container with Chinese text wins, links and all: a notice whose body
        // is only its attachment's link is still that link.
        var best: (index: Int, score: Int)?
        for (i, node) in nodes.enumerated() where node.kind == .element && plain[i] >= 8 && !words[i].isEmpty {
            if words[i].contains(where: Self.contentHintSet.contains), plain[i] > (best?.score ?? 0) {
                best = (i, plain[i])
            }
        }
        if let best { return best.index }
        // Else by density: down from <body> into the child holding most of the text.
        guard var at = nodes.firstIndex(where: { $0.kind == .element && $0.name == "body" }) else { return nil }
        while true {
            var child = at + 1
            var top: (index: Int, score: Int)?
            while child < nodes[at].end {
                if !chrome[child], total[child] > (top?.score ?? 0) { top = (child, total[child]) }
                child = nodes[child].end
            }
            guard let top, total[at] > 0, Double(top.score) >= 0.6 * Double(total[at]) else { return at }
            at = top.index
        }
    }

    /// Each text node's hanzi, as they are and less three times those inside links (menus are links).
    func ownWeights(_ nodes: [HTMLTree.Node]) -> (weight: [Int], hanzi: [Int]) {
        var weight = [Int](repeating: 0, count: nodes.count)
        var counts = [Int](repeating: 0, count: nodes.count)
        var linkEnds: [Int] = []
        for (i, node) in nodes.enumerated() {
            while let end = linkEnds.last, end <= i { linkEnds.removeLast() }
            if node.kind == .element, node.name == "a" { linkEnds.append(node.end) }
            guard node.kind == .text else { continue }
            let hanzi = node.text.unicodeScalars.reduce(0) { $0 + (CharacterClass.isHanzi($1.value) ? 1 : 0) }
            counts[i] = hanzi
            weight[i] = linkEnds.isEmpty ? hanzi : -3 * hanzi
        }
        return (weight, counts)
    }

    func isChrome(_ node: HTMLTree.Node, words: [String]) -> Bool {
        guard node.kind == .element else { return false }
        if Self.chrome.contains(node.name) { return true }
        if words.isEmpty { return false }
        if words.contains(where: Self.contentHintSet.contains) { return false }
        // `nav`, `nav_top`, `footer-links`: a furniture word, alone or before `_`/`-`.
        return words.contains { word in
            Self.chromeHintSet.contains(String(word.prefix { $0 != "_" && $0 != "-" }))
        }
    }

    static let chromeHintSet = Set(chromeHints)
    static let contentHintSet = Set(contentHints)

    /// An element's `id` and `class` words, lower case.
    static func words(_ node: HTMLTree.Node) -> [String] {
        guard node.kind == .element, node.attributes["id"] != nil || node.attributes["class"] != nil else { return [] }
        return ((node.attributes["id"] ?? "") + " " + (node.attributes["class"] ?? "")).lowercased()
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }

    /// The lines of the nodes in `range`, chrome left out: blocks break lines, cells are
    /// spaced, runs of white space become one space.
    func text(_ nodes: [HTMLTree.Node], _ chrome: [Bool], in range: Range<Int>) -> [String] {
        var lines: [String] = []
        var line = ""
        var blockEnds: [Int] = []
        func breakLine() {
            let done = Self.trimmed(line)
            if !done.isEmpty { lines.append(done) }
            line = ""
        }
        var i = range.lowerBound
        while i < range.upperBound {
            while let end = blockEnds.last, end <= i {
                blockEnds.removeLast()
                breakLine()
            }
            let node = nodes[i]
            switch node.kind {
            case .element:
                if chrome[i] && i != range.lowerBound {
                    i = node.end
                    continue
                }
                if Self.blocks.contains(node.name) {
                    breakLine()
                    blockEnds.append(node.end)
                } else if node.name == "td" || node.name == "th" {
                    line += " "
                }
            case .text: line += Self.collapsed(node.text)
            case .comment: break
            }
            i += 1
        }
        breakLine()
        return lines
    }

    // MARK: info table and attachments

    /// Label–value pairs of the info table, in page order, each label once.
    func fields(_ nodes: [HTMLTree.Node]) -> [PageInfo.Field] {
        // Labels and the values right after them; other text is not looked at twice.
        var segments: [String] = []
        var takeNext = false
        for node in nodes where node.kind == .text {
            let first = node.text.unicodeScalars.first {
                $0 != " " && $0 != "\n" && $0 != "\t" && $0 != "\r" && $0.value != 0xA0 && $0.value != 0x3000
            }
            guard let first else { continue }
            let label = Self.labelStarts.contains(first)
            if label || takeNext {
                let segment = Self.trimmed(node.text)
                if !segment.isEmpty { segments.append(segment) }
                takeNext = label
            }
        }
        var found: [PageInfo.Field] = []
        var i = 0
        while i < segments.count {
            let segment = segments[i]
            let squeezed = Self.squeezed(segment)
            if let label = Self.fieldLabels.first(where: { squeezed.hasPrefix($0) }),
                !found.contains(where: { $0.label == label })
            {
                var rest = String(squeezed.dropFirst(label.count))
                if rest.first == "：" || rest.first == ":" { rest.removeFirst() }
                if rest.isEmpty, i + 1 < segments.count,
                    !Self.fieldLabels.contains(where: { Self.squeezed(segments[i + 1]).hasPrefix($0) })
                {
                    rest = segments[i + 1]
                    i += 1
                }
                let value = Self.trimmed(rest)
                if !value.isEmpty, value.count <= 200 { found.append(PageInfo.Field(label: label, value: value)) }
            }
            i += 1
        }
        return found
    }

    /// Links to attachment files: by the target's extension, or link text that names one.
    func attachments(_ nodes: [HTMLTree.Node], _ chrome: [Bool]) -> [PageInfo.Attachment] {
        var found: [PageInfo.Attachment] = []
        for (i, node) in nodes.enumerated() where node.kind == .element && node.name == "a" {
            guard let raw = node.attributes["href"], !raw.isEmpty else { continue }
            let label = Self.rawText(nodes, in: i..<node.end)
            guard Self.isAttachment(raw) || Self.isAttachment(label) else { continue }
            let href = Self.trimmed(raw)
            let name = Self.trimmed(label)
            if found.contains(where: { $0.href == href }) { continue }
            let fallback = href.split(separator: "/").last.map(String.init) ?? href
            found.append(PageInfo.Attachment(name: name.isEmpty ? fallback : name, href: href))
        }
        return found
    }

    /// The text of the nodes in `range`, as it stands (for short runs: link text, a title).
    static func rawText(_ nodes: [HTMLTree.Node], in range: Range<Int>) -> String {
        var out = ""
        for i in range where nodes[i].kind == .text { out += nodes[i].text }
        return out
    }

    static func isAttachment(_ target: String) -> Bool {
        // The extension: after the last '.' of the path (before any '?' or '#'), with no '/' after it.
        let bytes = target.utf8
        let end = bytes.firstIndex { $0 == 0x3F || $0 == 0x23 } ?? bytes.endIndex
        guard let dot = bytes[..<end].lastIndex(of: 0x2E) else { return false }
        let ext = bytes[bytes.index(after: dot)..<end]
        guard !ext.isEmpty, ext.count <= 4, !ext.contains(0x2F) else { return false }
        return attachmentExtensions.contains(String(decoding: ext, as: UTF8.self).lowercased())
    }

    // MARK: text helpers

    static func collapsed(_ text: String) -> String {
        // Most text nodes have nothing to collapse: return them as they are.
        var previousSpace = false
        var plain = true
        for byte in text.utf8 {
            if byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0xC2
                || (byte == 0x20 && previousSpace)
            {
                plain = false
                break
            }
            previousSpace = byte == 0x20
        }
        if plain { return text }
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.value == 0xA0
                || scalar.value == 0x0C
            {
                space = true
            } else {
                if space, !out.isEmpty { out += " " }
                space = false
                out.unicodeScalars.append(scalar)
            }
        }
        if space { out += " " }
        return out
    }

    static func trimmed(_ text: String) -> String {
        let scalars = collapsed(text).unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start] == " " || scalars[start].value == 0x3000 {
            start = scalars.index(after: start)
        }
        while end > start {
            let last = scalars[scalars.index(before: end)]
            guard last == " " || last.value == 0x3000 else { break }
            end = scalars.index(before: end)
        }
        return String(scalars[start..<end])
    }

    /// A title's spaces between two Chinese characters dropped (`…人员  入职…` is how CMS
    /// editors wrap a heading; a reader sees one title), others kept (`民政部 公安部` lists bodies
    /// and stays as written).
    static func joinedCJK(_ title: String) -> String {
        let scalars = Array(trimmed(title).unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            if scalar == " ", i > 0, i + 1 < scalars.count, scalars[i - 1].value > 0x7F, scalars[i + 1].value > 0x7F,
                !CharacterClass.isHanzi(scalars[i - 1].value) || !CharacterClass.isHanzi(scalars[i + 1].value)
                    || Self.spaceJoinsWords(scalars, at: i)
            {
                continue
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// A space inside a title between hanzi that does not separate two body names: the run
    /// before it does not end a public body's name (部, 局, 厅, 委, 会, 总局, 政府, …).
    static func spaceJoinsWords(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        let before = scalars[i - 1]
        return !"部局厅委会府署院办行处".unicodeScalars.contains(before)
    }

    /// Text without any space, for comparing labels and titles (`索 引 号` is 索引号).
    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != " " && $0.value != 0x3000 && $0.value != 0xA0 }.map(Character.init))
    }
}
