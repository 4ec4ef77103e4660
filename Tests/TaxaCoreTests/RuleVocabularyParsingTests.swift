import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Mistakes in `fees` version files: each is refused at load with the file, the JSON path of the
/// field to edit and a message saying what was expected (exact text, as `taxa check` prints it).
/// Whole-root cases run through `taxa check` live in `Fixtures/broken-tariffs/fees-*`.
@Suite struct RuleVocabularyParsingTests {
    static let file = "t/a/2024-01-01.json"
    static let blockNames = "fixed, per_unit, percent, share, round, min, max, bands, lookup, add, multiply, tiers, table, use"

    /// A version with the one fee `f` (`{"name","text"}` plus `members`).
    static func errors(fee members: String, extra: String = "") throws -> [String] {
        try FeeFixture.errors(#""fees":{"f":{"name":"F","text":"t",\#(members)}}\#(extra)"#)
    }

    static let choice = #""inputs":{"c":{"type":"choice","values":["a","b","c"]}}"#
    static let minutes = #""inputs":{"m":{"type":"integer","min":0,"max":1000}}"#

    // MARK: - Blocks

    @Test func unknownBlock() throws {
        #expect(
            try Self.errors(fee: #""price":[{"fixed":"1.00"},{"rund":{"step":"1.00","mode":"up"}}]"#)
                == ["\(Self.file): fees.f.price[1].rund: unknown block \"rund\"; expected one of: \(Self.blockNames)"])
    }

    @Test func aBlockWithTwoKeys() throws {
        #expect(
            try Self.errors(fee: #""price":[{"fixed":"1.00","max":"2.00"}]"#)
                == ["\(Self.file): fees.f.price[0]: expected a block: an object with exactly one key, one of: \(Self.blockNames); got an object with 2 keys"])
        #expect(
            try Self.errors(fee: #""price":[{}]"#)
                == ["\(Self.file): fees.f.price[0]: expected a block: an object with exactly one key, one of: \(Self.blockNames); got an object with 0 keys"])
        #expect(
            try Self.errors(fee: #""price":["fixed"]"#)
                == ["\(Self.file): fees.f.price[0]: expected a block: an object with exactly one key, one of: \(Self.blockNames); got a string"])
    }

    @Test func roundBeforeAnyAmount() throws {
        #expect(
            try Self.errors(fee: #""price":[{"round":{"step":"1.00","mode":"half_up"}},{"fixed":"1.00"}]"#)
                == [
                    "\(Self.file): fees.f.price[0].round: \"round\" adjusts an amount, but none is set before it; start the price with a block that sets one (fixed, per_unit, percent, tiers or table)"
                ])
    }

    /// A pipeline that never sets an amount: every way to write one reaches an adjusting block
    /// with no amount before it, which is where it is reported.
    @Test func pipelineNeverSettingAnAmount() throws {
        #expect(
            try Self.errors(fee: #""price":[{"max":"100.00"}]"#)
                == [
                    "\(Self.file): fees.f.price[0].max: \"max\" adjusts an amount, but none is set before it; start the price with a block that sets one (fixed, per_unit, percent, tiers or table)"
                ])
        #expect(
            try Self.errors(fee: #""price":[{"share":"0.5"}]"#)
                == [
                    "\(Self.file): fees.f.price[0].share: \"share\" adjusts an amount, but none is set before it; start the price with a block that sets one (fixed, per_unit, percent, tiers or table)"
                ])
        // One case of a lookup sets an amount, "otherwise" does not.
        #expect(
            try Self.errors(fee: Self.choice + #","price":[{"lookup":{"input":"c","cases":{"a":[{"fixed":"1.00"}]},"otherwise":[{"min":"1.00"}]}}]"#)
                == [
                    "\(Self.file): fees.f.price[0].lookup.otherwise[0].min: \"min\" adjusts an amount, but none is set before it; start the price with a block that sets one (fixed, per_unit, percent, tiers or table)"
                ])
        // One band sets an amount, the next does not.
        #expect(
            try Self.errors(
                fee: Self.minutes
                    + #","price":[{"bands":{"input":"m","bands":[{"up_to":"10","price":[{"fixed":"1.00"}]},{"up_to":"20","price":[{"round":{"step":"1.00","mode":"up"}}]}]}}]"#
            )
                == [
                    "\(Self.file): fees.f.price[0].bands.bands[1].price[0].round: \"round\" adjusts an amount, but none is set before it; start the price with a block that sets one (fixed, per_unit, percent, tiers or table)"
                ])
        // An empty pipeline.
        #expect(
            try Self.errors(fee: #""price":[]"#)
                == ["\(Self.file): fees.f.price: expected an array of 1–20 blocks, each an object with one key such as {\"fixed\": \"3450.00\"}, got 0"])
    }

    @Test func perUnitWithoutAQuantity() throws {
        #expect(
            try Self.errors(fee: Self.minutes + #","price":[{"per_unit":{"price":"1.00"}}]"#)
                == ["\(Self.file): fees.f.price[0].per_unit: prices a quantity, but the fee declares none; add \"quantity\" to the fee"])
    }

    @Test func percentOfAChoiceInput() throws {
        #expect(
            try Self.errors(fee: Self.choice + #","price":[{"percent":{"of":"c","percent":"1"}}]"#)
                == ["\(Self.file): fees.f.price[0].percent.of: names the input \"c\", which is a choice; expected an integer or decimal input"])
        #expect(
            try Self.errors(fee: #""price":[{"percent":{"of":"x","percent":"1"}}]"#)
                == ["\(Self.file): fees.f.price[0].percent.of: names the input \"x\", which the fee does not declare (declared: none)"])
    }

    @Test func lookupCaseThatIsNotAValueOfTheChoice() throws {
        #expect(
            try Self.errors(
                fee: Self.choice
                    + #","price":[{"lookup":{"input":"c","cases":{"a":[{"fixed":"1.00"}],"d":[{"fixed":"2.00"}]},"otherwise":[{"fixed":"0.00"}]}}]"#)
                == ["\(Self.file): fees.f.price[0].lookup.cases.d: is not a value of the input c (expected one of: a, b, c)"])
    }

    /// A lookup may leave values out: the tariff does not offer them (`not_offered` at request
    /// time, FeeEngineTests), as an empty cell of a printed table.
    @Test func lookupLeavingChoiceValuesOutLoads() throws {
        #expect(try Self.errors(fee: Self.choice + #","price":[{"lookup":{"input":"c","cases":{"b":[{"fixed":"1.00"}]}}}]"#) == [])
    }

    @Test func lookupCaseKeysOfAnIntegerInput() throws {
        #expect(
            try Self.errors(fee: Self.minutes + #","price":[{"lookup":{"input":"m","cases":{"007":[{"fixed":"1.00"}]}}}]"#)
                == ["\(Self.file): fees.f.price[0].lookup.cases[\"007\"]: expected an integer from 0 to 1000 as the case key, the input m being an integer"])
        #expect(
            try Self.errors(fee: Self.minutes + #","price":[{"lookup":{"input":"m","cases":{"1001":[{"fixed":"1.00"}]}}}]"#)
                == ["\(Self.file): fees.f.price[0].lookup.cases[\"1001\"]: expected an integer from 0 to 1000 as the case key, the input m being an integer"])
    }

    @Test func bandsNotIncreasing() throws {
        let decimal = #""inputs":{"o":{"type":"decimal","scale":2,"min":"0","max":"100"}}"#
        #expect(
            try Self.errors(
                fee: decimal
                    + #","price":[{"bands":{"input":"o","bands":[{"up_to":"10","price":[{"fixed":"1.00"}]},{"up_to":"10.00","price":[{"fixed":"2.00"}]}]}}]"#)
                == ["\(Self.file): fees.f.price[0].bands.bands[1].up_to: is 10, not above the previous band's top 10; list bands from the lowest"])
        #expect(
            try Self.errors(
                fee: decimal
                    + #","price":[{"bands":{"input":"o","bands":[{"up_to":"50","price":[{"fixed":"1.00"}]},{"up_to":"20.5","price":[{"fixed":"2.00"}]}]}}]"#)
                == ["\(Self.file): fees.f.price[0].bands.bands[1].up_to: is 20.5, not above the previous band's top 50; list bands from the lowest"])
    }

    @Test func amountsAreDecimalStringsOfAtMostTwoDecimals() throws {
        #expect(
            try Self.errors(fee: #""price":[{"fixed":"1.001"}]"#)
                == [
                    "\(Self.file): fees.f.price[0].fixed: expected an amount in kronor with at most 2 decimals, got \"1.001\"; a factor such as this is written {\"multiply\": \"1.001\"} or as a share of an index ({\"index\": \"PBB\", \"times\": \"1.001\"})"
                ])
        #expect(
            try Self.errors(fee: #""price":[{"fixed":1}]"#)
                == [
                    "\(Self.file): fees.f.price[0].fixed: expected an amount: a string in kronor such as \"3450.00\", {\"index\": \"PBB\", \"percent\": \"1.5\"}, {\"base\": \"1201.00\", \"indexed_by\": {…}} or {\"use\": NAME}; got an integer"
                ])
        #expect(
            try Self.errors(fee: #""price":[{"fixed":{"index":"PBB","percent":"1","times":"0.01"}}]"#)
                == ["\(Self.file): fees.f.price[0].fixed: expected exactly one of \"percent\" (e.g. \"1.5\") or \"times\" (e.g. \"0.5392\")"])
    }

    // MARK: - Quantities and groups

    @Test func groupMembersPricedDifferently() throws {
        let errors = try FeeFixture.errors(
            #""fees":{"#
                + #""a":{"name":"A","text":"t","inputs":{"m":{"type":"integer"}},"quantity":{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"year","group":"tid"},"price":[{"per_unit":{"price":"1201.00","per":60}}]},"#
                + #""b":{"name":"B","text":"t","inputs":{"m":{"type":"integer"}},"quantity":{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"year","group":"tid"},"price":[{"per_unit":{"price":"1201.00","per":60}}]},"#
                + #""c":{"name":"C","text":"t","inputs":{"m":{"type":"integer"}},"quantity":{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"day","group":"tid"},"price":[{"per_unit":{"price":"1201.00","per":60}}]}"#
                + "}")
        #expect(
            errors == [
                "\(Self.file): fees.c.quantity.group: is in the group \"tid\" with a but is summed or priced differently; fees of one group share the same quantity and price"
            ])
    }

    @Test func quantityRules() throws {
        #expect(
            try Self.errors(fee: Self.choice + #","quantity":{"input":"c","unit":"st","scope":"item"},"price":[{"per_unit":{"price":"1.00"}}]"#)
                == ["\(Self.file): fees.f.quantity.input: names the input \"c\", which is a choice; expected an integer or decimal input"])
        #expect(
            try Self.errors(fee: Self.minutes + #","quantity":{"input":"m","unit":"min","increment":15,"scope":"day"},"price":[{"per_unit":{"price":"1.00"}}]"#)
                == ["\(Self.file): fees.f.quantity.rounding: missing required key \"rounding\" (up, half_up or down): how a part of an increment is billed"])
        #expect(
            try Self.errors(
                fee: Self.minutes + #","quantity":{"input":"m","unit":"min","rounding":"up","scope":"day"},"price":[{"per_unit":{"price":"1.00"}}]"#)
                == ["\(Self.file): fees.f.quantity.increment: rounds to an increment, but \"increment\" is missing"])
        #expect(
            try Self.errors(fee: Self.minutes + #","quantity":{"input":"m","unit":"min","scope":"week"},"price":[{"per_unit":{"price":"1.00"}}]"#)
                == ["\(Self.file): fees.f.quantity.scope: expected a scope, one of: item, day, month, year, request; got \"week\""])
    }

    // MARK: - Caps

    @Test func capNamingAnUnknownFee() throws {
        #expect(
            try Self.errors(
                fee: #""price":[{"fixed":"1.00"}]"#,
                extra: #","caps":[{"key":"tak","name":"Tak","text":"t","fees":["f","g"],"period":"month","amount":"100.00"}]"#)
                == ["\(Self.file): caps[0].fees[1]: names the fee \"g\", which this version does not have"])
    }

    @Test func capNamingAFeeSummedPerYear() throws {
        #expect(
            try Self.errors(
                fee: Self.minutes + #","quantity":{"input":"m","unit":"min","scope":"year"},"price":[{"per_unit":{"price":"1.00"}}]"#,
                extra: #","caps":[{"key":"tak","name":"Tak","text":"t","fees":["f"],"period":"month","amount":"100.00"}]"#)
                == ["\(Self.file): caps[0].fees[0]: names the fee \"f\", summed per year; a monthly cap needs fees summed per item, day or month"])
        #expect(
            try Self.errors(
                fee: #""price":[{"fixed":"1.00"}]"#,
                extra: #","caps":[{"key":"tak","name":"Tak","text":"t","fees":["f"],"period":"year","amount":"100.00"}]"#)
                == ["\(Self.file): caps[0].period: expected \"month\" (caps apply per calendar month), got \"year\""])
    }

    // MARK: - Inputs and keys

    @Test func decimalInputMinAboveMax() throws {
        #expect(
            try Self.errors(fee: #""inputs":{"d":{"type":"decimal","scale":2,"min":"10","max":"9.99"}},"price":[{"fixed":"1.00"}]"#)
                == ["\(Self.file): fees.f.inputs.d.max: min 10 is above max 9.99"])
        #expect(
            try Self.errors(fee: #""inputs":{"n":{"type":"integer","min":5,"max":1}},"price":[{"fixed":"1.00"}]"#)
                == ["\(Self.file): fees.f.inputs.n.max: min 5 is above max 1"])
        #expect(
            try Self.errors(fee: #""inputs":{"d":{"type":"decimal","scale":5}},"price":[{"fixed":"1.00"}]"#)
                == ["\(Self.file): fees.f.inputs.d.scale: expected an integer from 0 to 4, got 5"])
    }

    @Test func aDefaultMustBeAValidValue() throws {
        #expect(
            try Self.errors(fee: #""inputs":{"n":{"type":"integer","min":0,"max":5,"default":7}},"price":[{"fixed":"1.00"}]"#)
                == ["\(Self.file): fees.f.inputs.n.default: expected an integer from 0 to 5, got 7"])
        #expect(
            try Self.errors(fee: #""inputs":{"c":{"type":"choice","values":["a","b"],"default":"c"}},"price":[{"fixed":"1.00"}]"#)
                == ["\(Self.file): fees.f.inputs.c.default: expected one of: a, b; got \"c\""])
        #expect(
            try Self.errors(fee: #""inputs":{"c":{"type":"choice","values":["a","a"]}},"price":[{"fixed":"1.00"}]"#)
                == ["\(Self.file): fees.f.inputs.c.values[1]: \"a\" is listed twice"])
    }

    @Test func unknownInputType() throws {
        #expect(
            try Self.errors(fee: #""inputs":{"d":{"type":"text"}},"price":[{"fixed":"1.00"}]"#)
                == ["\(Self.file): fees.f.inputs.d.type: expected an input type, one of: integer, decimal, choice; got \"text\""])
    }

    @Test func badFeeKeysAndNames() throws {
        #expect(
            try FeeFixture.errors(#""fees":{"Tillsyn-1":{"name":"F","text":"t","price":[{"fixed":"1.00"}]}}"#)
                == ["\(Self.file): fees[\"Tillsyn-1\"]: a fee key \"Tillsyn-1\" must be 1–60 characters of a–z, 0–9 and _"])
        #expect(
            try Self.errors(fee: #""inputs":{"Omsättning":{"type":"integer"}},"price":[{"fixed":"1.00"}]"#)
                == ["\(Self.file): fees.f.inputs[\"Omsättning\"]: an input name \"Omsättning\" must be 1–60 characters of a–z, 0–9 and _"])
        #expect(
            try FeeFixture.errors(#""fees":{}"#)
                == ["\(Self.file): fees: expected an object of 1–200 fees keyed by fee key, got 0 fees"])
        #expect(
            try Self.errors(fee: #""prise":[{"fixed":"1.00"}]"#)
                == ["\(Self.file): fees.f.prise: unknown key \"prise\"; expected only: name, paragraph, text, inputs, quantity, price, accounting, vat"])
    }

    // MARK: - Examples

    static let exampleFees = #""fees":{"a":{"name":"A","text":"t","price":[{"fixed":"100.00"}]}}"#

    static func example(_ total: String, _ items: String, vat: String = "") -> String {
        #"{"name":"Ex","source":"s","request":{"items":\#(items)},"total":"\#(total)"\#(vat)}"#
    }

    @Test func anExampleWhoseTotalIsAltered() throws {
        let examples = [
            Self.example("100.00", #"[{"fee":"a","date":"2024-02-01"}]"#),
            Self.example("100.01", #"[{"fee":"a","date":"2024-02-01"}]"#),
        ]
        let report = try FeeFixture.load([
            "t/a/2024-01-01.json": FeeFixture.version(Self.exampleFees + #","examples":["# + examples.joined(separator: ",") + "]")
        ])
        #expect(report.tariffSet == nil)
        #expect(
            report.errors.map(\.description)
                == [
                    "\(Self.file): examples[1].total: the example \"Ex\" is priced at 100.00, but the tariff publishes 100.01; correct the tariff or the example"
                ])
    }

    @Test func anExampleWhoseVATIsAltered() throws {
        let body =
            #""vat":{"rate":"25","included":false,"rounding":{"step":"0.01","mode":"half_up"},"text":"t"},"# + Self.exampleFees
            + #","examples":["# + Self.example("125.00", #"[{"fee":"a","date":"2024-02-01"}]"#, vat: #","vat":"24.99""#) + "]"
        #expect(try FeeFixture.errors(body) == ["\(Self.file): examples[0].vat: the example \"Ex\" has VAT 25.00, but the tariff publishes 24.99"])
    }

    @Test func anExampleThatCannotBePriced() throws {
        var body = Self.exampleFees + #","examples":["# + Self.example("100.00", #"[{"fee":"b","date":"2024-02-01"}]"#) + "]"
        #expect(
            try FeeFixture.errors(body)
                == [
                    "\(Self.file): examples[0].request: the example \"Ex\" cannot be priced: unknown_fee at items[0].fee: t/a (version 2024-01-01) has no fee \"b\"; expected one of: a"
                ])
        body = Self.exampleFees + #","examples":["# + Self.example("100.00", #"[{"fee":"a","date":"2023-12-31"}]"#) + "]"
        #expect(
            try FeeFixture.errors(body)
                == [
                    "\(Self.file): examples[0].request: the example \"Ex\" cannot be priced: no_tariff_in_force at items[0].date: t/a has no version in force on 2023-12-31; the earliest version is valid from 2024-01-01, decided 2024-01-01"
                ])
        body = Self.exampleFees + #","examples":["# + Self.example("100.00", "[]") + "]"
        #expect(
            try FeeFixture.errors(body)
                == [
                    "\(Self.file): examples[0].request: the example \"Ex\" cannot be priced: invalid_request at items: expected an array of 1–10000 items {\"fee\", \"date\", \"inputs\"?}, got 0"
                ])
        body = Self.exampleFees + #","examples":[{"name":"Ex","request":{"id":"x","items":[{"fee":"a","date":"2024-02-01"}]},"total":"100.00"}]"#
        #expect(
            try FeeFixture.errors(body)
                == ["\(Self.file): examples[0].request.id: an example's request names no id: the tariff's own is used"])
    }

    @Test func everyReferenceTariffPricesItsPublishedExamples() throws {
        let report = TariffLoader.load(root: TestSupport.path("Fixtures/reference-tariffs"))
        #expect(report.errors.isEmpty, "\(report.errors)")
        let set = try #require(report.tariffSet)
        let examples = set.tariffs.values.flatMap { $0.versions.flatMap(\.examples) }
        #expect(examples.count >= 13)
        #expect(ExampleCheck.run(set).isEmpty)
    }

    // MARK: - Index series the tariff names

    /// Regression, found by these tests and fixed: a `fees` tariff naming an amount index series that is not recorded
    /// ("PPB" for "PBB") passes `taxa check` with 0 errors, and then every request for the fee
    /// fails with `index_missing: the index series PPB is not loaded`. The hourly kind refuses the
    /// same mistake at load (Fixtures/broken-tariffs/index-series-missing). Expected: a load
    /// error naming the file and the amount's path.
    @Test func anUnknownAmountSeriesIsRefusedAtLoad() throws {
        let errors = try Self.errors(fee: #""price":[{"fixed":{"index":"PPB","percent":"1.5"}}]"#)
        #expect(errors.count == 1, "taxa check passes a tariff naming the unknown series PPB")
        #expect(errors.first?.hasPrefix("\(Self.file): fees.f.price[0].fixed") == true)
        #expect(errors.first?.contains("PPB") == true)
    }

    /// Regression, found by these tests and fixed: likewise an indexed amount chained by a series that is not recorded, or by
    /// an amount series (PBB, kronor) instead of a percentage series, loads without error; the
    /// hourly kind refuses both (Fixtures/broken-tariffs/index-amount-series-for-indexation).
    @Test func anIndexationByAnUnknownOrAmountSeriesIsRefusedAtLoad() throws {
        for series in ["PVK", "PBB"] {
            let amount =
                #"{"base":"100.00","indexed_by":{"series":"\#(series)","publication_month":10,"publication_years_before":1,"rounding":{"step":"1.00","mode":"half_up"},"paragraph":"2 §","text":"t"}}"#
            let errors = try Self.errors(fee: #""price":[{"fixed":\#(amount)}]"#)
            #expect(errors.count == 1, "taxa check passes a fee indexed by \(series)")
            #expect(errors.first?.hasPrefix("\(Self.file): fees.f.price[0].fixed") == true)
        }
    }
}
