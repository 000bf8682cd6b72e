public import Foundation

/// A real `noticed web` on a port the kernel chose (`--listen 127.0.0.1:0`, the port read from
/// the line it prints), its output in `directory/web.out`; stopped with SIGTERM. For the
/// browser tests and the benchmark.
public final class WebProcess {
    let process = Process()
    public let output: URL
    public private(set) var port = 0

    /// Starts `binary web --db database` with `arguments` added, and waits until it listens.
    public init(binary: URL, database: String, directory: URL, arguments: [String] = [], timeout: Double = 60) throws {
        output = directory.appendingPathComponent("web.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = binary
        process.arguments = ["web", "--db", database, "--listen", "127.0.0.1:0"] + arguments
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try Deadline.wait("noticed web to listen", timeout: timeout) {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            guard let line = text.split(separator: "\n").first(where: { $0.contains("serving") }),
                let colon = line.lastIndex(of: ":"), let port = Int(line[line.index(after: colon)...].dropLast())
            else {
                if !process.isRunning { throw TestKitError("noticed web exited: \(text)") }
                return false
            }
            self.port = port
            return true
        }
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// SIGTERM, then the exit status.
    @discardableResult
    public func stop() -> Int32 { process.terminateAndWait() }
}

extension Process {
    /// SIGTERM if it still runs, then its exit status.
    func terminateAndWait() -> Int32 {
        guard isRunning else { return terminationStatus }
        terminate()
        waitUntilExit()
        return terminationStatus
    }
}
