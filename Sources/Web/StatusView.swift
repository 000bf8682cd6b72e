internal import Daemon
internal import Foundation
internal import Store

/// The operators' page: what `noticed status` says (the daemon's state file, the spool's
/// folders, the store), the latest ingests and the failed files with their reasons.
struct StatusView {
    struct Line {
        var label: String
        var value: String
    }

    var pageTitle = "运行状态"
    var lines: [Line]
    var ingests: [ListedDocument]
    var failures: [RecordedFailure]
    var hasFailures: Bool
    var feed: String? = nil

    init(_ status: WebStatus) {
        lines = status.lines.map { Line(label: $0.0, value: $0.1) }
        ingests = status.ingests
        failures = status.failures
        hasFailures = !failures.isEmpty
    }
}

/// What the status page and `/api/stats` read, gathered once per request.
struct WebStatus {
    var lines: [(String, String)] = []
    var daemon: String
    var documents: Int
    var duplicates: Int
    var clusters: Int
    var failureCount: Int
    var lastIngest: String?
    var waiting: Int?
    var failedFiles: Int?
    var ingests: [ListedDocument]
    var failures: [RecordedFailure]
    var stats: StoreStats

    init(store: any BrowsingStore, settings: WebSettings) throws(StoreError) {
        let database = settings.database
        let spool = settings.spool
        stats = try store.stats()
        documents = stats.documents
        duplicates = stats.duplicates
        clusters = stats.clusters
        failureCount = stats.failures
        lastIngest = stats.lastIngest
        ingests = try store.recentIngests(limit: 20)
        failures = try store.recentFailures(limit: 50)
        // This host's daemon state: beside a SQLite file, in the spool for PostgreSQL.
        let stateBase =
            spool.map { ServiceConfig.localStateBase(database: database, spool: $0) }
            ?? (ServiceConfig.isPostgres(database) ? nil : database)
        if let snapshot = stateBase.flatMap({ StateFile(database: $0).read() }) {
            let alive = snapshot.isAlive
            daemon =
                alive
                ? "\(snapshot.state)（进程 \(snapshot.pid)，自 \(snapshot.started)）"
                : "未运行（最后状态 \(snapshot.state)，\(snapshot.updated)）"
            lines.append(("守护进程", daemon))
            if alive {
                lines.append(
                    (
                        "本次运行",
                        "入库 \(snapshot.ingested)，重复 \(snapshot.duplicates)，失败 \(snapshot.failed)，排队 \(snapshot.queued)"
                    ))
            }
        } else {
            daemon = "从未以此数据库运行"
            lines.append(("守护进程", daemon))
        }
        if let spool {
            let layout = SpoolLayout(root: spool, ignoreGlobs: [])
            waiting = SpoolLayout.fileCount(layout.incoming)
            failedFiles = SpoolLayout.fileCount(layout.failed)
            lines.append(("投递目录", layout.root))
            lines.append(("等待处理", "\(waiting ?? 0) 个文件"))
            lines.append(("失败目录", "\(failedFiles ?? 0) 个文件"))
        }
        lines.append(("数据库", database))
        lines.append(("文件数", "\(documents)（重复投递 \(duplicates) 次，\(clusters) 组）"))
        lines.append(("最近入库", lastIngest ?? "从未"))
        lines.append(("失败记录", "\(failureCount)"))
    }
}
