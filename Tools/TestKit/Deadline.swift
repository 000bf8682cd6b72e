import Foundation

/// Waiting for a condition with a deadline, never for a fixed time.
public enum Deadline {
    public static func wait(
        _ what: String, timeout: Double, poll: UInt32 = 20_000, _ condition: () throws -> Bool
    ) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(poll)
        }
        throw TestKitError("timed out after \(Int(timeout)) s waiting for \(what)")
    }
}

/// A harness failure: one line, said to the person running it.
public struct TestKitError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
