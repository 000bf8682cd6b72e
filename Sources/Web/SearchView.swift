internal import Mustache
internal import Store

/// The search page's values for its template: hits with highlighted snippets, the active
/// filters with links that remove them, the rendered facets and timeline, paging, the feed and
/// export links of the same search.
struct SearchView {
    struct Hidden {
        var name: String
        var value: String
    }
    struct Active {
        var label: String
        var value: String
        var remove: String
    }
    struct Hit {
        var id: Int64
        var title: String
        var agency: String
        var published: String
        var tags: [String]
        var snippet: String
        var attachmentOf: Int64?
    }

    var pageTitle: String
    var q: String
    var hidden: [Hidden]
    var active: [Active]
    var hasActive: Bool
    var total: Int
    var sampled: Bool
    /// The timeline and facets, rendered (`CountsView`).
    var counts: String
    var hits: [Hit]
    var page: Int
    var previous: String?
    var next: String?
    var feed: String
    var csv: String
    var jsonl: String

    init(_ result: ResultPage, parameters p: SearchParameters, labels: Labels, counts: String) {
        self.counts = counts
        pageTitle = p.q.isEmpty ? "检索" : p.q + " - 检索"
        q = p.q
        let filters: [(String, String?)] = [
            ("tag", p.tag), ("region", p.region), ("level", p.level), ("kind", p.kind), ("agency", p.agency),
            ("since", p.since), ("until", p.until),
        ]
        hidden = filters.compactMap { name, value in value.map { Hidden(name: name, value: $0) } }
        let names = [
            "tag": "标签", "region": "地区", "level": "层级", "kind": "类型", "agency": "机构", "since": "起", "until": "止",
        ]
        active = filters.compactMap { name, value in
            value.map {
                Active(
                    label: names[name] ?? name, value: labels.facetValue(name, $0),
                    remove: p.link("/search", [name: nil]))
            }
        }
        hasActive = !active.isEmpty
        total = result.total
        sampled = result.sampled
        // `since` and `until` come last in a link: one base for every bar (hundreds of months).
        hits = result.hits.map { hit in
            Hit(
                id: hit.id, title: hit.title ?? hit.file, agency: hit.agency ?? "发布机构不详",
                published: hit.published ?? "日期不详", tags: hit.tags.map(labels.tag),
                snippet: HTMLText.snippet(hit.snippet), attachmentOf: hit.attachmentOf)
        }
        page = p.page
        previous = p.page > 1 ? p.link("/search", ["page": String(p.page - 1)]) : nil
        let shown = (p.page - 1) * SearchParameters.pageSize + result.hits.count
        next =
            shown < result.total && p.page < SearchParameters.maxPage
            ? p.link("/search", ["page": String(p.page + 1)]) : nil
        feed = p.link("/feed.atom")
        csv = p.link("/export.csv")
        jsonl = p.link("/export.jsonl")
    }
}

// The values Mustache looks up most (dozens per page), answered without reflection.
extension SearchView.Hit: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "agency": agency
        case "published": published
        case "tags": tags
        case "snippet": snippet
        case "attachmentOf": attachmentOf.map { $0 as Any }
        default: nil
        }
    }
}
