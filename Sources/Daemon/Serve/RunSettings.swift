import Pipeline
import Synchronization

/// What a SIGHUP may change while files are in flight, shared by the scheduler (which hands
/// the pipeline and layout to workers) and the committer (which names files and moves them).
///
/// Promises: each reader sees one whole set of settings, old or new, never a mix.
final class RunSettings: Sendable {
    struct Values: Sendable {
        var layout: SpoolLayout
        var pipeline: NoticePipeline
        var after: ServiceConfig.After
    }

    private let values: Mutex<Values>

    init(_ values: Values) { self.values = Mutex(values) }

    var current: Values { values.withLock { $0 } }
    var layout: SpoolLayout { values.withLock { $0.layout } }

    func replace(with fresh: Values) { values.withLock { $0 = fresh } }
}
