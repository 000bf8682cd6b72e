public import Dispatch
internal import Synchronization

/// Runs a store's `indexPending` (index catch-up) off the commit path, a little after commits.
///
/// Each commit calls `kick`; the indexer waits `delay` so that the commits of a busy moment
/// are indexed together (bigger, fewer FTS5 segments, fewer merges), then indexes all that is
/// pending on a utility queue of its own. Nothing waits for it: until it is done, `search`
/// reads the newest documents directly. `stop` lets a batch under way end; a command that
/// must leave the index complete (`ingest`) then calls `indexPending` itself, which throws.
public final class BackgroundIndexer: Sendable {
    private let queue = DispatchQueue(label: "noticed.search-index", qos: .utility)
    private let delay: DispatchTimeInterval
    private let state = Mutex(State())
    private let report: @Sendable (Result<Int, StoreError>, Duration) -> Void

    private struct State {
        var store: (any NoticeStoring)?
        var scheduled = false
        var stopped = false
    }

    /// `report` hears of each run that indexed something or failed, with its duration.
    public init(
        delay: DispatchTimeInterval = .milliseconds(250),
        report: @escaping @Sendable (Result<Int, StoreError>, Duration) -> Void = { _, _ in }
    ) {
        self.delay = delay
        self.report = report
    }

    /// Documents were committed to `store`: index them soon.
    public func kick(_ store: any NoticeStoring) {
        let schedule = state.withLock { state -> Bool in
            state.store = store
            guard !state.scheduled, !state.stopped else { return false }
            state.scheduled = true
            return true
        }
        if schedule { queue.asyncAfter(deadline: .now() + delay) { self.run() } }
    }

    /// Waits for a batch under way, then ignores later kicks: what is left is indexed by the
    /// caller or by the next process to open the store for writing. (A daemon asked to stop
    /// must not spend its stop timeout on a rebuild.)
    public func stop() {
        state.withLock { $0.stopped = true }
        queue.sync {}
    }

    private func run() {
        let stopped = state.withLock { state -> Bool in
            state.scheduled = false
            return state.stopped
        }
        if !stopped { runNow() }
    }

    private func runNow() {
        guard let store = state.withLock({ $0.store }) else { return }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let n = try store.indexPending(batch: NoticeStore.indexBatch)
            if n > 0 { report(.success(n), clock.now - start) }
        } catch {
            report(.failure(error), clock.now - start)
        }
    }
}
