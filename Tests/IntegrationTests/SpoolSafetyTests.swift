import Foundation
import Pipeline
import Store
import Testing

/// Issue 13: the spool against hostile and clumsy writers, each case against the real
/// `noticed serve`. (Cases that need another user or a lowered system-wide inotify limit,
/// such as an unwritable collection folder or exhausted watches, are in `make faulttest`,
/// which runs the daemon as `nobody` one case at a time.)
@Suite("noticed serve: hostile and clumsy writers", .serialized)
struct SpoolSafetyTests {
    static func notice(_ n: Int) throws -> Data { try ServeTests.variant(n) }

    /// Files stored, by their `incoming/…` name, with their byte counts.
    static func stored(_ d: RunningDaemon) throws -> [String: Int] {
        var found: [String: Int] = [:]
        try NoticeStore(path: d.db, readOnly: true).eachNotice {
            found[$0.notice.clean.file] = $0.notice.clean.byteCount
        }
        return found
    }

    /// Creates `name` (raw bytes, not necessarily UTF-8) in `folder` and returns its descriptor.
    static func create(_ folder: URL, raw name: [UInt8]) throws -> Int32 {
        var path = Array((folder.path + "/").utf8) + name
        path.append(0)
        let fd = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        }
        guard fd >= 0 else { throw Failure("cannot create a file: errno \(errno)") }
        return fd
    }

    static func write(_ fd: Int32, _ data: Data) {
        _ = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test("a folder swapped for a symlink to the store's folder: nothing outside the spool is read, moved or deleted")
    func symlinkSwap() throws {
        let d = try RunningDaemon(extra: ["--workers", "1"])
        // Decoys outside the spool: a live-looking database and a text notice.
        let decoy = d.dir.appendingPathComponent("decoy")
        try FileManager.default.createDirectory(at: decoy, withIntermediateDirectories: true)
        let decoyDB = decoy.appendingPathComponent("n.sqlite")
        try Data("SQLite format 3\0".utf8 + [UInt8](repeating: 7, count: 4000)).write(to: decoyDB)
        let decoyText = decoy.appendingPathComponent("notice.txt")
        try Self.notice(9000).write(to: decoyText)
        let before = [try Data(contentsOf: decoyDB), try Data(contentsOf: decoyText)]
        // A backlog, so the job for sub/… waits behind it while the folder is swapped.
        let backlog = d.dir.appendingPathComponent("backlog")
        try FileManager.default.createDirectory(at: backlog, withIntermediateDirectories: true)
        for i in 0..<600 { try Self.notice(i).write(to: backlog.appendingPathComponent("b\(i).txt")) }
        try FileManager.default.moveItem(at: backlog, to: d.incoming.appendingPathComponent("backlog"))
        try d.waitFor("the backlog under way") { try d.documents() > 0 }
        let sub = d.incoming.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data("SQLite format 3\0".utf8).write(to: sub.appendingPathComponent("n.sqlite"))
        try Self.notice(9001).write(to: sub.appendingPathComponent("notice.txt"))
        try FileManager.default.moveItem(at: sub, to: d.incoming.appendingPathComponent("sub.old"))
        try FileManager.default.createSymbolicLink(at: sub, withDestinationURL: decoy)
        try d.waitFor("incoming/ emptied", timeout: 120) { d.files(d.incoming).isEmpty }
        #expect(try Data(contentsOf: decoyDB) == before[0])
        #expect(try Data(contentsOf: decoyText) == before[1])
        #expect(try FileManager.default.contentsOfDirectory(atPath: decoy.path).sorted() == ["n.sqlite", "notice.txt"])
        let stored = try Self.stored(d)
        #expect(stored.count == 601)  // the backlog and sub.old/notice.txt; never the decoy
        #expect(!stored.keys.contains { $0.hasPrefix("incoming/sub/") })
        // The link itself went to failed/, as a link.
        let failedLink = d.failed.appendingPathComponent("sub").path
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: failedLink)) == decoy.path)
        #expect(try NoticeStore(path: d.db, readOnly: true).count() == 601)
        #expect(d.stop() == 0)
    }

    @Test("a GBK file name written in two parts is renamed only once settled, and stored whole")
    func gbkNameDuringSlowWrite() throws {
        let d = try RunningDaemon()
        let name: [UInt8] = [0xC3, 0xF1, 0xD5, 0xFE] + Array(".txt".utf8)  // 民政.txt in GBK
        let data = try Self.notice(1)
        let fd = try Self.create(d.incoming, raw: name)
        Self.write(fd, data.prefix(80))
        usleep(1_200_000)  // the writer pauses longer than the settle delay
        Self.write(fd, data.dropFirst(80))
        close(fd)
        // A .part writer with a GBK name is left alone until its own rename.
        let partName = name + Array(".part".utf8)
        let part = try Self.create(d.incoming, raw: partName)
        Self.write(part, try Self.notice(2))
        close(part)
        usleep(500_000)
        var from = Array((d.incoming.path + "/").utf8) + partName + [0]
        var to = Array((d.incoming.path + "/").utf8) + [0xB2, 0xE2] + Array(".txt".utf8) + [0]
        let rc = from.withUnsafeMutableBufferPointer { f in
            to.withUnsafeMutableBufferPointer { t in
                f.withMemoryRebound(to: CChar.self) { fp in
                    t.withMemoryRebound(to: CChar.self) { tp in rename(fp.baseAddress!, tp.baseAddress!) }
                }
            }
        }
        #expect(rc == 0, "the writer's own rename of its .part file must still work")
        try d.waitFor("two documents") { try d.documents() == 2 }
        let stored = try Self.stored(d)
        #expect(stored["incoming/%C3%F1%D5%FE.txt"] == data.count)
        #expect(stored["incoming/%B2%E2.txt"] != nil)
        #expect(d.log.contains("was not UTF-8; renamed to %C3%F1%D5%FE.txt"))
        #expect(d.stop() == 0)
    }

    @Test("a non-UTF-8 name whose escaped form is taken gets a hashed name; nothing is replaced")
    func escapedNameCollision() throws {
        let d = try RunningDaemon()
        // The escaped name is taken by a folder that is in the way.
        try FileManager.default.createDirectory(
            at: d.incoming.appendingPathComponent("a%FF.txt"), withIntermediateDirectories: true)
        let fd = try Self.create(d.incoming, raw: Array("a".utf8) + [0xFF] + Array(".txt".utf8))
        Self.write(fd, try Self.notice(4))
        close(fd)
        try d.waitFor("one document") { try d.documents() == 1 }
        let stored = try Self.stored(d)
        #expect(stored.keys.contains { $0.hasPrefix("incoming/a%FF.txt~") })
        var isFolder: ObjCBool = false
        #expect(
            FileManager.default.fileExists(
                atPath: d.incoming.appendingPathComponent("a%FF.txt").path, isDirectory: &isFolder))
        #expect(isFolder.boolValue)
        #expect(d.stop() == 0)
    }

    @Test("a writer already running when the daemon starts is stored whole, once")
    func writerRunningAtStart() throws {
        let data = try Self.notice(5)
        var fd: Int32 = -1
        let d = try RunningDaemon { incoming in
            fd = open(incoming.appendingPathComponent("slow.txt").path, O_CREAT | O_WRONLY, 0o644)
            Self.write(fd, data.prefix(62))
        }
        usleep(1_500_000)  // the writer pauses for five settle delays
        Self.write(fd, data.dropFirst(62))
        close(fd)
        try d.waitFor("stored") { try d.documents() == 1 }
        try d.waitFor("archived") { d.files(d.incoming).isEmpty }
        #expect(try Self.stored(d)["incoming/slow.txt"] == data.count)
        #expect(d.stop() == 0)
    }

    @Test("an appender (> then >> twice) becomes one document")
    func appender() throws {
        let d = try RunningDaemon()
        let data = try Self.notice(6)
        let path = d.incoming.appendingPathComponent("appended.txt").path
        let thirds = [
            data.prefix(data.count / 3), data.dropFirst(data.count / 3).prefix(data.count / 3),
            data.dropFirst(2 * (data.count / 3)),
        ]
        for (i, part) in thirds.enumerated() {
            let fd = open(path, O_CREAT | O_WRONLY | (i == 0 ? O_TRUNC : O_APPEND), 0o644)
            Self.write(fd, Data(part))
            close(fd)
        }
        try d.waitFor("stored") { try d.documents() == 1 }
        try d.waitFor("archived") { d.files(d.incoming).isEmpty }
        #expect(try Self.stored(d)["incoming/appended.txt"] == data.count)
        #expect(try d.documents() == 1)
        #expect(d.stop() == 0)
    }

    @Test("a hard link into incoming/ (no close event) is taken without a restart")
    func hardLink() throws {
        let d = try RunningDaemon()
        let outside = d.dir.appendingPathComponent("outside.txt")
        try Self.notice(7).write(to: outside)
        #expect(link(outside.path, d.incoming.appendingPathComponent("linked.txt").path) == 0)
        try d.waitFor("stored") { try d.documents() == 1 }
        try d.waitFor("archived") { d.files(d.incoming).isEmpty }
        #expect(FileManager.default.fileExists(atPath: outside.path))
        #expect(d.stop() == 0)
    }

    @Test("254-byte names: archive (.1) and sidecar (.error.json) names are shortened, nothing stays behind")
    func longNames() throws {
        let d = try RunningDaemon()
        let name = String(repeating: "长", count: 83) + "a.txt"  // 83 × 3 + 5 = 254 bytes
        #expect(name.utf8.count == 254)
        try Self.notice(8).write(to: d.incoming.appendingPathComponent(name))
        try d.waitFor("first stored") { try d.documents() == 1 && d.files(d.incoming).isEmpty }
        try Self.notice(9).write(to: d.incoming.appendingPathComponent(name))
        try d.waitFor("second stored") { try d.documents() == 2 && d.files(d.incoming).isEmpty }
        let sub = d.incoming.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data([0, 1, 2, 3, 0, 0, 0xFF]).write(to: sub.appendingPathComponent(name))
        try d.waitFor("binary failed") { d.files(d.failed).count == 2 }
        let failed = d.files(d.failed)
        #expect(failed.contains { $0.hasSuffix(".error.json") })
        #expect(failed.allSatisfy { $0.split(separator: "/").last!.utf8.count <= 255 })
        #expect(d.files(d.done).count == 2)
        #expect(d.files(d.incoming).isEmpty)
        #expect(d.stop() == 0)
    }

    @Test("a file over its budget goes to failed/ as a timeout, and the file behind it is stored")
    func budget() throws {
        let d = try RunningDaemon(extra: ["--workers", "1", "--file-budget", "0.1"])
        // A large notice takes longer than 0.1 s in the pipeline.
        var big = Data()
        while big.count < 12 << 20 { big += try Self.notice(big.count) }
        try big.write(to: d.incoming.appendingPathComponent("big.txt"))
        try Self.notice(10).write(to: d.incoming.appendingPathComponent("good.txt"))
        try d.waitFor("good stored", timeout: 60) { try Self.stored(d)["incoming/good.txt"] != nil }
        try d.waitFor("big failed", timeout: 60) {
            FileManager.default.fileExists(atPath: d.failed.appendingPathComponent("big.txt.error.json").path)
        }
        let sidecar = try String(contentsOf: d.failed.appendingPathComponent("big.txt.error.json"), encoding: .utf8)
        #expect(sidecar.contains("\"error\":\"timeout\""))
        #expect(d.stop() == 0)
    }

    @Test("a stored file that cannot be archived is reported once, not stored or recorded again at a restart")
    func stuckFile() throws {
        let d = try RunningDaemon()
        // done/DAY/stuck exists as a file, so done/DAY/stuck/a.txt cannot be made.
        let day = String(Date().formatted(Date.ISO8601FormatStyle()).prefix(10))
        try FileManager.default.createDirectory(
            at: d.done.appendingPathComponent(day), withIntermediateDirectories: true)
        try Data().write(to: d.done.appendingPathComponent(day).appendingPathComponent("stuck"))
        let sub = d.incoming.appendingPathComponent("stuck")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Self.notice(11).write(to: sub.appendingPathComponent("a.txt"))
        try d.waitFor("stored") { try d.documents() == 1 }
        try d.waitFor("reported stuck") { d.log.contains("cannot leave incoming/") }
        try d.waitFor("status counts it") {
            try NoticedBinary.run(["status", "--db", d.db, "--spool", d.spool.path]).stdout.contains("stuck:")
        }
        #expect(d.stop() == 0)
        try d.start()
        try d.waitFor("taken again and recognised") { d.log.contains("could not leave incoming/ before") }
        #expect(try d.documents() == 1)
        #expect(try NoticeStore(path: d.db, readOnly: true).stats().duplicates == 0)
        #expect(d.stop() == 0)
    }

    @Test("a file that crashed or hung the daemon twice is quarantined at the next start; a SIGKILL counts nothing")
    func poison() throws {
        let d = try RunningDaemon(extra: ["--workers", "1"])
        var big = Data()
        while big.count < 12 << 20 { big += try Self.notice(big.count) }
        let inflight = d.db + ".inflight"
        func withWorker() -> Bool {
            (FileManager.default.contents(atPath: inflight) ?? Data()).range(of: Data("big.txt".utf8)) != nil
        }
        // A SIGKILL while it is with a worker: no strike.
        try big.write(to: d.incoming.appendingPathComponent("big.txt"))
        try d.waitFor("big.txt with a worker") { withWorker() }
        d.kill9()
        // Then two crashes (SIGABRT, as systemd's watchdog sends) while it is with a worker.
        for round in 1...2 {
            try d.start()
            try d.waitFor("big.txt with a worker again (\(round))") { withWorker() }
            kill(d.process.processIdentifier, SIGABRT)
            d.process.waitUntilExit()
        }
        try d.start()
        let sidecar = d.failed.appendingPathComponent("big.txt.error.json")
        try d.waitFor("big.txt quarantined as poison") { FileManager.default.fileExists(atPath: sidecar.path) }
        #expect(try String(contentsOf: sidecar, encoding: .utf8).contains("\"error\":\"poison\""))
        #expect(d.log.components(separatedBy: "crashed or hung while incoming/big.txt").count - 1 == 1)
        try Self.notice(12).write(to: d.incoming.appendingPathComponent("good.txt"))
        try d.waitFor("the next file stored") { try Self.stored(d)["incoming/good.txt"] != nil }
        #expect(d.stop() == 0)
    }
}
