internal import Synchronization

/// What recent queries cost to compute, kept so that the next page, a facet clicked, a filter
/// added, the feed or the export of the same query does not compute it again: `browse` keeps
/// the index's matches of a query (every id, newest first) and, for a query with its filters,
/// the matches that pass, their facet counts and the ranked window, much as Solr keeps its
/// filter and query-result caches; the web page keeps its rendered facets the same way.
///
/// Promises: an entry answers only for the state its key names (callers put the index's epoch
/// and last document, and the facet columns' load, in the key, so an indexed batch or a
/// `reprocess` makes old entries unreachable); the sum of the entries' costs stays within
/// `budget`, least recently used first out. A budget of 0 keeps nothing.
public final class QueryCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var cost: Int
        var used: UInt64
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var held = 0
        var clock: UInt64 = 0
    }

    public let budget: Int
    private let state = Mutex(State())

    /// `budget`: the most the entries may cost in all, in the caller's unit.
    public init(budget: Int) {
        self.budget = budget
    }

    public func value(_ key: Key) -> Value? {
        state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            state.clock += 1
            entry.used = state.clock
            state.entries[key] = entry
            return entry.value
        }
    }

    public func store(_ value: Value, cost: Int, for key: Key) {
        guard cost <= budget else { return }
        state.withLock { state in
            state.clock += 1
            if let old = state.entries.updateValue(Entry(value: value, cost: cost, used: state.clock), forKey: key) {
                state.held -= old.cost
            }
            state.held += cost
            while state.held > budget, let oldest = state.entries.min(by: { $0.value.used < $1.value.used }) {
                state.held -= oldest.value.cost
                state.entries[oldest.key] = nil
            }
        }
    }
}

/// A query over one state of the index: its FTS5 expression, the index's epoch and the last
/// document it holds.
struct IndexedQueryKey: Hashable, Sendable {
    var expression: String
    var epoch: Int64
    var floor: Int64
}

/// A query with its filters, as read from one load of the facet columns.
struct FilteredQueryKey: Hashable, Sendable {
    var query: IndexedQueryKey
    var filters: SearchFilters
    var columnsLoadedAt: Double
}

/// The index's matches of a query that pass its filters (newest first), their facet counts,
/// and once a page was asked for, the ranked window.
struct FilteredMatches: Sendable {
    var matched: [Int64]
    var counts: ResultPage
    var ranked: [(id: Int64, score: Double)]?

    /// In 8-byte units, as `QueryCache`'s budget counts them.
    var cost: Int {
        matched.count + 2 * (ranked?.count ?? 0) + 64
    }
}
