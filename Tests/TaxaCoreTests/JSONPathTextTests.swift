import Testing

@testable import TaxaBase

/// A path as error records print it: written straight into a result (`appendText`) and as a
/// String (`description`), the same text, and inside a JSON string escaped once more.
@Suite struct JSONPathTextTests {
    static let cases: [(JSONPath, String)] = [
        (JSONPath(), ""),
        (JSONPath([.key("entries"), .index(2), .key("minutes")]), "entries[2].minutes"),
        (JSONPath([.index(0), .key("a")]), "[0].a"),
        (JSONPath([.key("months"), .key("2023-09"), .key("1-3 år")]), #"months["2023-09"]["1-3 år"]"#),
        (JSONPath([.key(#"a"b\c"#)]), #"["a\"b\\c"]"#),
        (JSONPath([.key(""), .key("_x9")]), #"[""]._x9"#),
        (JSONPath([.key("9lives"), .index(-1)]), #"["9lives"][-1]"#),
        // A quote or backslash followed by a combining mark is escaped like any other (until
        // 2026-12-05 the two made one Character, which was left as it was).
        (JSONPath([.key("a\"\u{301}b\\\u{301}")]), "[\"a\\\"\u{301}b\\\\\u{301}\"]"),
    ]

    @Test func describesEachPathAsTheContractPrintsIt() {
        for (path, text) in Self.cases {
            #expect(path.description == text)
            var w = JSONWriter(reservingCapacity: 8)
            path.appendText(to: &w)
            #expect(String(decoding: w.bytes, as: UTF8.self) == text)
        }
    }

    @Test func writesAPathInAJSONStringEscaped() {
        var w = JSONWriter(reservingCapacity: 8)
        let start = w.beginBuiltString()
        JSONPath([.key(#"a"b\c"#), .index(1)]).appendText(to: &w)
        w.endBuiltString(from: start)
        #expect(String(decoding: w.bytes, as: UTF8.self) == #""[\"a\\\"b\\\\c\"][1]""#)
    }
}
