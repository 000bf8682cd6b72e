/// A store's two logs besides its documents, as `noticed copy` carries them between stores:
/// duplicate sightings (a file that held the bytes of a stored document, named by that
/// document's sha256 so another store can find its own id for it) and refused inputs.
///
/// Promises: both lists are oldest first; `missing(from:)` is what a copy still has to add, so
/// a copy run again adds nothing twice.
public struct StoreLogs: Sendable, Hashable {
    public struct Sighting: Sendable, Hashable {
        public var sha256: String
        public var file: String
        public var at: String

        package init(sha256: String, file: String, at: String) {
            self.sha256 = sha256
            self.file = file
            self.at = at
        }
    }

    public var sightings: [Sighting]
    public var failures: [RecordedFailure]

    package init(sightings: [Sighting] = [], failures: [RecordedFailure] = []) {
        self.sightings = sightings
        self.failures = failures
    }

    /// The entries of this log that `other` lacks (as many times as this one has them more).
    public func missing(from other: StoreLogs) -> StoreLogs {
        func subtract<T: Hashable>(_ mine: [T], _ theirs: [T]) -> [T] {
            var have: [T: Int] = [:]
            for entry in theirs { have[entry, default: 0] += 1 }
            return mine.filter { entry in
                guard let n = have[entry], n > 0 else { return true }
                have[entry] = n - 1
                return false
            }
        }
        return StoreLogs(sightings: subtract(sightings, other.sightings), failures: subtract(failures, other.failures))
    }
}
