/// The near-duplicate clusters' SimHash bands, held in the writer's memory.
///
/// Four band indexes in SQLite were four B-trees with random keys: every commit of a
/// batch rewrote nearly all their pages (about 5 MB per commit on 100,000 clusters, a
/// third of all bytes written). The cluster table is append-only and its signatures
/// are 8 bytes each, so the writer reads new rows (id above `lastID`) at the start of
/// each transaction, which also picks up clusters another process stored, and looks
/// bands up here: a sorted array of postings (band key, position) searched by binary
/// search, plus a short unsorted array for the newest clusters, merged in when it grows.
/// About 48 bytes per cluster (5 MB for 100,000).
package struct ClusterBands: Sendable {
    /// Cluster ids and signatures, by position, in id order.
    private(set) var ids: [Int64] = []
    private(set) var signatures: [UInt64] = []
    /// `key << 32 | position`, sorted.
    private var postings: [UInt64] = []
    /// The same for the newest clusters, unsorted and scanned, until merged into `postings`.
    private var recent: [UInt64] = []
    /// Clusters in `recent` before they are merged into `postings`.
    static let mergeAt = 256

    package init() {}

    /// The largest cluster id known; rows above it are not loaded yet.
    package var lastID: Int64 { ids.last ?? 0 }

    /// A band's lookup key: its number in the top bits, its 16-bit value below.
    static func keys(_ h: UInt64) -> [UInt32] {
        (0..<SimHash.bands).map { UInt32($0) << 16 | UInt32((h >> UInt64(16 * $0)) & 0xFFFF) }
    }

    package mutating func add(id: Int64, signature: UInt64) {
        let position = UInt32(ids.count)
        ids.append(id)
        signatures.append(signature)
        for key in Self.keys(signature) { recent.append(UInt64(key) << 32 | UInt64(position)) }
        if recent.count >= Self.mergeAt * SimHash.bands { merge() }
    }

    /// The closest cluster within `SimHash.threshold`, if any (ties: the oldest).
    package func nearest(_ h: UInt64) -> Int64? {
        var best: (position: UInt32, distance: Int)?
        func consider(_ position: UInt32) {
            let d = SimHash.distance(h, signatures[Int(position)])
            if d <= SimHash.threshold,
                d < best?.distance ?? Int.max || (d == best?.distance && position < best!.position)
            {
                best = (position, d)
            }
        }
        let keys = Self.keys(h).map { UInt64($0) }
        for key in keys {
            var i = lowerBound(key << 32)
            while i < postings.count, postings[i] >> 32 == key {
                consider(UInt32(truncatingIfNeeded: postings[i]))
                i += 1
            }
        }
        for entry in recent where keys.contains(entry >> 32) { consider(UInt32(truncatingIfNeeded: entry)) }
        return best.map { ids[Int($0.position)] }
    }

    private func lowerBound(_ value: UInt64) -> Int {
        var low = 0
        var high = postings.count
        while low < high {
            let mid = (low + high) / 2
            if postings[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Sorts `recent` into `postings` in place, from the back (no second copy of `postings`).
    private mutating func merge() {
        recent.sort()
        var i = postings.count - 1
        var j = recent.count - 1
        postings.append(contentsOf: recent)
        var k = postings.count - 1
        while j >= 0 {
            if i >= 0 && postings[i] > recent[j] {
                postings[k] = postings[i]
                i -= 1
            } else {
                postings[k] = recent[j]
                j -= 1
            }
            k -= 1
        }
        recent.removeAll(keepingCapacity: true)
    }
}
