internal import Store

/// The search page's values for its template: hits with highlighted snippets, the active
/// filters with links that remove them, facets with links that narrow, the timeline, paging,
/// the feed and export links of the same search.
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
    struct FacetValue {
        var value: String
        var label: String
        var count: Int
        var href: String
    }
    struct Facet {
        var name: String
        var label: String
        var values: [FacetValue]
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
    var window = NoticeStore.facetWindow
    var timeline: String
    var facets: [Facet]
    var hits: [Hit]
    var page: Int
    var previous: String?
    var next: String?
    var feed: String
    var csv: String
    var jsonl: String

    init(_ result: ResultPage, parameters p: SearchParameters, labels: Labels) {
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
        timeline = TimelineChart.svg(result.timeline.map { ($0.value, $0.count) }) { period in
            p.link("/search", ["since": period + "-01", "until": period + "-31"])
        }
        facets = Labels.facets.compactMap { facet in
            let counts = result.facets[facet.name] ?? []
            guard !counts.isEmpty else { return nil }
            return Facet(
                name: facet.name, label: facet.label,
                values: counts.prefix(12).map { count in
                    let href: String
                    if facet.name == "year" {
                        href = p.link("/search", ["since": count.value + "-01-01", "until": count.value + "-12-31"])
                    } else {
                        href = p.link("/search", [facet.name: count.value])
                    }
                    return FacetValue(
                        value: count.value, label: labels.facetValue(facet.name, count.value), count: count.count,
                        href: href)
                })
        }
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
