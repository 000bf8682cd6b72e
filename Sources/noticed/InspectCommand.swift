import ArgumentParser
import Daemon
import Dispatch
import Pipeline

/// `noticed inspect FILE…`: the pipeline without persistence, one JSON object per file.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the cleaned, parsed and tagged form of files as JSON lines (nothing is stored)."
    )

    @Argument(help: "Files to inspect.")
    var files: [String]

    @Option(name: .long, help: "Largest file accepted, in bytes.")
    var maxBytes: Int = 16 << 20

    func run() throws {
        let pipeline = NoticePipeline(cleaner: Cleaner(maxBytes: maxBytes))
        let results = ResultSlots<(String, Bool)>(count: files.count)
        let files = self.files
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            results.set(i, Self.inspect(files[i], pipeline: pipeline))
        }
        var failed = 0
        for (line, ok) in results.values {
            print(line)
            if !ok { failed += 1 }
        }
        if failed > 0 { throw ExitCode(1) }
    }

    static func inspect(_ path: String, pipeline: NoticePipeline) -> (String, Bool) {
        let raw: RawNotice
        do {
            raw = RawNotice(file: path, bytes: try FileBytes.read(path, limit: pipeline.cleaner.decoder.maxBytes))
        } catch {
            return (NoticeRecord.error(error).serialized(), false)
        }
        do {
            return (NoticeRecord.json(try pipeline.process(raw)).serialized(), true)
        } catch {
            return (NoticeRecord.error(error, sha256: raw.sha256, bytes: raw.bytes.count).serialized(), false)
        }
    }
}
