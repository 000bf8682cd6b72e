import Foundation
import Testing

/// The layering rule, read from the sources: Pipeline ← Store ← Daemon ← noticed, and the
/// stages pure. The package's target dependencies already make most breaches a compile
/// error; this also catches an import of a system module (Glibc, Dispatch, Foundation),
/// which needs no declared dependency.
@Suite("Layering")
struct LayeringTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every module imported by the Swift files under `folder`, with the file importing it.
    static func imports(under folder: String) -> [(module: String, file: String)] {
        let root = sources.appendingPathComponent(folder)
        let files = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).filter {
            $0.hasSuffix(".swift")
        }
        var found: [(String, String)] = []
        for file in files {
            let text = (try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init).filter { !$0.hasPrefix("@") }
                guard let at = words.firstIndex(of: "import"), at + 1 < words.count,
                    words[..<at].allSatisfy({
                        ["public", "package", "internal", "private", "fileprivate"].contains($0)
                    })
                else { continue }
                found.append((words[at + 1], file))
            }
        }
        return found
    }

    static func text(under folder: String) -> [(file: String, text: String)] {
        let root = sources.appendingPathComponent(folder)
        let files = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).filter {
            $0.hasSuffix(".swift") && !$0.contains("Generated/")
        }
        return files.map { ($0, (try? String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)) ?? "") }
    }

    @Test("the model and the stages import only their shims: no GRDB, Glibc, Dispatch or Foundation")
    func pureStages() {
        let model = Self.imports(under: "Pipeline/Model")
        #expect(!model.isEmpty)
        for (module, file) in model { #expect(["CCrypto"].contains(module), "Model/\(file) imports \(module)") }
        let stages = Self.imports(under: "Pipeline/Stages")
        #expect(!stages.isEmpty)
        for (module, file) in stages {
            #expect(
                ["NoticeModel", "CICU", "CRE2", "CHTML", "CDocx", "CPDF", "TOMLKit"].contains(module),
                "Stages/\(file) imports \(module)"
            )
        }
        for (file, text) in Self.text(under: "Pipeline/Stages") + Self.text(under: "Pipeline/Model") {
            for word in ["FileManager", "Date()", "ContinuousClock", "DispatchQueue", "fopen(", "clock_gettime"] {
                #expect(!text.contains(word), "\(file) uses \(word)")
            }
        }
    }

    @Test("no module imports one above it: Pipeline ← Store ← Daemon ← noticed")
    func noUpwardImports() {
        let above: [(folder: String, forbidden: Set<String>)] = [
            ("Pipeline/Model", ["Pipeline", "Store", "Daemon", "noticed"]),
            ("Pipeline/Stages", ["Store", "Daemon", "noticed", "GRDB"]),
            ("Pipeline/Persistence", ["Pipeline", "Daemon", "noticed", "ArgumentParser"]),
            ("Daemon", ["noticed", "ArgumentParser"]),
        ]
        for (folder, forbidden) in above {
            let found = Self.imports(under: folder)
            #expect(!found.isEmpty, "\(folder) has no sources")
            for (module, file) in found { #expect(!forbidden.contains(module), "\(folder)/\(file) imports \(module)") }
        }
    }
}
