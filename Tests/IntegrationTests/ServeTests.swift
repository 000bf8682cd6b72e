import Daemon
import Foundation
import Pipeline
import Store
import Testing

/// The real `noticed serve` on a temporary spool and a real SQLite store.
@Suite("noticed serve", .serialized)
struct ServeTests {
    static let seedNames = [
        "000_30bca5a9dc432463.txt", "001_ce310034c3aa5c36.txt", "002_a4ac1d53f3f64376.txt",
        "003_2c81bb7cdb7e72f2.txt", "004_9fed40f8df3956d6.txt",
    ]

    static func seedBytes(_ i: Int) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: NoticedBinary.seed(seedNames[i])))
    }

    /// A distinct, valid notice: a seed with a numbered line added.
    static func variant(_ n: Int) throws -> Data {
        try seedBytes(n % 5) + Data("\n附件编号：\(n)\n".utf8)
    }

    @Test("cp, mv from outside, a new subfolder; hidden and .part files wait until renamed")
    func dropping() throws {
        let d = try RunningDaemon()
        // cp: written in place, taken at IN_CLOSE_WRITE.
        try Self.seedBytes(0).write(to: d.incoming.appendingPathComponent("a.txt"))
        // mv from outside the spool: IN_MOVED_TO.
        let outside = d.dir.appendingPathComponent("b.txt")
        try Self.seedBytes(1).write(to: outside)
        try FileManager.default.moveItem(at: outside, to: d.incoming.appendingPathComponent("b.txt"))
        // A new subfolder (its name is the collection) with a file in it.
        let sub = d.incoming.appendingPathComponent("gansu")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Self.seedBytes(2).write(to: sub.appendingPathComponent("c.txt"))
        // Ignored until renamed.
        try Self.seedBytes(3).write(to: d.incoming.appendingPathComponent("d.txt.part"))
        try Self.seedBytes(4).write(to: d.incoming.appendingPathComponent(".e.txt"))
        try d.waitFor("three documents") { try d.documents() == 3 }
        #expect(FileManager.default.fileExists(atPath: d.incoming.appendingPathComponent("d.txt.part").path))
        #expect(FileManager.default.fileExists(atPath: d.incoming.appendingPathComponent(".e.txt").path))
        try FileManager.default.moveItem(
            at: d.incoming.appendingPathComponent("d.txt.part"), to: d.incoming.appendingPathComponent("d.txt"))
        try FileManager.default.moveItem(
            at: d.incoming.appendingPathComponent(".e.txt"), to: d.incoming.appendingPathComponent("e.txt"))
        try d.waitFor("five documents") { try d.documents() == 5 }
        try d.waitFor("incoming emptied") { d.files(d.incoming).isEmpty }
        let day = String(Date().formatted(Date.ISO8601FormatStyle()).prefix(10))
        #expect(
            d.files(d.done) == ["\(day)/a.txt", "\(day)/b.txt", "\(day)/d.txt", "\(day)/e.txt", "\(day)/gansu/c.txt"])
        let store = try NoticeStore(path: d.db, readOnly: true)
        var collections: [String: String?] = [:]
        try store.eachNotice { collections[$0.notice.clean.file] = $0.collection }
        #expect(collections["incoming/gansu/c.txt"] == .some("gansu"))
        #expect(collections["incoming/a.txt"] == .some(nil))
        #expect(d.stop() == 0)
    }

    @Test("a file written slowly in chunks is not taken before it is closed")
    func slowWriter() throws {
        let d = try RunningDaemon()
        let full = try Self.seedBytes(1)
        let path = d.incoming.appendingPathComponent("slow.txt").path
        // One open for the whole write (createFile would close an empty file first: a real close).
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(fd >= 0)
        let writer = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        writer.write(full.prefix(full.count / 2))
        // A marker dropped after the first chunk: once it is stored, the daemon has seen
        // the slow file's events too, and must not have taken it.
        try Self.seedBytes(0).write(to: d.incoming.appendingPathComponent("marker.txt"))
        try d.waitFor("the marker") { try d.documents() == 1 }
        #expect(FileManager.default.fileExists(atPath: path))
        writer.write(full.suffix(from: full.count / 2))
        try writer.close()
        try d.waitFor("the slow file") { try d.documents() == 2 }
        let stored = try NoticeStore(path: d.db, readOnly: true).notice(reference: "2")
        #expect(stored?.notice.clean.sha256 == SHA256Digest.hex(of: [UInt8](full)))
        #expect(d.stop() == 0)
    }

    @Test("2,000 files dropped at once: all stored, none twice")
    func burst() throws {
        let d = try RunningDaemon()
        let staging = d.dir.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        for n in 0..<2000 { try Self.variant(n).write(to: staging.appendingPathComponent("n\(n).txt")) }
        for n in 0..<2000 {
            try FileManager.default.moveItem(
                at: staging.appendingPathComponent("n\(n).txt"), to: d.incoming.appendingPathComponent("n\(n).txt"))
        }
        try d.waitFor("2,000 documents", timeout: 300) { d.count("ingested") == 2000 }
        #expect(try d.documents() == 2000)
        #expect(d.count("duplicate") == 0)
        #expect(d.count("failed") == 0)
        try d.waitFor("incoming emptied") { d.files(d.incoming).isEmpty }
        #expect(d.files(d.done).count == 2000)
        #expect(d.stop() == 0)
    }

    @Test("binary, empty, symlink and FIFO inputs go to failed/ with a sidecar; the daemon goes on")
    func quarantine() throws {
        let d = try RunningDaemon()
        var random = SystemRandomNumberGenerator()
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }).write(
            to: d.incoming.appendingPathComponent("random.bin"))
        _ = FileManager.default.createFile(atPath: d.incoming.appendingPathComponent("empty.txt").path, contents: nil)
        try FileManager.default.createSymbolicLink(
            atPath: d.incoming.appendingPathComponent("link.txt").path, withDestinationPath: "/etc/passwd")
        #expect(mkfifo(d.incoming.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        try d.waitFor("four failures") { d.count("failed") == 4 }
        for name in ["random.bin", "empty.txt", "link.txt", "pipe.txt"] {
            let sidecar = d.failed.appendingPathComponent(name + ".error.json")
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: sidecar)) as? [String: Any]
            #expect(object?["file"] as? String == "incoming/\(name)")
            #expect(object?["stage"] != nil && object?["error"] != nil && object?["message"] != nil)
            #expect(object?["at"] != nil && object?.keys.contains("sha256") == true)
        }
        // The link was moved, never followed: it is still a link.
        let moved = try FileManager.default.attributesOfItem(atPath: d.failed.appendingPathComponent("link.txt").path)
        #expect(moved[.type] as? FileAttributeType == .typeSymbolicLink)
        try Self.seedBytes(0).write(to: d.incoming.appendingPathComponent("fine.txt"))
        try d.waitFor("a good file after the bad ones") { try d.documents() == 1 }
        #expect(d.stop() == 0)
    }

    @Test("files left in incoming/ are taken at start; one deleted before it settles is forgotten")
    func restart() throws {
        let d = try RunningDaemon(extra: ["--settle-delay", "1.5"]) { incoming in
            for n in 0..<5 { try ServeTests.variant(n).write(to: incoming.appendingPathComponent("left\(n).txt")) }
        }
        try FileManager.default.removeItem(at: d.incoming.appendingPathComponent("left4.txt"))
        try d.waitFor("four documents from the start-up scan") { try d.documents() == 4 }
        #expect(d.files(d.failed).isEmpty)
        #expect(d.stop() == 0)
        // Left behind while stopped, taken at the next start.
        try Self.variant(7).write(to: d.incoming.appendingPathComponent("later.txt"))
        try d.start()
        try d.waitFor("the file dropped while stopped") { try d.documents() == 5 }
        #expect(d.stop() == 0)
    }

    @Test("SIGTERM drains the files in flight and exits 0; nothing is lost")
    func drain() throws {
        let d = try RunningDaemon()
        let staging = d.dir.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        for n in 0..<300 { try Self.variant(n).write(to: staging.appendingPathComponent("n\(n).txt")) }
        for n in 0..<300 {
            try FileManager.default.moveItem(
                at: staging.appendingPathComponent("n\(n).txt"), to: d.incoming.appendingPathComponent("n\(n).txt"))
        }
        try d.waitFor("the first documents") { d.count("ingested") > 0 }
        #expect(d.stop() == 0)
        #expect(d.log.contains("NOTICE_EVENT=stopping"))
        #expect(d.log.contains("NOTICE_EVENT=summary"))
        // Every input is either stored (and archived) or still in incoming/.
        let stored = try d.documents()
        #expect(stored + d.files(d.incoming).count == 300)
        #expect(d.files(d.done).count == stored)
        try d.start()
        try d.waitFor("the rest after a restart") { try d.documents() == 300 }
        #expect(d.stop() == 0)
    }

    @Test("a backlog larger than the queue is taken in slices: at most max_in_flight × 9 paths held, all stored once")
    func boundedBacklog() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-bounded-\(UUID()).toml")
        try Data("max_in_flight = 4\n".utf8).write(to: config)
        defer { try? FileManager.default.removeItem(at: config) }
        // 200 files before the start (the start-up scan), in incoming/ and a subfolder.
        let d = try RunningDaemon(extra: ["--config", config.path]) { incoming in
            let sub = incoming.appendingPathComponent("sub")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            for n in 0..<200 {
                try Self.variant(n).write(to: (n % 2 == 0 ? incoming : sub).appendingPathComponent("s\(n).txt"))
            }
        }
        // 200 more while the queue is full: their events are refused and the files found by a rescan.
        let staging = d.dir.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        for n in 200..<400 { try Self.variant(n).write(to: staging.appendingPathComponent("m\(n).txt")) }
        for n in 200..<400 {
            try FileManager.default.moveItem(
                at: staging.appendingPathComponent("m\(n).txt"), to: d.incoming.appendingPathComponent("m\(n).txt"))
        }
        var maxQueued = 0
        try d.waitFor("400 documents", timeout: 120) {
            if let queued = StateFile(database: d.db).read()?.queued { maxQueued = max(maxQueued, queued) }
            return try d.documents() == 400
        }
        #expect(maxQueued > 0)
        #expect(maxQueued <= 4 + 8 * 4)
        #expect(d.count("duplicate") == 0)
        #expect(d.files(d.incoming).isEmpty)
        #expect(d.files(d.done).count == 400)
        #expect(d.stop() == 0)
    }
}

/// Store faults: the input must stay in incoming/ and be retried, never quarantined.
@Suite("noticed serve: store faults", .serialized)
struct StoreFaultTests {
    @Test(
        "the database locked by another process: files wait in incoming/, are retried, then stored; one retry entry",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func locked() throws {
        let d = try RunningDaemon()
        try ServeTests.variant(0).write(to: d.incoming.appendingPathComponent("first.txt"))
        try d.waitFor("the first document") { try d.documents() == 1 }
        // Another process holds an exclusive lock until its stdin closes.
        let locker = Process()
        locker.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        locker.arguments = [
            "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); sys.stdin.read()",
            d.db,
        ]
        let input = Pipe()
        let output = Pipe()
        locker.standardInput = input
        locker.standardOutput = output
        try locker.run()
        let said = output.fileHandleForReading.availableData
        #expect(String(decoding: said, as: UTF8.self).contains("locked"))
        for i in 1...3 { try ServeTests.variant(i).write(to: d.incoming.appendingPathComponent("later\(i).txt")) }
        try d.waitFor("a retry entry", timeout: 60) { d.count("retry") >= 1 }
        // The files go back more than once while the lock holds (the state file counts them).
        try d.waitFor("two rounds of retries", timeout: 60) {
            (StateFile(database: d.db).read()?.retries ?? 0) >= 6
        }
        #expect(FileManager.default.fileExists(atPath: d.incoming.appendingPathComponent("later1.txt").path))
        #expect(d.files(d.failed).isEmpty)
        try input.fileHandleForWriting.close()
        locker.waitUntilExit()
        try d.waitFor("the three documents after the lock is gone", timeout: 90) { try d.documents() == 4 }
        try d.waitFor("the outage's end") { d.log.contains("store available again after") }
        // One entry for the outage, however many files and attempts it held back.
        #expect(d.count("retry") == 1, "\(d.log)")
        #expect(d.count("failed") == 0)
        #expect(d.stop() == 0)
    }
}
