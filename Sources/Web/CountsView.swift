internal import Mustache
internal import Store

/// The timeline and the facets of a search for the `counts` template: facet values with links
/// that narrow, months as SVG bars with links to each month. They depend on the counts and the
/// search's links only, so the server renders them once for each (`Key`) and keeps the HTML.
struct CountsView {
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

    /// What the rendered HTML depends on (besides the labels, fixed for a server's life).
    struct Key: Hashable, Sendable {
        var link: String
        var facets: [String: [FacetCount]]
        var timeline: [FacetCount]

        init(_ result: ResultPage, parameters p: SearchParameters) {
            link = p.link("/search")
            facets = result.facets
            timeline = result.timeline
        }
    }

    var timeline: String
    var facets: [Facet]

    init(_ result: ResultPage, parameters p: SearchParameters, labels: Labels) {
        // Periods are `YYYY-MM` (TimelineChart writes them): nothing in them to escape.
        let base = p.link("/search", ["since": nil, "until": nil])
        let prefix = HTMLText.escape(base + (base.contains("?") ? "&" : "?")) + "since="
        timeline = TimelineChart.svg(result.timeline.map { ($0.value, $0.count) }) { period in
            prefix + period + "-01&amp;until=" + period + "-31"
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
    }
}

// Looked up dozens of times a page: answered without reflection.
extension CountsView.FacetValue: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "count": count
        case "href": href
        default: nil
        }
    }
}
