/// The pages' Mustache templates, compiled into the binary (these machines are offline: no
/// CDN, no external font, no file beside the binary to lose). `{{ }}` escapes what it shows;
/// `{{{ }}}` takes fragments `HTMLText` already escaped. No template holds script or inline
/// style, so the Content-Security-Policy can forbid both.
enum Templates {
    static let all: [String: String] = [
        "head": head, "foot": foot, "search": search, "counts": counts, "document": document, "status": status,
        "error": error,
    ]

    static let head = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{pageTitle}} · noticed</title>
        <link rel="stylesheet" href="/static/app.css">
        {{#feed}}<link rel="alternate" type="application/atom+xml" title="订阅此检索" href="{{feed}}">{{/feed}}
        </head>
        <body>
        <header class="top">
        <a class="brand" href="/">noticed 民政文件库</a>
        <nav><a href="/search">检索</a> <a href="/status">运行状态</a> <a href="/api/openapi.json">API</a></nav>
        </header>

        """

    static let foot = """

        <footer class="bottom">noticed · 只读视图 · 数据来自本机存储</footer>
        </body>
        </html>

        """

    static let search = """
        {{> head}}
        <form class="search" action="/search" method="get" role="search">
        <input type="search" name="q" value="{{q}}" placeholder="检索标题和正文：养老、&quot;社会救助&quot;、疫情 AND 婚姻登记" aria-label="检索词">
        {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">{{/hidden}}
        <button type="submit">检索</button>
        </form>
        {{#hasActive}}<div class="filters">{{#active}}<a class="chip" href="{{remove}}" title="取消此条件">{{label}}：{{value}} ×</a>{{/active}}</div>{{/hasActive}}
        <p class="total">共 <strong id="total" data-total="{{total}}">{{total}}</strong> 条</p>
        {{{counts}}}
        <main>
        <ol class="hits">
        {{#hits}}<li class="hit" data-id="{{id}}"><a class="title" href="/documents/{{id}}">{{title}}</a>
        <div class="meta"><span class="agency">{{agency}}</span> <time>{{published}}</time> {{#tags}}<span class="tag">{{.}}</span> {{/tags}}{{#attachmentOf}}<a class="part" href="/documents/{{attachmentOf}}">附件所属网页</a>{{/attachmentOf}}</div>
        <p class="snippet">{{{snippet}}}</p></li>
        {{/hits}}
        </ol>
        {{^hits}}<p class="empty">没有找到匹配的文件。</p>{{/hits}}
        <nav class="pages">{{#previous}}<a rel="prev" href="{{previous}}">上一页</a> {{/previous}}第 {{page}} 页{{#next}} <a rel="next" href="{{next}}">下一页</a>{{/next}}</nav>
        <p class="exports"><a href="{{feed}}">订阅此检索（Atom）</a> · <a href="{{csv}}">导出 CSV</a> · <a href="{{jsonl}}">导出 JSONL</a></p>
        </main>
        </div>
        {{> foot}}
        """

    /// The timeline and the facets of a search, rendered apart: the same counts under the
    /// same links render the same HTML, which the server keeps (`WebServer.countsCache`).
    static let counts = """
        <section class="timeline" aria-label="按月分布">{{{timeline}}}</section>
        <div class="columns">
        <aside class="facets">
        {{#facets}}<section class="facet" data-facet="{{name}}"><h2>{{label}}</h2><ul>
        {{#values}}<li><a href="{{href}}" data-value="{{value}}">{{label}}</a> <span class="count">{{count}}</span></li>
        {{/values}}</ul></section>
        {{/facets}}
        </aside>
        """

    static let document = """
        {{> head}}
        <main class="document">
        <h1 id="title">{{title}}</h1>
        <table class="fields">
        {{#fields}}<tr><th>{{label}}</th><td>{{value}}</td></tr>
        {{/fields}}
        </table>
        {{#hasPeople}}<section class="people"><h2>人员</h2><ul>{{#people}}<li><span class="name">{{name}}</span> {{positions}}</li>{{/people}}</ul></section>{{/hasPeople}}
        {{#hasDirectives}}<section class="directives"><h2>工作要求</h2><ol>{{#directives}}<li>{{.}}</li>{{/directives}}</ol></section>{{/hasDirectives}}
        <section class="tags"><h2>标签与依据</h2>{{#tags}}<p class="tag-evidence" data-tag="{{id}}"><span class="tag">{{name}}</span> {{evidence}}</p>{{/tags}}{{^tags}}<p>无标签。</p>{{/tags}}</section>
        {{#hasRepairs}}<section class="repairs"><h2>清洗记录</h2><ul>{{#repairs}}<li>{{.}}</li>{{/repairs}}</ul></section>{{/hasRepairs}}
        <div class="texts">
        <section class="clean"><h2>清洗后正文</h2><pre class="text" id="clean-text">{{{cleanText}}}</pre></section>
        <section class="original"><h2>原文（删除处划线）</h2>{{#originalText}}<pre class="text" id="original-text">{{{originalText}}}</pre>{{/originalText}}{{^originalText}}<p>{{originalNote}}</p>{{/originalText}}<p><a href="/documents/{{id}}/original">下载原始文件</a></p></section>
        </div>
        {{#hasCluster}}<section class="cluster"><h2>同一文件的其他转载</h2><table><tr><th>文件</th><th>标题</th><th>发布机构</th><th>日期</th><th>不同之处</th></tr>
        {{#cluster}}<tr><td><a href="/documents/{{id}}">{{file}}</a></td><td>{{title}}</td><td>{{agency}}</td><td>{{published}}</td><td>{{differs}}</td></tr>
        {{/cluster}}</table></section>{{/hasCluster}}
        {{#hasAttachments}}<section class="attachments"><h2>附件</h2><ul>{{#attachments}}<li>{{#id}}<a href="/documents/{{id}}">{{name}}</a>{{/id}}{{^id}}{{name}}（未收到）{{/id}}</li>{{/attachments}}</ul></section>{{/hasAttachments}}
        {{#parent}}<p class="parent">本文件是 <a href="/documents/{{id}}">{{title}}</a> 的附件。</p>{{/parent}}
        </main>
        {{> foot}}
        """

    static let status = """
        {{> head}}
        <main class="status">
        <h1>运行状态</h1>
        <table class="fields">
        {{#lines}}<tr><th>{{label}}</th><td>{{value}}</td></tr>
        {{/lines}}
        </table>
        <h2>最近入库</h2>
        <table class="list"><tr><th>编号</th><th>文件</th><th>标题</th><th>入库时间</th></tr>
        {{#ingests}}<tr><td><a href="/documents/{{id}}">{{id}}</a></td><td>{{file}}</td><td>{{title}}</td><td>{{ingestedAt}}</td></tr>
        {{/ingests}}</table>
        <h2>处理失败的文件</h2>
        {{^failures}}<p>没有失败的文件。</p>{{/failures}}
        {{#hasFailures}}<table class="list failures"><tr><th>时间</th><th>文件</th><th>阶段</th><th>原因</th></tr>
        {{#failures}}<tr><td>{{at}}</td><td>{{file}}</td><td>{{stage}}</td><td>{{message}}（{{error}}）</td></tr>
        {{/failures}}</table>{{/hasFailures}}
        </main>
        {{> foot}}
        """

    static let error = """
        {{> head}}
        <main class="error"><h1>{{code}}</h1><p class="message" id="message">{{message}}</p><p><a href="/">返回检索</a></p></main>
        {{> foot}}
        """
}
