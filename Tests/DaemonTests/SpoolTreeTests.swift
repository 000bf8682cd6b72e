import Foundation
import Store
import Testing

@testable import Daemon

/// What the spool tree cleans up and how it names drops.
@Suite("spool tree")
struct SpoolTreeTests {
    @Test("half-written sidecars a killed daemon left in failed/ are swept at start; nothing else is")
    func sweep() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-tree-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        _ = try SpoolTree(root: root.path)  // makes incoming/, done/, failed/
        let failed = root.appendingPathComponent("failed")
        try FileManager.default.createDirectory(
            at: failed.appendingPathComponent("gansu"), withIntermediateDirectories: true)
        let leftovers = [".noticed-sidecar-12-34.tmp", "gansu/.noticed-sidecar-56-78.tmp"]
        let kept = ["a.txt", "a.txt.error.json", "gansu/.hidden.tmp", "gansu/b.txt"]
        for name in leftovers + kept { try Data("x".utf8).write(to: failed.appendingPathComponent(name)) }
        let tree = try SpoolTree(root: root.path)
        #expect(tree.sweepSidecarTemporaries() == 2)
        for name in leftovers {
            #expect(!FileManager.default.fileExists(atPath: failed.appendingPathComponent(name).path))
        }
        for name in kept { #expect(FileManager.default.fileExists(atPath: failed.appendingPathComponent(name).path)) }
    }

    @Test("a drop is the file's folder less attachment folders; loose files are in none")
    func drops() {
        let layout = SpoolLayout(root: "/s", ignoreGlobs: [])
        #expect(layout.drop(of: "a.docx") == nil)
        #expect(layout.drop(of: "col/page.html")?.key == "col")
        #expect(layout.drop(of: "col/n1/attachments/file/x.docx")?.key == "col/n1")
        #expect(layout.drop(of: "col/n1/通知_files/x.pdf")?.key == "col/n1")
        #expect(layout.drop(of: "col/附件/x.pdf")?.key == "col")
        #expect(layout.drop(of: "col/附件/x.pdf")?.name == "x.pdf")
        // Loose at the top of incoming/, with or without an attachment folder: no drop.
        #expect(layout.drop(of: "附件/x.pdf") == nil)
    }
}
