public import Foundation
import Pipeline

/// Files under a folder, recursively, and their contents' sha256 (how the harnesses tell
/// what was dropped from what was stored).
public enum SpoolFiles {
    /// Regular files under `url`, relative paths, sorted.
    public static func list(_ url: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: url.path) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if (walker.fileAttributes?[.type] as? FileAttributeType) != .typeDirectory { found.append(relative) }
        }
        return found.sorted()
    }

    public static func isEmpty(_ url: URL) -> Bool {
        guard let walker = FileManager.default.enumerator(atPath: url.path) else { return true }
        while walker.nextObject() != nil {
            if (walker.fileAttributes?[.type] as? FileAttributeType) != .typeDirectory { return false }
        }
        return true
    }

    public static func sha256(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256Digest.hex(of: [UInt8](data))
    }

    /// Writes each file (name → bytes) under `dir`.
    public static func write(_ files: [(name: String, bytes: [UInt8])], to dir: URL) throws {
        for file in files {
            let url = dir.appendingPathComponent(file.name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: url.path, contents: Data(file.bytes)) else {
                throw TestKitError("cannot write \(url.path)")
            }
        }
    }
}
