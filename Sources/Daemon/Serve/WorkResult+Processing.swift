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
        do {
            let notice = try pipeline.process(raw)
            return .arrival(
                job, Arrival.prepare(notice, original: bytes, collection: layout.collection(of: job.relative)))
        } catch {
            return .failure(job, error, sha256: raw.sha256)
        }
    }
}
