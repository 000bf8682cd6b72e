import Testing

@testable import PostgresStore

/// The ranking's phrase counts on PostgreSQL, taken from `tsvector` positions (no server).
@Suite("PostgreSQL phrase counts")
struct PhraseCountingTests {
    @Test("counts from positions: consecutive bigrams only, the title weighing 3, quoted lexemes parsed")
    func counts() {
        let title = "养老服务"
        let text = "养老服务，发展养老"
        // What the server returns after ts_filter, here with every lexeme kept.
        let literal = BigramVector.document(title: title, text: text).vector
        let counting = PhraseCounting(terms: ["养老", "养老服务", "服务发展"])
        #expect(counting.lexemes == ["养老", "老服", "服务", "务发", "发展"])
        #expect(!counting.needsText)
        #expect(counting.weightedCounts(title: title, positions: literal, text: "") == [3 + 2, 3 + 1, 0])
        #expect(
            PhraseCounting.positions("'it''s':3C,5C 'a\\\\b':1 '养老':12") == ["it's": [3, 5], "a\\b": [1], "养老": [12]])
    }

    @Test("a one-hanzi term is a prefix, counted on the title and text")
    func prefix() {
        let counting = PhraseCounting(terms: ["养"])
        #expect(counting.needsText && counting.lexemes.isEmpty)
        #expect(counting.weightedCounts(title: "养老", positions: "", text: "养老，培养") == [3 + 2])
    }
}
