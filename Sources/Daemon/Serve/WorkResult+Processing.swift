import Foundation
import Pipeline
import Store

extension WorkResult {
    /// What a worker makes of one job, the CPU part of an input: claim (regular files
    /// only, never through a symlink in the file's name or on its path, never blocking on
    /// a FIFO, only once complete), then clean, parse and tag. Pure but for the read.
    static func processing(_ job: Job, layout: SpoolLayout, tree: SpoolTree, pipeline: NoticePipeline) -> WorkResult {
        let file = layout.display(job.relative)
        let info: stat?
        do {
            info = try tree.status(job.relative)
        } catch {
            return .failure(job, SpoolTree.claimError(error, file: file), sha256: nil)
        }
        guard let info else { return .vanished(job) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            let error = PipelineError(
                file: file, stage: .claim, code: .notRegularFile,
                message: "is \(FileBytes.kind(info.st_mode)), not a regular file; it was not opened")
            return .failure(job, error, sha256: nil)
        }
        let bytes: [UInt8]
        do {
            switch try tree.read(job.relative, limit: pipeline.cleaner.decoder.maxBytes, file: file) {
            case .bytes(let read): bytes = read
            case .vanished: return .vanished(job)
            case .busy(let why): return .busy(job, why)
            }
        } catch {
            return .failure(job, error, sha256: nil)
        }
        let raw = RawNotice(file: file, bytes: bytes)
        let drop = layout.drop(of: job.relative)
        let collection = layout.collection(of: job.relative)
        do {
            let notice = try pipeline.process(raw)
            return .arrival(job, Arrival.prepare(notice, original: bytes, collection: collection, drop: drop))
        } catch {
            // An attachment with no readable text is kept when it came with its page.
            if let drop, TextlessAttachment.applies(to: error) {
                let notice = TextlessAttachment.notice(raw, reason: error)
                return .textless(
                    job, Arrival.prepare(notice, original: bytes, collection: collection, drop: drop), error,
                    pageSeen: Self.dropHoldsPage(drop, tree: tree))
            }
            return .failure(job, error, sha256: raw.sha256)
        }
    }

    /// Whether the drop's folder in `incoming/` holds a page (a file named like one). A page
    /// already stored and moved to `done/` is not seen here; the committer finds it in the store.
    static func dropHoldsPage(_ drop: Drop, tree: SpoolTree) -> Bool {
        var found = false
        try? tree.each(drop.key.split(separator: "/").map(String.init)) { entry in
            if entry.kind == .regular, SpoolLayout.isPageName(String(decoding: entry.name, as: UTF8.self)) {
                found = true
            }
        }
        return found
    }
}
