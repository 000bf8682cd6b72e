import Foundation
import Testing

/// `noticed inspect` as a user runs it: the real binary on real files.
@Suite("noticed inspect")
struct InspectCommandTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("one JSON object per file, in order; bad files give error objects and a non-zero exit")
    func mixed() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ bytes: [UInt8]) -> String {
            let path = dir.appendingPathComponent(name).path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            return path
        }
        let empty = write("empty.txt", [])
        let binary = write("binary.bin", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        let english = write("english.txt", Array("No Chinese here at all.\n".utf8))
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let missing = dir.appendingPathComponent("missing.txt").path
        let files = [
            NoticedBinary.seed("001_ce310034c3aa5c36.txt"), empty, binary, english, fifo, missing, dir.path,
            NoticedBinary.seed("004_9fed40f8df3956d6.txt"),
        ]
        let result = try NoticedBinary.run(["inspect"] + files)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == files.count)
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == files.count)
        #expect(objects.map { $0["file"] as? String } == files)
        let errors = objects.map { $0["error"] as? String }
        #expect(
            errors == [nil, "empty", "binary", "no-hanzi", "not-regular-file", "unreadable", "not-regular-file", nil])
        for object in objects where object["error"] != nil {
            #expect((object["message"] as? String)?.isEmpty == false)
        }
        #expect(objects.first?["agency"] as? String == "陕西省民政厅")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack"))
    }

    @Test("the seeds inspect cleanly with exit status 0 and the DESIGN §5 field order")
    func seeds() throws {
        let names = ["000_30bca5a9dc432463.txt", "002_a4ac1d53f3f64376.txt"]
        let result = try NoticedBinary.run(["inspect"] + names.map(NoticedBinary.seed))
        #expect(result.status == 0)
        let first = try #require(result.stdout.split(separator: "\n").first)
        let keys = [
            "\"file\"", "\"sha256\"", "\"bytes\"", "\"encoding\"", "\"script\"", "\"title\"", "\"title_source\"",
            "\"published\"", "\"event_date\"", "\"agency\"", "\"region\"", "\"level\"", "\"kind\"", "\"doc_number\"",
            "\"people\"", "\"directives\"", "\"tags\"", "\"quality\"", "\"text\"", "\"text_simplified\"",
        ]
        // Keys, not values: `"format":"text"` holds `"text"` too.
        let positions = keys.compactMap { first.range(of: $0 + ":")?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
    }

    @Test("usage errors are one line, not a trace")
    func usage() throws {
        let result = try NoticedBinary.run(["inspect"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Error:"))
        #expect(!result.stderr.contains("Fatal"))
    }
}
