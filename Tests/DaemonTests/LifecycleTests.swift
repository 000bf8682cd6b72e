import Foundation
import Testing

@testable import Daemon

@Suite("Lifecycle and the state file")
struct LifecycleTests {
    @Test("the allowed path runs start to stop, carrying the stop's deadline")
    func allowedPath() throws {
        var life = Lifecycle()
        try life.move(to: .running)
        try life.move(to: .reloading)
        try life.move(to: .running)
        let deadline = ContinuousClock.now + .seconds(45)
        try life.move(to: .stopping(signal: SIGTERM, deadline: deadline))
        #expect(life.state == .stopping(signal: SIGTERM, deadline: deadline))
        try life.move(to: .stopped)
        #expect(life.phase == .stopped)
    }

    @Test("a bad move is refused and leaves the state as it was")
    func badMoves() throws {
        var life = Lifecycle()
        #expect(throws: Lifecycle.Refusal(from: .starting, to: .reloading)) { try life.move(to: .reloading) }
        #expect(life.phase == .starting)
        try life.move(to: .failed(reason: "spool gone"))
        #expect(throws: Lifecycle.Refusal.self) { try life.move(to: .running) }
        #expect(life.state == .failed(reason: "spool gone"))
        #expect(!Lifecycle.allows(.stopped, .running) && !Lifecycle.allows(.running, .stopped))
    }

    @Test("the state file round-trips through its one type; a missing file reads as nil")
    func stateFile() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-state-\(UUID().uuidString)")
            .path
        let file = StateFile(database: db)
        #expect(file.read() == nil)
        var counters = Counters()
        counters.ingested = 7
        counters.unwatched = 2
        let snapshot = StateFile.Snapshot(phase: .running, counters: counters, started: "2026-12-02T00:00:00Z")
        file.write(snapshot)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        #expect(file.read() == snapshot)
        #expect(file.path == db + ".state.json")
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(text.contains("\"unwatched_folders\":2") && text.contains("\"state\":\"running\""))
    }
}
