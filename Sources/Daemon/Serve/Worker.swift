import Foundation
import Pipeline

/// The CPU part of one input: claim (regular files only, never through a symlink,
/// never blocking on a FIFO), then clean, parse and tag. Pure but for the read.
enum Worker {
    static func run(_ job: Job, layout: SpoolLayout, pipeline: NoticePipeline) -> WorkResult {
        let path = layout.path(job.relative)
        let file = layout.display(job.relative)
        var info = stat()
        guard lstat(path, &info) == 0 else { return .vanished(job) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            let error = PipelineError(
                file: file, stage: .claim, code: .notRegularFile,
                message: "is \(FileBytes.kind(info.st_mode)), not a regular file; it was not opened")
            return .failure(job, error, sha256: nil)
        }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: pipeline.cleaner.decoder.maxBytes, followSymlinks: false)
        } catch {
            if Directory.kind(of: path) == nil { return .vanished(job) }
            var error = error
            error.file = file
            return .failure(job, error, sha256: nil)
        }
        let raw = RawNotice(file: file, bytes: bytes)
        do {
            let notice = try pipeline.process(raw)
            return .arrival(
                job, Arrival(notice: notice, original: bytes, collection: layout.collection(of: job.relative)))
        } catch {
            return .failure(job, error, sha256: raw.sha256)
        }
    }
}
