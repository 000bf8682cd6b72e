public import Foundation

/// A new, empty folder under the system's temporary directory, named `noticed-LABEL-UUID`;
/// the caller removes it.
public func temporaryFolder(_ label: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
