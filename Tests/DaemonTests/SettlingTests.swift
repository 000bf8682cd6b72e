import Foundation
import Testing

@testable import Daemon

@Suite("Settling: a file is taken once it kept its signature for its whole wait")
struct SettlingTests {
    static func signature(size: Int, inode: UInt64 = 7) -> FileSignature {
        var info = stat()
        info.st_size = off_t(size)
        info.st_ino = ino_t(inode)
        return FileSignature(info)
    }

    @Test("unchanged: taken when due; changed: waits again; gone: forgotten")
    func rule() {
        var settling = Settling()
        let s = UInt64(1_000_000_000)
        settling.put("a.txt", signature: Self.signature(size: 10), wait: 1, raw: nil, now: 0)
        settling.put("b.txt", signature: Self.signature(size: 10), wait: 1, raw: nil, now: 0)
        settling.put("c.txt", signature: Self.signature(size: 10), wait: 1, raw: nil, now: 0)
        settling.put("gone.txt", signature: nil, wait: 1, raw: nil, now: 0)
        #expect(settling.count == 3 && settling.nextDue == s)
        // Not due yet: nothing is looked at.
        #expect(
            settling.settled(at: s / 2) { _, _ in
                Issue.record("looked too early")
                return nil
            }.isEmpty)
        let ready = settling.settled(at: s) { relative, _ in
            switch relative {
            case "a.txt": Self.signature(size: 10)
            case "b.txt": Self.signature(size: 20)  // still growing
            default: nil  // c.txt was deleted
            }
        }
        #expect(ready.map(\.relative) == ["a.txt"])
        #expect(settling.count == 1 && settling.contains("b.txt") && settling.nextDue == 2 * s)
        let later = settling.settled(at: 2 * s) { _, _ in Self.signature(size: 20) }
        #expect(later.map(\.relative) == ["b.txt"] && settling.count == 0)
    }

    @Test("a raw (non-UTF-8) name rides along until it is taken")
    func rawNames() {
        var settling = Settling()
        let raw = RawName(folder: ["x"], name: [0x66, 0xFF])
        settling.put("x/f\\xFF", signature: Self.signature(size: 1), wait: 0, raw: raw, now: 5)
        let ready = settling.settled(at: 5) { _, seen in
            #expect(seen == raw)
            return Self.signature(size: 1)
        }
        #expect(ready.first?.raw == raw)
    }
}
