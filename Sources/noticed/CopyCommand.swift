import ArgumentParser
import Backends
import Daemon
import Foundation
import Pipeline
import Store

/// `noticed copy --from SRC --to DST`: a whole store from one backend to another (SQLite to a
/// shared PostgreSQL database, or back), originals included.
///
/// Documents go across in id order, in batches keeping their ingestion time, through the
/// destination's own `persist`: its dedup makes a second run skip what the first copied, so an
/// interrupted copy resumes where it stopped, and its clustering sees the documents in the
/// source's order (so the clusters come out as the source's). Attachments are linked to their
/// pages again. At the end the two stores' sha256 sets are compared, and every original in the
/// destination is hashed again against its sha256.
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store between SQLite and PostgreSQL (resumable; verified at the end).")

    @Option(help: "The store to copy: a SQLite file or postgresql://USER@HOST:PORT/DB.") var from: String
    @Option(help: "The store to copy into (created or migrated as needed).") var to: String
    @Option(help: "The source's PostgreSQL password file (else PGPASSFILE).") var fromPasswordFile: String?
    @Option(help: "The destination's PostgreSQL password file (else PGPASSFILE).") var toPasswordFile: String?
    @Option(help: "Documents per transaction.") var batch: Int = 256

    func run() throws {
        guard from != to else { throw CommandError("noticed copy: --from and --to name the same store") }
        let source = try StoreOpener.open(from, passwordFile: fromPasswordFile, readOnly: true)
        let destination = try StoreOpener.open(to, passwordFile: toPasswordFile)
        let total = try source.count()
        let already = try destination.storedDigests()
        let progress = Progress(total: total, label: "copy")
        var pending: [(stored: StoredNotice, arrival: Arrival)] = []
        var copied = 0
        var skipped = 0
        var newID: [Int64: Int64] = [:]
        var links: [(attachment: Int64, page: Int64)] = []
        var sourceDigests: [Int64: String] = [:]
        func flush() throws {
            guard !pending.isEmpty else { return }
            let at = ISO8601DateFormatter().date(from: pending[0].stored.ingestedAt) ?? Date()
            let outcomes = try destination.persist(pending.map(\.arrival), at: at)
            for (item, outcome) in zip(pending, outcomes) { newID[item.stored.id] = outcome.id }
            copied += pending.count
            pending.removeAll(keepingCapacity: true)
            progress.update(copied + skipped, "copied \(copied), already there \(skipped)")
        }
        // By id, one document at a time: a store's stream may not be re-entered to read originals.
        for id in try source.ids(since: nil, tag: nil) {
            guard let stored = try source.notice(reference: String(id)) else { continue }
            if let page = stored.attachmentOf { links.append((stored.id, page)) }
            sourceDigests[stored.id] = stored.notice.parsed.clean.sha256
            if let existing = already[stored.notice.parsed.clean.sha256], existing > 0 {
                skipped += 1
                continue
            }
            // A batch keeps one ingestion time: a new time starts a new batch.
            if let first = pending.first, first.stored.ingestedAt != stored.ingestedAt || pending.count >= batch {
                try flush()
            }
            let original = try source.original(id: stored.id) ?? []
            pending.append(
                (stored, Arrival.prepare(stored.notice, original: original, collection: stored.collection)))
        }
        try flush()
        progress.update(total, "copied \(copied), already there \(skipped)")
        // Attachments to their pages, by the destination's ids (looked up by sha256 for
        // documents an earlier run copied: the destination is read for them only then).
        if !links.isEmpty {
            let needsLookup = links.contains { newID[$0.attachment] == nil || newID[$0.page] == nil }
            let byDigest = needsLookup ? try Self.ids(destination) : [:]
            for link in links {
                guard
                    let a = newID[link.attachment] ?? sourceDigests[link.attachment].flatMap({ byDigest[$0] }),
                    let p = newID[link.page] ?? sourceDigests[link.page].flatMap({ byDigest[$0] })
                else { continue }
                try destination.attach(a, to: p)
            }
        }
        // The duplicate sightings and the failure log: what the destination lacks of them (so a
        // copy run again adds nothing twice).
        let logs = try source.logs().missing(from: destination.logs())
        try destination.appendLogs(logs)
        try destination.indexPending()
        try verify(source, destination)
        print(
            "copied \(copied), already there \(skipped); \(logs.sightings.count) duplicate sighting(s) and \(logs.failures.count) failure(s) added; verified \(total) document(s) and their originals"
        )
    }

    /// The same sha256 set on both sides, the source's sightings and failures all there, and every original in the destination hashing to its
    /// document's sha256.
    func verify(_ source: any NoticeStoring, _ destination: any NoticeStoring) throws {
        let (a, b) = (try source.storedDigests(), try destination.storedDigests())
        let missing = Set(a.keys).subtracting(b.keys)
        guard missing.isEmpty else {
            throw CommandError(
                "noticed copy: \(missing.count) document(s) of the source are missing from the destination (run it again)"
            )
        }
        let left = try source.logs().missing(from: destination.logs())
        guard left.sightings.isEmpty && left.failures.isEmpty else {
            throw CommandError(
                "noticed copy: \(left.sightings.count) duplicate sighting(s) and \(left.failures.count) failure(s) of the source are missing from the destination"
            )
        }
        let progress = Progress(total: b.count, label: "verify")
        var checked = 0
        var bad: [String] = []
        let digests = try Self.digestsByID(destination)
        for (id, sha) in digests.sorted(by: { $0.key < $1.key }) {
            if a[sha] != nil, SHA256Digest.hex(of: try destination.original(id: id) ?? []) != sha {
                bad.append("#\(id)")
            }
            checked += 1
            progress.update(checked, bad.isEmpty ? "ok" : "\(bad.count) damaged")
        }
        guard bad.isEmpty else {
            throw CommandError(
                "noticed copy: \(bad.count) original(s) in the destination do not match their sha256: "
                    + bad.prefix(10).joined(separator: ", "))
        }
    }

    static func ids(_ store: any NoticeStoring) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        try store.eachNotice(since: nil) { ids[$0.notice.parsed.clean.sha256] = $0.id }
        return ids
    }

    static func digestsByID(_ store: any NoticeStoring) throws -> [Int64: String] {
        var digests: [Int64: String] = [:]
        try store.eachNotice(since: nil) { digests[$0.id] = $0.notice.parsed.clean.sha256 }
        return digests
    }
}
