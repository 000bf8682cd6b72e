import Foundation
import GRDB
import TestKit
import Testing

@testable import Pipeline
@testable import Store

/// Issue 13's pure parts: log text escaped and capped, queries bounded, the indexer's reads
/// bounded in bytes, store files created 0640.
@Suite("Search query limits")
struct SearchQueryLimitTests {
    func refusal(_ text: String) -> String? {
        do {
            _ = try SearchQuery(text, folding: .simplified)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("more than 64 terms is refused in one sentence, before FTS5 sees it")
    func terms() throws {
        let ok = (0..<64).map { "养老\($0)" }.joined(separator: " AND ")
        #expect(refusal(ok) == nil)
        let many = (0..<2_000).map { "养老\($0)" }.joined(separator: " ")
        #expect(refusal(String(many.prefix(4_000)))?.contains("at most 64") == true)
        #expect(refusal(Array(repeating: "养老", count: 300).joined(separator: " NOT ")) != nil)
    }

    @Test("nesting deeper than 16 levels (parentheses or chained NOTs) is refused")
    func depth() throws {
        let chain = { (n: Int) in Array(repeating: "养老", count: n + 1).joined(separator: " NOT ") }
        #expect(refusal(chain(16)) == nil)
        #expect(refusal(chain(17))?.contains("more than 16 levels") == true)
        let parens = { (n: Int) in String(repeating: "(", count: n) + "养老" + String(repeating: ")", count: n) }
        #expect(refusal(parens(16)) == nil)
        #expect(refusal(parens(17))?.contains("more than 16 levels") == true)
        // Deep enough to overflow a recursive parser: refused at the first level too many.
        #expect(refusal(parens(2_000)) != nil)
        #expect(SearchQuery.depth(try SearchQuery("(a AND (b OR c)) NOT d", folding: .simplified).root) == 3)
    }

    @Test("a query longer than 4,096 characters is refused")
    func length() {
        #expect(refusal(String(repeating: "养", count: 4_097))?.contains("longer than 4096") == true)
        #expect(refusal(String(repeating: "养", count: 4_096)) == nil)
    }

    @Test("the deepest and widest queries allowed run through FTS5 without an error")
    func allowedQueriesRun() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("noticed-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SearchIndexTests.store(dir)
        try store.indexPending()
        var nested = "养老"
        for i in 0..<15 { nested = "(通知\(i) \(i % 2 == 0 ? "OR" : "AND") \(nested))" }
        let queries = [
            Array(repeating: "养老", count: 17).joined(separator: " NOT "),
            (0..<64).map { "民政\($0)" }.joined(separator: " OR "),
            nested,
            "(" + Array(repeating: "疫情", count: 16).joined(separator: " NOT ") + ") AND 通知",
        ]
        for q in queries {
            let parsed = try SearchQuery(q, folding: .simplified)
            #expect(SearchQuery.depth(parsed.root) <= SearchQuery.maxDepth)
            _ = try store.search(parsed)
        }
    }

    @Test("a database error in a search is one sentence of ours, not SQLite's")
    func searchError() {
        let error = NoticeStore.searchError(
            DatabaseError(resultCode: .SQLITE_ERROR, message: "fts5: parser stack overflow"))
        #expect(!error.message.lowercased().contains("fts5") && !error.message.lowercased().contains("sqlite"))
        #expect(error.message.hasPrefix("cannot search"))
    }
}

@Suite("Index reads and store files")
struct IndexBudgetTests {
    func temporaryDirectory() throws -> URL { try temporaryFolder("budget") }

    @Test("the indexer's read stops at its byte budget, always with at least one document")
    func byteBudget() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SearchIndexTests.store(dir)
        let all = try store.pendingForIndex(after: 0, limit: 256)
        #expect(all.documents.count == 5 && all.exhausted)
        let sizes = all.documents.map { $0.title.utf8.count + $0.text.utf8.count }
        let one = try store.pendingForIndex(after: 0, limit: 256, budget: 1)
        #expect(one.documents.map(\.id) == [1] && !one.exhausted)
        let two = try store.pendingForIndex(after: 0, limit: 256, budget: sizes[0] + 1)
        #expect(two.documents.map(\.id) == [1, 2] && !two.exhausted)
        let capped = try store.pendingForIndex(after: 0, limit: 3)
        #expect(capped.documents.map(\.id) == [1, 2, 3] && !capped.exhausted)
        let rest = try store.pendingForIndex(after: 3, limit: 256, budget: 1)
        #expect(rest.documents.map(\.id) == [4])
        let none = try store.pendingForIndex(after: 5, limit: 256)
        #expect(none.documents.isEmpty && none.exhausted)
        #expect(SearchIndex.readBudget == 8 << 20)
        #expect(try store.indexPending() == 5)
    }

    @Test("the database and the search index are created 0640 whatever the umask")
    func modes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = umask(0o022)
        defer { umask(old) }
        let store = try SearchIndexTests.store(dir)
        try store.indexPending()
        for suffix in ["", "-wal", "-shm", "-search", "-search-wal", "-search-shm"] {
            var info = stat()
            #expect(stat(store.path + suffix, &info) == 0, "\(suffix)")
            #expect(info.st_mode & 0o777 == 0o640, "\(suffix): \(String(info.st_mode & 0o777, radix: 8))")
        }
    }
}
