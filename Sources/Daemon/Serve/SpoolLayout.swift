import Foundation
import Pipeline

#if canImport(Glibc)
    import Glibc
#endif

/// The spool's states as folders (Postfix's queue discipline): `incoming/` holds what
/// is waiting, `done/YYYY-MM-DD/` what is stored, `failed/` what can never be stored,
/// each beside a `NAME.error.json` sidecar. A state change is one `rename`, made by
/// `SpoolTree` relative to folder descriptors; this type only names things.
///
/// Paths inside the spool are relative to `incoming/` ("a/b.txt"); the first
/// folder names the document's collection.
package struct SpoolLayout: Sendable {
    package let root: String
    package var incoming: String { root + "/incoming" }
    package var done: String { root + "/done" }
    package var failed: String { root + "/failed" }
    let ignoreGlobs: [String]

    package init(root: String, ignoreGlobs: [String]) {
        var root = root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.root = root
        self.ignoreGlobs = ignoreGlobs
    }

    func path(_ relative: String) -> String { incoming + "/" + relative }

    /// How many files `folder` holds (its subfolders included), not counting `.error.json`
    /// sidecars or hidden files: what `noticed status` and the status page report as waiting
    /// in `incoming/` or refused in `failed/`.
    package static func fileCount(_ folder: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var n = 0
        while let relative = walker.nextObject() as? String {
            if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { continue }
            let name = (relative as NSString).lastPathComponent
            if name.hasSuffix(".error.json") || name.hasPrefix(".") { continue }
            n += 1
        }
        return n
    }

    /// The name the store and the journal give an input: `incoming/a/b.txt`.
    func display(_ relative: String) -> String { "incoming/" + relative }

    func collection(of relative: String) -> String? {
        guard let slash = relative.firstIndex(of: "/") else { return nil }
        return String(relative[..<slash])
    }

    /// Hidden, partial and editor files (and configured globs) wait until renamed.
    func isIgnored(name: String) -> Bool {
        Self.isHiddenOrPartial(name) || ignoreGlobs.contains { fnmatch($0, name, 0) == 0 }
    }

    /// The built-in ignore rule (DESIGN §3), shared with `noticed ingest`.
    package static func isHiddenOrPartial(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix(".part") || name.hasSuffix(".tmp") || name.hasSuffix("~")
            || name.hasSuffix(".swp")
    }

    /// The `failed/NAME.error.json` sidecar: `{file, sha256, stage, error, message, at}`.
    static func sidecar(file: String, sha256: String?, error: PipelineError, at: String) -> [UInt8] {
        let value = JSONValue.object([
            ("file", .string(file)), ("sha256", .optional(sha256)), ("stage", .string(error.stage.rawValue)),
            ("error", .string(error.code.rawValue)), ("message", .string(error.message)), ("at", .string(at)),
        ])
        return Array((value.serialized() + "\n").utf8)
    }
}
