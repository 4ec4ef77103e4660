import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Every limit of the "Limits" table of docs/contract.md at its edge: exactly at it is read, one over is
/// refused with the path, and a limit that a request and a tariff file share is the same
/// number on both sides (`Limits`).
@Suite struct LimitsTests {
    typealias Fixture = FeeFixture

    /// A fee `f` with `inputs` (JSON members) and `price` (JSON array).
    static func fee(_ key: String = "f", inputs: String = "", price: String = #"[{"fixed":"1.00"}]"#) -> String {
        #""\#(key)":{"name":"F","text":"t",\#(inputs.isEmpty ? "" : #""inputs":{\#(inputs)},"#)"price":\#(price)}"#
    }

    static func errors(_ fees: [String], extra: String = "") throws -> [String] {
        try Fixture.errors(#""fees":{"# + fees.joined(separator: ",") + "}" + extra)
    }

    /// At the limit no error; one over exactly one, at `path`.
    static func edge(
        at: [String], over: [String], extra: (at: String, over: String) = ("", ""), path: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let fine = try errors(at, extra: extra.at)
        #expect(fine.isEmpty, "at the limit: \(fine)", sourceLocation: sourceLocation)
        let refused = try errors(over, extra: extra.over)
        #expect(refused.count == 1, "one over: \(refused)", sourceLocation: sourceLocation)
        #expect(refused.first?.hasPrefix("t/a/2024-01-01.json: \(path)") == true, "\(refused)", sourceLocation: sourceLocation)
    }

    // MARK: - Sizes

    @Test func theLineLimitIsTheOneStated() {
        #expect(StreamService.lineLimit == Limits.lineBytes)
        #expect(Limits.lineBytes == 1_048_576)
    }

    @Test func aFileOfExactly16MiBIsReadAndOneByteMoreIsNot() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-size-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(repeating: 0x20, count: Limits.fileBytes).write(to: url)
        #expect(try FileSystem.read(url.path).count == Limits.fileBytes)
        try Data(repeating: 0x20, count: Limits.fileBytes + 1).write(to: url)
        #expect(throws: FileSystem.Failure.self) { try FileSystem.read(url.path) }
        // A tariff file padded to the limit loads; one byte more is refused by name.
        let body = Fixture.version(#""fees":{"f":{"name":"F","text":"t","price":[{"fixed":"1.00"}]}}"#)
        let exact = body + String(repeating: " ", count: Limits.fileBytes - body.utf8.count)
        #expect(try Fixture.errors(["t/a/2024-01-01.json": exact]).isEmpty)
        let over = try Fixture.errors(["t/a/2024-01-01.json": exact + " "])
        #expect(over.count == 1 && over[0].contains("larger than 16 MiB"), "\(over)")
    }

    /// 2 048 levels of JSON, the request object itself counted: `meta` 2 047 deep is echoed,
    /// 2 048 deep is `invalid_json`.
    @Test func jsonNesting() {
        func request(_ depth: Int) -> String {
            let meta = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            return TestSupport.answer(
                #"{"id":"n","tariff":"oxelosund/laff","meta":\#(meta),"entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":15}]}"#)
        }
        // (Read as text: Foundation's JSON reader stops far shallower.)
        let deepest = request(Limits.jsonDepth - 1)
        #expect(deepest.hasPrefix(#"{"id":"n","ok":true,"#))
        #expect(deepest.contains(#""meta":"# + String(repeating: "[", count: Limits.jsonDepth - 1) + String(repeating: "]", count: Limits.jsonDepth - 1)))
        #expect(request(Limits.jsonDepth).contains(#""error":{"code":"invalid_json","#))
    }

    // MARK: - Tariff files

    @Test func feesPerVersion() throws {
        try Self.edge(at: (0..<Limits.fees).map { Self.fee("f\($0)") }, over: (0...Limits.fees).map { Self.fee("f\($0)") }, path: "fees:")
    }

    @Test func inputsPerFee() throws {
        func inputs(_ count: Int) -> String { (0..<count).map { #""i\#($0)":{"type":"integer","default":0}"# }.joined(separator: ",") }
        try Self.edge(at: [Self.fee(inputs: inputs(Limits.inputs))], over: [Self.fee(inputs: inputs(Limits.inputs + 1))], path: "fees.f.inputs:")
    }

    @Test func choiceValuesAndTheirLength() throws {
        func values(_ count: Int) -> String { (0..<count).map { "\"v\($0)\"" }.joined(separator: ",") }
        try Self.edge(
            at: [Self.fee(inputs: #""k":{"type":"choice","values":[\#(values(Limits.choiceValues))],"default":"v0"}"#)],
            over: [Self.fee(inputs: #""k":{"type":"choice","values":[\#(values(Limits.choiceValues + 1))],"default":"v0"}"#)],
            path: "fees.f.inputs.k.values:")
        // 60 characters of two bytes each: counted as characters, in the file and in a request.
        let long = String(repeating: "å", count: Limits.choiceValue)
        try Self.edge(
            at: [Self.fee(inputs: #""k":{"type":"choice","values":["\#(long)"]}"#)],
            over: [Self.fee(inputs: #""k":{"type":"choice","values":["\#(long)å"]}"#)],
            path: "fees.f.inputs.k.values[0]:")
        let set = try Fixture.tariffs(#""fees":{"# + Self.fee(inputs: #""k":{"type":"choice","values":["\#(long)"]}"#) + "}")
        #expect(Fixture.price(set, #"[{"fee":"f","date":"2024-03-01","inputs":{"k":"\#(long)"}}]"#).ok)
        let over = Fixture.price(set, #"[{"fee":"f","date":"2024-03-01","inputs":{"k":"\#(long)å"}}]"#)
        #expect(over.errorText == "invalid_request @ items[0].inputs.k: expected a string of 1–60 characters, got 61")
    }

    @Test func blocksBandsAndCases() throws {
        let fixed = #"{"fixed":"1.00"}"#
        // A fixed amount, then amounts added to it (a second `fixed` would replace the first
        // before it is used, which check refuses).
        func blocks(_ count: Int) -> String { "[" + ([fixed] + Array(repeating: #"{"add":"1.00"}"#, count: count - 1)).joined(separator: ",") + "]" }
        try Self.edge(at: [Self.fee(price: blocks(Limits.blocks))], over: [Self.fee(price: blocks(Limits.blocks + 1))], path: "fees.f.price:")
        func bands(_ count: Int) -> String {
            #"[{"bands":{"input":"o","bands":["# + (1...count).map { #"{"up_to":"\#($0)","price":[\#(fixed)]}"# }.joined(separator: ",") + "]}}]"
        }
        let o = #""o":{"type":"integer"}"#
        try Self.edge(
            at: [Self.fee(inputs: o, price: bands(Limits.bands))], over: [Self.fee(inputs: o, price: bands(Limits.bands + 1))],
            path: "fees.f.price[0].bands.bands:")
        func cases(_ count: Int) -> String {
            #"[{"lookup":{"input":"o","cases":{"# + (1...count).map { #""\#($0)":[\#(fixed)]"# }.joined(separator: ",") + #"},"otherwise":[\#(fixed)]}}]"#
        }
        try Self.edge(
            at: [Self.fee(inputs: o, price: cases(Limits.cases))], over: [Self.fee(inputs: o, price: cases(Limits.cases + 1))],
            path: "fees.f.price[0].lookup.cases:")
    }

    /// Bands and lookups nest at most 10 deep: pricing recurses through them.
    @Test func pipelineNesting() throws {
        func nested(_ depth: Int) -> String {
            var price = #"[{"fixed":"1.00"}]"#
            for _ in 1..<depth { price = #"[{"lookup":{"input":"o","cases":{"1":\#(price)},"otherwise":[{"fixed":"2.00"}]}}]"# }
            return price
        }
        let o = #""o":{"type":"integer"}"#
        let deepest = "fees.f.price" + String(repeating: "[0].lookup.cases[\"1\"]", count: Limits.pipelineDepth) + ":"
        try Self.edge(
            at: [Self.fee(inputs: o, price: nested(Limits.pipelineDepth))], over: [Self.fee(inputs: o, price: nested(Limits.pipelineDepth + 1))],
            path: deepest)
        let set = try Fixture.tariffs(#""fees":{"# + Self.fee(inputs: o, price: nested(Limits.pipelineDepth)) + "}")
        #expect(Fixture.price(set, #"[{"fee":"f","date":"2024-03-01","inputs":{"o":1}}]"#).amounts == ["1.00"])
        #expect(Fixture.price(set, #"[{"fee":"f","date":"2024-03-01","inputs":{"o":2}}]"#).amounts == ["2.00"])
    }

    @Test func capsExamplesAndNotes() throws {
        let cap = #"{"key":"c","name":"C","text":"t","fees":["f"],"period":"month","amount":"100.00"}"#
        func caps(_ count: Int) -> String { #","caps":["# + Array(repeating: cap, count: count).joined(separator: ",") + "]" }
        try Self.edge(at: [Self.fee()], over: [Self.fee()], extra: (caps(Limits.caps), caps(Limits.caps + 1)), path: "caps:")
        let example = #"{"name":"E","source":"s","request":{"items":[{"fee":"f","date":"2024-03-01"}]},"total":"1.00"}"#
        func examples(_ count: Int) -> String { #","examples":["# + Array(repeating: example, count: count).joined(separator: ",") + "]" }
        try Self.edge(at: [Self.fee()], over: [Self.fee()], extra: (examples(Limits.examples), examples(Limits.examples + 1)), path: "examples:")
        func notes(_ count: Int) -> String { #","notes":["# + Array(repeating: "\"n\"", count: count).joined(separator: ",") + "]" }
        try Self.edge(at: [Self.fee()], over: [Self.fee()], extra: (notes(Limits.notes), notes(Limits.notes + 1)), path: "notes:")
    }

    @Test func inputBounds() throws {
        let limit = Limits.integerInput
        try Self.edge(
            at: [Self.fee(inputs: #""i":{"type":"integer","min":-\#(limit),"max":\#(limit)}"#)],
            over: [Self.fee(inputs: #""i":{"type":"integer","min":-\#(limit),"max":\#(limit + 1)}"#)], path: "fees.f.inputs.i.max:")
        // A decimal bound is held to 10¹² in magnitude whatever its decimals (it was held only
        // when it had none).
        for over in ["1000000000000.01", "100000000000000.00", "-1000000000000.0001"] {
            try Self.edge(
                at: [Self.fee(inputs: #""d":{"type":"decimal","scale":4,"min":"-1000000000000.0000","max":"1000000000000.0000"}"#)],
                over: [Self.fee(inputs: #""d":{"type":"decimal","scale":4,"\#(over.hasPrefix("-") ? "min" : "max")":"\#(over)"}"#)],
                path: "fees.f.inputs.d.\(over.hasPrefix("-") ? "min" : "max"):")
        }
        try Self.edge(
            at: [Self.fee(inputs: #""d":{"type":"decimal","scale":\#(Limits.decimalInputScale)}"#)],
            over: [Self.fee(inputs: #""d":{"type":"decimal","scale":\#(Limits.decimalInputScale + 1)}"#)], path: "fees.f.inputs.d.scale:")
    }

    /// Percentages and factors, in blocks and in an index share alike: 0–1000, 6 decimals.
    @Test func factorsAndPercentages() throws {
        for (at, over) in [("1000", "1000.000001"), ("0.000001", "0.0000001")] {
            try Self.edge(
                at: [Self.fee(price: #"[{"fixed":"1.00"},{"share":"\#(at)"}]"#)], over: [Self.fee(price: #"[{"fixed":"1.00"},{"share":"\#(over)"}]"#)],
                path: "fees.f.price[1].share:")
            try Self.edge(
                at: [Self.fee(inputs: #""o":{"type":"integer"}"#, price: #"[{"percent":{"of":"o","percent":"\#(at)"}}]"#)],
                over: [Self.fee(inputs: #""o":{"type":"integer"}"#, price: #"[{"percent":{"of":"o","percent":"\#(over)"}}]"#)],
                path: "fees.f.price[0].percent.percent:")
            for key in ["percent", "times"] {
                try Self.edge(
                    at: [Self.fee(price: #"[{"fixed":{"index":"PBB","\#(key)":"\#(at)"}}]"#)],
                    over: [Self.fee(price: #"[{"fixed":{"index":"PBB","\#(key)":"\#(over)"}}]"#)], path: "fees.f.price[0].fixed.\(key):")
            }
        }
    }

    // MARK: - Both sides

    @Test func groupsOfAPerCapitaVersion() throws {
        func version(_ names: [String]) -> String {
            EquivalentNamesTests.perCapita(names)
        }
        let names = (0..<Limits.groups).map { "g\($0)" }
        #expect(try Fixture.errors(["t/p/2024-01-01.json": version(names)]).isEmpty)
        #expect(try Fixture.errors(["t/p/2024-01-01.json": version(names + ["extra"])]).first?.contains("per_capita.groups:") == true)
        // A name of 100 characters, each of two bytes, is read; 101 is not.
        let long = String(repeating: "Å", count: Limits.groupName)
        #expect(try Fixture.errors(["t/p/2024-01-01.json": version([long])]).isEmpty)
        let over = try Fixture.errors(["t/p/2024-01-01.json": version([long + "Å"])])
        #expect(over == ["t/p/2024-01-01.json: per_capita.groups[\"\(long)Å\"]: a group name must be 1–100 characters, got 101"])
        #expect(PerCapitaRequest.maxGroups == PerCapitaRulesParser.maxGroups)
        #expect(PerCapitaRequest.maxCount == PerCapitaRulesParser.maxCount)
    }

    @Test func activityKeysAreCountedInCharactersOnBothSides() throws {
        let activity = #"{"name":"N","paragraph":"1 §","charge":"hourly","text":"t"}"#
        func version(_ key: String) -> String {
            #"{"tariff":"t/h","title":"Test","kind":"hourly","valid_from":"2024-01-01","decided":"2024-01-01","decision":{"body":"Test","reference":"Test"},"currency":"SEK","hourly":{"rate":"1000.00","paragraph":"1 §","text":"t","increment_minutes":15,"increment_rounding":"up"},"activities":{"\#(key)":\#(activity)}}"#
        }
        // 100 characters of two bytes: 200 bytes, read (the key was counted in bytes).
        let long = String(repeating: "ö", count: Limits.activityKey)
        let set = try Fixture.tariffs(["t/h/2024-01-01.json": version(long)])
        let priced = TestSupport.json(
            TestSupport.answer(#"{"id":"a","tariff":"t/h","entries":[{"date":"2024-03-05","activity":"\#(long)","minutes":15}]}"#, tariffs: set))
        #expect(priced["total"] as? String == "250.00")
        let over = try Fixture.errors(["t/h/2024-01-01.json": version(long + "ö")])
        #expect(over == ["t/h/2024-01-01.json: activities[\"\(long)ö\"]: an activity key must be 1–100 characters, got 101"])
        let refused = TestSupport.json(
            TestSupport.answer(#"{"id":"a","tariff":"t/h","entries":[{"date":"2024-03-05","activity":"\#(long)ö","minutes":15}]}"#, tariffs: set))
        #expect((refused["error"] as? [String: Any])?["message"] as? String == "expected a string of 1–100 characters, got 101")
    }

    @Test func seriesIds() throws {
        // The same 40 characters in a tariff's index share and in `taxa index add`.
        let fine = String(repeating: "Ä", count: Limits.seriesID)
        let errors = try Self.errors([Self.fee(price: #"[{"fixed":{"index":"\#(fine)","percent":"1"}}]"#)])
        #expect(errors.count == 1 && errors[0].contains("which is not recorded under indices/"), "\(errors)")
        let over = try Self.errors([Self.fee(price: #"[{"fixed":{"index":"\#(fine)Ä","percent":"1"}}]"#)])
        #expect(over == ["t/a/2024-01-01.json: fees.f.price[0].fixed.index: expected a string of 1–40 characters, got 41"])
    }

    // MARK: - Number forms

    /// "-0" is zero wherever zero is read, as the JSON integer -0 is; a sign before any other
    /// value where no negative is allowed is refused.
    @Test func minusZeroIsZeroEverywhere() throws {
        for (text, scale) in [("-0", 0), ("-0.00", 2)] {
            #expect(ScaledDecimal.parse(text, maxScale: 2) == ScaledDecimal(units: 0, scale: scale))
            #expect(ScaledDecimal.parse(text, maxScale: 2, allowNegative: true) == ScaledDecimal(units: 0, scale: scale))
        }
        #expect(ScaledDecimal.parse("-0.01", maxScale: 2) == nil)
        #expect(ScaledDecimal.parse("-", maxScale: 2) == nil)
        #expect(ScaledDecimal.parse("-00", maxScale: 2, allowNegative: true) == nil)
        // In a tariff: a fixed amount of "-0.00" is 0,00 kr; "-0.01" is refused.
        let set = try Fixture.tariffs(
            #""fees":{"# + Self.fee(price: #"[{"fixed":"-0.00"}]"#) + ","
                + Self.fee("g", inputs: #""d":{"type":"decimal","scale":2},"i":{"type":"integer"}"#, price: #"[{"percent":{"of":"d","percent":"10"}}]"#) + "}")
        #expect(Fixture.price(set, #"[{"fee":"f","date":"2024-03-01"}]"#).amounts == ["0.00"])
        #expect(try Self.errors([Self.fee(price: #"[{"fixed":"-0.01"}]"#)]).count == 1)
        // In a request: "-0" and "-0.00" as a decimal input and -0 as an integer are zero.
        let zero = Fixture.price(
            set, #"[{"fee":"g","date":"2024-03-01","inputs":{"d":"-0.00","i":-0}},{"fee":"g","date":"2024-03-01","inputs":{"d":"-0","i":0}}]"#)
        #expect(zero.amounts == ["0.00", "0.00"])
        #expect(zero.feeLines.first?["text"] as? String == "F 2024-03-01: 10 % av 0,00 kr = 0,00 kr")
        // And the salary cost of a percentage request.
        let po = TestSupport.json(TestSupport.answer(#"{"id":"p","tariff":"oxelosund/po","date":"2024-03-31","salary_cost":"-0.00"}"#))
        #expect(po["surcharge"] as? String == "0.00", "\(po)")
        let negative = TestSupport.json(TestSupport.answer(#"{"id":"p","tariff":"oxelosund/po","date":"2024-03-31","salary_cost":"-0.01"}"#))
        #expect((negative["error"] as? [String: Any])?["path"] as? String == "salary_cost")
    }
}
