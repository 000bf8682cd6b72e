import ArgumentParser
import Daemon
import Dispatch
import Foundation
import Pipeline
import Store
import Synchronization

/// `noticed ingest PATH…`: the daemon's pipeline and dedup over files and folders, in bulk.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Clean, tag and store files and folders (recursively).")

    @Argument(help: "Files and folders; a folder's first-level subfolder names the collection.")
    var paths: [String]

    @Option(help: "Documents per transaction (one durable commit each).")
    var batch = 1024

    @OptionGroup var store: StoreOptions
    @OptionGroup var pipelineOptions: PipelineOptions

    func run() throws {
        let pipeline = try pipelineOptions.pipeline()
        let store = try self.store.open()
        let inputs = try InputFiles.collect(paths)
        // The writer commits chunk N while the workers clean chunk N+1; at most two chunks
        // wait for the writer, so memory stays bounded however many files there are.
        let writer = DispatchQueue(label: "noticed.ingest.writer")
        let waiting = DispatchSemaphore(value: 2)
        let state = IngestState(progress: Progress(total: inputs.count, label: "ingest"))
        // The search index follows the commits on a queue of its own and catches up at the end.
        let indexer = BackgroundIndexer(delay: .milliseconds(100))
        for start in stride(from: 0, to: inputs.count, by: max(1, batch)) {
            if state.error != nil { break }
            let chunk = Array(inputs[start..<min(start + batch, inputs.count)])
            let results = ResultSlots<Result<Arrival, PipelineError>>(count: chunk.count)
            DispatchQueue.concurrentPerform(iterations: chunk.count) { i in
                results.set(i, Self.process(chunk[i], pipeline: pipeline))
            }
            waiting.wait()
            let done = start + chunk.count
            writer.async {
                defer { waiting.signal() }
                state.commit(results.values, store: store, done: done)
                indexer.kick(store)
            }
        }
        writer.sync {}
        if let error = state.error { throw error }
        indexer.stop()
        try store.indexPending()
        let summary = state.summary
        print(summary.report)
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }

    static func process(_ input: InputFiles.Input, pipeline: NoticePipeline) -> Result<Arrival, PipelineError> {
        do {
            let bytes = try FileBytes.read(input.path, limit: pipeline.cleaner.decoder.maxBytes)
            let notice = try pipeline.process(RawNotice(file: input.path, bytes: bytes))
            return .success(Arrival.prepare(notice, original: bytes, collection: input.collection))
        } catch {
            return .failure(error)
        }
    }
}

/// What the writer has done so far; touched only on the writer queue, read after it drains.
final class IngestState: @unchecked Sendable {
    private(set) var summary = IngestSummary()
    private let failure = Mutex<StoreError?>(nil)
    private let progress: Progress

    /// The store error that stopped the writer, if any (read from any thread).
    var error: StoreError? { failure.withLock { $0 } }

    init(progress: Progress) { self.progress = progress }

    func commit(_ results: [Result<Arrival, PipelineError>], store: any NoticeStoring, done: Int) {
        guard error == nil else { return }
        var arrivals: [Arrival] = []
        var failures: [(error: PipelineError, sha256: String?)] = []
        for result in results {
            switch result {
            case .success(let arrival): arrivals.append(arrival)
            case .failure(let error): failures.append((error, nil))
            }
        }
        do {
            for outcome in try store.persist(arrivals) {
                if case .stored = outcome { summary.ingested += 1 } else { summary.duplicates += 1 }
            }
            try store.recordFailures(failures)
        } catch {
            failure.withLock { $0 = error }
            return
        }
        summary.failures += failures.map(\.error)
        progress.update(
            done, "ingested \(summary.ingested), duplicates \(summary.duplicates), failed \(summary.failures.count)")
    }
}

struct IngestSummary {
    var ingested = 0
    var duplicates = 0
    var failures: [PipelineError] = []

    var report: String {
        var lines = ["ingested \(ingested), duplicates \(duplicates), failed \(failures.count)"]
        for failure in failures.prefix(20) { lines.append("  failed: \(failure)") }
        if failures.count > 20 {
            lines.append("  … and \(failures.count - 20) more (noticed stats lists recent failures)")
        }
        return lines.joined(separator: "\n")
    }
}

/// The files under the paths given on the command line.
enum InputFiles {
    struct Input: Sendable {
        var path: String
        var collection: String?
    }

    static func collect(_ paths: [String]) throws -> [Input] {
        var inputs: [Input] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandError("\(path): no such file or folder")
            }
            guard isDirectory.boolValue else {
                inputs.append(Input(path: path, collection: nil))
                continue
            }
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw CommandError("\(path): cannot list the folder")
            }
            var found: [Input] = []
            while let relative = walker.nextObject() as? String {
                let parts = relative.split(separator: "/").map(String.init)
                if parts.contains(where: SpoolLayout.isHiddenOrPartial) {
                    if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory {
                        walker.skipDescendants()
                    }
                    continue
                }
                if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { continue }
                found.append(Input(path: path + "/" + relative, collection: parts.count > 1 ? parts[0] : nil))
            }
            inputs += found.sorted { $0.path < $1.path }
        }
        return inputs
    }
}
