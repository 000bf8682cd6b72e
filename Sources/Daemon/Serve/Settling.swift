/// A name that is not UTF-8: the folder it is in and its raw bytes (renamed when taken).
struct RawName: Sendable, Equatable {
    var folder: [String]
    var name: [UInt8]
}

/// The files waiting to be taken, and the settle rule, as a value: a file is taken once it
/// has kept its signature (size, mtime, inode) for its whole wait; a file that changed
/// waits again; a file that is gone is forgotten.
///
/// Promises: no I/O and no clock of its own; the watcher says what time it is and what
/// each file looks like now, so the rule is tested without a spool.
struct Settling {
    struct Entry: Sendable, Equatable {
        var signature: FileSignature
        /// When to look again (DispatchTime nanoseconds).
        var due: UInt64
        var wait: Double
        var raw: RawName?
    }

    private(set) var entries: [String: Entry] = [:]

    var count: Int { entries.count }

    func contains(_ relative: String) -> Bool { entries[relative] != nil }

    /// The earliest time something is due.
    var nextDue: UInt64? { entries.values.map(\.due).min() }

    /// Puts a file up to settle for `wait` seconds from `now`, or forgets it (`signature` nil: gone).
    mutating func put(_ relative: String, signature: FileSignature?, wait: Double, raw: RawName?, now: UInt64) {
        guard let signature else {
            entries[relative] = nil
            return
        }
        entries[relative] = Entry(signature: signature, due: now + UInt64(wait * 1e9), wait: wait, raw: raw)
    }

    mutating func forget(_ relative: String) { entries[relative] = nil }

    /// The files due at `now` that kept their signature, to be taken; `look` gives a file's
    /// signature now (nil when gone). The changed ones wait again, the gone ones are forgotten.
    mutating func settled(at now: UInt64, look: (String, RawName?) -> FileSignature?) -> [(
        relative: String, raw: RawName?
    )] {
        var ready: [(relative: String, raw: RawName?)] = []
        for (relative, entry) in entries where entry.due <= now {
            guard let signature = look(relative, entry.raw) else {
                entries[relative] = nil
                continue
            }
            if signature == entry.signature {
                entries[relative] = nil
                ready.append((relative, entry.raw))
            } else {
                var next = entry
                next.signature = signature
                next.due = now + UInt64(entry.wait * 1e9)
                entries[relative] = next
            }
        }
        return ready
    }
}
