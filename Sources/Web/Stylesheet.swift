/// The one stylesheet, served from the binary at `/static/app.css` (the CSP allows styles from
/// this origin only, and no inline style).
enum Stylesheet {
    static let css = """
        :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0b5cad; --mark: #fff3b0; --bg: #ffffff; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.6 "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", sans-serif; color: var(--ink); background: var(--bg); }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        header.top { display: flex; gap: 24px; align-items: baseline; padding: 10px 24px; border-bottom: 1px solid var(--line); }
        header.top .brand { font-weight: 700; font-size: 17px; color: var(--ink); }
        header.top nav a { margin-right: 14px; }
        footer.bottom { color: var(--muted); font-size: 12px; padding: 16px 24px; border-top: 1px solid var(--line); margin-top: 32px; }
        form.search { display: flex; gap: 8px; padding: 16px 24px 8px; }
        form.search input[type=search] { flex: 1; max-width: 720px; padding: 8px 10px; font-size: 16px; border: 1px solid var(--line); border-radius: 6px; }
        form.search button { padding: 8px 18px; font-size: 15px; border: 0; border-radius: 6px; background: var(--accent); color: #fff; }
        .filters { padding: 0 24px; }
        .chip { display: inline-block; padding: 2px 10px; margin: 2px 6px 2px 0; border: 1px solid var(--line); border-radius: 12px; font-size: 13px; }
        .total { padding: 0 24px; color: var(--muted); }
        .timeline { padding: 0 24px; }
        svg.chart { max-width: 100%; height: auto; }
        svg.chart rect.bar { fill: #5b8fd1; }
        svg.chart a:hover rect.bar { fill: var(--accent); }
        svg.chart text.axis { font-size: 11px; fill: var(--muted); }
        svg.chart text.axis.end { text-anchor: end; }
        .columns { display: flex; gap: 24px; padding: 0 24px; }
        aside.facets { width: 240px; flex: none; }
        .facet h2 { font-size: 14px; margin: 12px 0 4px; }
        .facet ul { list-style: none; margin: 0; padding: 0; font-size: 13px; }
        .facet .count { color: var(--muted); }
        main { flex: 1; min-width: 0; }
        ol.hits { list-style: none; padding: 0; margin: 0; }
        .hit { padding: 10px 0; border-bottom: 1px solid var(--line); }
        .hit .title { font-size: 16px; font-weight: 600; }
        .meta { color: var(--muted); font-size: 13px; }
        .tag { display: inline-block; padding: 0 6px; margin-right: 4px; border-radius: 4px; background: #eef4fb; color: #234; font-size: 12px; }
        mark { background: var(--mark); }
        .pages, .exports { margin: 14px 0; }
        main.document, main.status, main.error { padding: 8px 24px; max-width: 1400px; }
        table.fields th { text-align: left; color: var(--muted); font-weight: 400; padding-right: 16px; white-space: nowrap; vertical-align: top; }
        table.list { border-collapse: collapse; font-size: 13px; }
        table.list th, table.list td, .cluster th, .cluster td { border-bottom: 1px solid var(--line); padding: 4px 10px 4px 0; text-align: left; vertical-align: top; }
        .texts { display: flex; gap: 24px; }
        .texts section { flex: 1; min-width: 0; }
        pre.text { white-space: pre-wrap; word-break: break-all; font: inherit; background: #f6f8fa; padding: 12px; border-radius: 6px; }
        del { background: #ffe4e4; color: #8a1f1f; }
        ins { background: #e2f5e2; text-decoration: none; }
        mark.evidence { background: var(--mark); }
        .message { font-size: 17px; }
        @media (max-width: 900px) { .columns, .texts { flex-direction: column; } aside.facets { width: auto; } }
        """
}
