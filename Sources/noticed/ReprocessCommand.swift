import ArgumentParser
import Daemon
import Dispatch
import Pipeline
import Store

/// `noticed reprocess`: re-run the pipeline from the stored original bytes and update rows in place.
struct ReprocessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprocess",
        abstract: "Re-run the pipeline on stored originals (after new rules or a new version).")

    @Flag(help: "Every document.") var all = false
    @Option(help: "Documents published (or ingested) on or after YYYY-MM-DD.") var since: String?
    @Option(help: "Documents with this tag.") var tag: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var pipelineOptions: PipelineOptions

    func validate() throws {
        let chosen = (all ? 1 : 0) + (since == nil ? 0 : 1) + (tag == nil ? 0 : 1)
        guard chosen == 1 else { throw ValidationError("choose exactly one of --all, --since DATE, --tag TAG") }
    }

    func run() throws {
        let pipeline = try pipelineOptions.pipeline()
        let store = try self.store.open()
        let ids = try store.ids(since: since, tag: tag)
        let progress = Progress(total: ids.count, label: "reprocess")
        var updated = 0
        var failed: [String] = []
        for start in stride(from: 0, to: ids.count, by: 256) {
            let chunk = Array(ids[start..<min(start + 256, ids.count)])
            let results = ResultSlots<Result<TaggedNotice, ReprocessError>>(count: chunk.count)
            DispatchQueue.concurrentPerform(iterations: chunk.count) { i in
                results.set(i, Self.reprocess(chunk[i], store: store, pipeline: pipeline))
            }
            for (id, result) in zip(chunk, results.values) {
                switch result {
                case .success(let notice):
                    try store.replace(id: id, with: notice)
                    updated += 1
                case .failure(let error): failed.append("#\(id): \(error.message)")
                }
            }
            progress.update(start + chunk.count, "updated \(updated), failed \(failed.count)")
        }
        // Texts that changed make the search index start over (see `SearchIndex`).
        let indexed = try store.indexPending()
        print("reprocessed \(updated), failed \(failed.count)" + (indexed > 0 ? ", \(indexed) indexed for search" : ""))
        for line in failed.prefix(20) { print("  failed: \(line)") }
        if !failed.isEmpty { throw ExitCode(1) }
    }

    struct ReprocessError: Error {
        var message: String
    }

    static func reprocess(_ id: Int64, store: any NoticeStoring, pipeline: NoticePipeline) -> Result<
        TaggedNotice, ReprocessError
    > {
        do {
            guard let stored = try store.notice(reference: String(id)), let bytes = try store.original(id: id) else {
                return .failure(ReprocessError(message: "the original bytes are missing or damaged"))
            }
            let raw = RawNotice(file: stored.notice.clean.file, bytes: bytes)
            switch Result(catching: { () throws(PipelineError) -> TaggedNotice in try pipeline.process(raw) }) {
            case .success(let notice): return .success(notice)
            case .failure(let error):
                // Kept as a text-less attachment of its page when stored; it stays one.
                guard stored.attachmentOf != nil, TextlessAttachment.applies(to: error) else { throw error }
                return .success(TextlessAttachment.notice(raw, reason: error))
            }
        } catch let error as PipelineError {
            return .failure(ReprocessError(message: error.description))
        } catch {
            return .failure(ReprocessError(message: "\(error)"))
        }
    }
}
