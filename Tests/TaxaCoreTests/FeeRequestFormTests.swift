import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The request form of `fees` tariffs at its edges: 1–10 000 items, each `{"fee", "date",
/// "inputs"?}` checked against the fee of the version in force; every refusal is one error
/// record with a code, the JSON path and what was expected.
@Suite struct FeeRequestFormTests {
    static let tariffs: TariffSet = {
        let fees = [
            #""tid":{"name":"Tid","text":"t","inputs":{"m":{"type":"integer","min":0,"max":1000},"typ":{"type":"choice","values":["a","b"],"default":"a"}},"quantity":{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"day"},"price":[{"per_unit":{"price":"60.00","per":60}}]}"#,
            #""belopp":{"name":"Belopp","text":"t","inputs":{"d":{"type":"decimal","scale":2,"min":"0","max":"1000.00","default":"150.00"}},"price":[{"percent":{"of":"d","percent":"100"}}]}"#,
            #""klass":{"name":"Klass","text":"t","inputs":{"typ":{"type":"choice","values":["a","b"],"default":"b"}},"price":[{"lookup":{"input":"typ","cases":{"a":[{"fixed":"10.00"}],"b":[{"fixed":"20.00"}]}}}]}"#,
            #""summa":{"name":"Summa","text":"t","inputs":{"m":{"type":"integer","min":0,"max":1000}},"quantity":{"input":"m","unit":"st","scope":"request"},"price":[{"per_unit":{"price":"1.00"}}]}"#,
            #""fast":{"name":"Fast","text":"t","price":[{"fixed":"1.00"}]}"#,
        ]
        return try! FeeFixture.tariffs(#""fees":{"# + fees.joined(separator: ",") + "}")
    }()

    static func answer(_ body: String) -> FeeFixture.Result {
        FeeFixture.Result(TestSupport.answer(#"{"id":"r","tariff":"t/a",\#(body)}"#, tariffs: tariffs))
    }

    static func items(_ count: Int, _ item: String) -> String {
        #""items":["# + Array(repeating: item, count: count).joined(separator: ",") + "]"
    }

    // MARK: - The number of items

    @Test func noItemsIsRefused() {
        #expect(
            Self.answer(#""items":[]"#).errorText
                == #"invalid_request @ items: expected an array of 1–10000 items {"fee", "date", "inputs"?}, got 0"#)
    }

    @Test func tenThousandItemsAreAccepted() {
        let result = Self.answer(Self.items(10_000, #"{"fee":"summa","date":"2024-06-01","inputs":{"m":1}}"#))
        #expect(result.ok)
        #expect(result.sums == ["10000"])
        #expect(result.total == "10000.00")
    }

    @Test func tenThousandAndOneItemsAreRefused() {
        #expect(
            Self.answer(Self.items(10_001, #"{"fee":"fast","date":"2024-06-01"}"#)).errorText
                == #"invalid_request @ items: expected an array of 1–10000 items {"fee", "date", "inputs"?}, got 10001"#)
    }

    @Test func itemsMustBeAnArrayOfObjects() {
        #expect(
            Self.answer(#""items":{}"#).errorText
                == #"invalid_request @ items: expected an array of 1–10000 items {"fee", "date", "inputs"?}, got an object"#)
        #expect(Self.answer(#""items":[{"fee":"fast","date":"2024-06-01"},"fast"]"#).error["path"] as? String == "items[1]")
        #expect(Self.answer(#""id2":1,"items":[{"fee":"fast","date":"2024-06-01"}]"#).error["path"] as? String == "id2")
    }

    // MARK: - Fee and date

    @Test func unknownFee() {
        #expect(
            Self.answer(#""items":[{"fee":"fast","date":"2024-06-01"},{"fee":"tillsyn","date":"2024-06-01"}]"#).errorText
                == #"unknown_fee @ items[1].fee: t/a (version 2024-01-01) has no fee "tillsyn"; expected one of: tid, belopp, klass, summa, fast"#)
    }

    @Test func itemKeys() {
        #expect(Self.answer(#""items":[{"date":"2024-06-01"}]"#).errorText == #"invalid_request @ items[0].fee: missing required key "fee""#)
        #expect(Self.answer(#""items":[{"fee":"fast"}]"#).errorText == #"invalid_request @ items[0].date: missing required key "date""#)
        #expect(
            Self.answer(#""items":[{"fee":"fast","date":"2024-06-01","antal":1}]"#).errorText
                == #"invalid_request @ items[0].antal: unknown key "antal"; expected only: fee, date, inputs"#)
        #expect(
            Self.answer(#""items":[{"fee":"fast","date":"2024-02-30"}]"#).errorText
                == #"invalid_request @ items[0].date: expected a date as YYYY-MM-DD that exists in the calendar, got "2024-02-30""#)
        #expect(
            Self.answer(#""items":[{"fee":"fast","date":"2023-12-31"}]"#).errorText
                == "no_tariff_in_force @ items[0].date: t/a has no version in force on 2023-12-31; the earliest version is valid from 2024-01-01, decided 2024-01-01"
        )
    }

    // MARK: - Inputs

    @Test func inputsMustBeAnObject() {
        #expect(
            Self.answer(#""items":[{"fee":"tid","date":"2024-06-01","inputs":[7]}]"#).errorText
                == #"invalid_request @ items[0].inputs: expected the inputs as a JSON object such as {"minutes": 30}, got an array"#)
        #expect(
            Self.answer(#""items":[{"fee":"tid","date":"2024-06-01","inputs":null}]"#).errorText
                == #"invalid_request @ items[0].inputs: expected the inputs as a JSON object such as {"minutes": 30}, got null"#)
    }

    @Test func unknownInput() {
        #expect(
            Self.answer(#""items":[{"fee":"tid","date":"2024-06-01","inputs":{"m":7,"minuter":7}}]"#).errorText
                == #"invalid_request @ items[0].inputs.minuter: unknown input "minuter"; the fee tid takes only: m, typ"#)
        #expect(
            Self.answer(#""items":[{"fee":"fast","date":"2024-06-01","inputs":{"m":7}}]"#).errorText
                == #"invalid_request @ items[0].inputs.m: unknown input "m"; the fee fast takes no inputs"#)
    }

    @Test func missingRequiredInput() {
        #expect(
            Self.answer(#""items":[{"fee":"fast","date":"2024-06-01"},{"fee":"tid","date":"2024-06-01","inputs":{"typ":"a"}}]"#).errorText
                == #"invalid_request @ items[1].inputs.m: missing required input "m" of the fee tid (an integer from 0 to 1000)"#)
        #expect(
            Self.answer(#""items":[{"fee":"tid","date":"2024-06-01"}]"#).errorText
                == #"invalid_request @ items[0].inputs.m: missing required input "m" of the fee tid (an integer from 0 to 1000)"#)
    }

    @Test func defaultsAreApplied() {
        #expect(Self.answer(#""items":[{"fee":"belopp","date":"2024-06-01"}]"#).total == "150.00")
        #expect(Self.answer(#""items":[{"fee":"belopp","date":"2024-06-01","inputs":{}}]"#).total == "150.00")
        #expect(Self.answer(#""items":[{"fee":"belopp","date":"2024-06-01","inputs":{"d":"200"}}]"#).total == "200.00")
        #expect(Self.answer(#""items":[{"fee":"klass","date":"2024-06-01"}]"#).total == "20.00")
        #expect(Self.answer(#""items":[{"fee":"klass","date":"2024-06-01","inputs":{"typ":"a"}}]"#).total == "10.00")
        // An item giving the default explicitly is summed with one leaving it out.
        let summed = Self.answer(#""items":[{"fee":"tid","date":"2024-06-01","inputs":{"m":7}},{"fee":"tid","date":"2024-06-01","inputs":{"m":7,"typ":"a"}}]"#)
        #expect(summed.sums == ["14"])
        #expect(summed.total == "15.00")
    }

    @Test func decimalInputs() {
        #expect(
            Self.answer(#""items":[{"fee":"belopp","date":"2024-06-01","inputs":{"d":"1.001"}}]"#).errorText
                == #"invalid_request @ items[0].inputs.d: expected a decimal string from 0 to 1000 with at most 2 decimals, e.g. "150.25"; got "1.001""#)
        #expect(
            Self.answer(#""items":[{"fee":"belopp","date":"2024-06-01","inputs":{"d":"1000.01"}}]"#).errorText
                == #"invalid_request @ items[0].inputs.d: expected a decimal from 0 to 1000, got "1000.01""#)
        #expect(
            Self.answer(#""items":[{"fee":"belopp","date":"2024-06-01","inputs":{"d":"-0.01"}}]"#).errorText
                == #"invalid_request @ items[0].inputs.d: expected a decimal from 0 to 1000, got "-0.01""#)
        #expect(
            Self.answer(#""items":[{"fee":"belopp","date":"2024-06-01","inputs":{"d":12}}]"#).errorText
                == #"invalid_request @ items[0].inputs.d: expected a decimal string from 0 to 1000 with at most 2 decimals, e.g. "150.25"; got an integer"#)
        for text in ["1e3", "+5", "01", "1.", ".5", " 5", "5 ", "1,5"] {
            #expect(
                Self.answer(#""items":[{"fee":"belopp","date":"2024-06-01","inputs":{"d":"\#(text)"}}]"#).error["path"] as? String
                    == "items[0].inputs.d", "\(text)")
        }
        #expect(Self.answer(#""items":[{"fee":"belopp","date":"2024-06-01","inputs":{"d":"1000.00"}}]"#).total == "1000.00")
        #expect(Self.answer(#""items":[{"fee":"belopp","date":"2024-06-01","inputs":{"d":"0"}}]"#).total == "0.00")
    }

    @Test func integerInputs() {
        #expect(
            Self.answer(#""items":[{"fee":"tid","date":"2024-06-01","inputs":{"m":1001}}]"#).errorText
                == "invalid_request @ items[0].inputs.m: expected an integer from 0 to 1000, got 1001")
        #expect(
            Self.answer(#""items":[{"fee":"tid","date":"2024-06-01","inputs":{"m":-1}}]"#).errorText
                == "invalid_request @ items[0].inputs.m: expected an integer from 0 to 1000, got -1")
        #expect(
            Self.answer(#""items":[{"fee":"tid","date":"2024-06-01","inputs":{"m":"7"}}]"#).errorText
                == "invalid_request @ items[0].inputs.m: expected an integer from 0 to 1000, got a string")
        #expect(
            Self.answer(#""items":[{"fee":"tid","date":"2024-06-01","inputs":{"m":7.5}}]"#).errorText
                == "invalid_request @ items[0].inputs.m: expected an integer from 0 to 1000, got a real number")
        // Beyond 64 bits the JSON parser itself refuses the line.
        #expect(
            Self.answer(#""items":[{"fee":"tid","date":"2024-06-01","inputs":{"m":99999999999999999999999}}]"#).error["code"] as? String
                == "invalid_json")
        #expect(Self.answer(#""items":[{"fee":"tid","date":"2024-06-01","inputs":{"m":1000}}]"#).total == "1005.00")
    }

    @Test func choiceInputs() {
        #expect(
            Self.answer(#""items":[{"fee":"klass","date":"2024-06-01","inputs":{"typ":"c"}}]"#).errorText
                == #"invalid_request @ items[0].inputs.typ: expected one of: a, b; got "c""#)
        #expect(
            Self.answer(#""items":[{"fee":"klass","date":"2024-06-01","inputs":{"typ":"A"}}]"#).errorText
                == #"invalid_request @ items[0].inputs.typ: expected one of: a, b; got "A""#)
    }

    // MARK: - The other request forms

    @Test func entriesSentToAFeesTariffAreRefused() {
        #expect(
            Self.answer(#""entries":[{"date":"2024-06-01","activity":"tid","minutes":7}]"#).errorText
                == #"invalid_request @ entries: unknown key "entries"; expected only: id, tariff, as_of, explain, meta, items, adjustment"#)
        #expect(
            Self.answer(#""items":[{"fee":"fast","date":"2024-06-01"}],"entries":[]"#).errorText
                == #"invalid_request @ entries: unknown key "entries"; expected only: id, tariff, as_of, explain, meta, items, adjustment"#)
    }

    @Test func itemsSentToTheHourlyTariffAreRefused() {
        let result = FeeFixture.Result(TestSupport.answer(#"{"id":"r","tariff":"oxelosund/laff","items":[{"fee":"tillsyn","date":"2024-03-05"}]}"#))
        #expect(result.errorText == #"invalid_request @ items: unknown key "items"; expected only: id, tariff, as_of, explain, meta, entries, adjustment"#)
    }

    /// Through the binary: every line gets exactly one answer in order, bad lines among good ones.
    @Test func eachLineIsAnsweredOnItsOwn() throws {
        let root = try FeeFixture.root(["t/a/2024-01-01.json": FeeFixture.version(#""fees":{"fast":{"name":"Fast","text":"t","price":[{"fixed":"3450.00"}]}}"#)]
        )
        defer { try? FileManager.default.removeItem(at: root) }
        let input =
            [
                #"{"id":"1","tariff":"t/a","items":[{"fee":"fast","date":"2024-06-01"}]}"#,
                #"{"id":"2","tariff":"t/a","items":[{"fee":"fast","date":"2024-06-01","inputs":{"x":1}}]}"#,
                #"{"id":"3","tariff":"t/a","items":[]}"#,
                #"{"id":"4","tariff":"t/a","items":[{"fee":"nej","date":"2024-06-01"}]}"#,
                #"{"id":"5","tariff":"t/a","items":[{"fee":"fast","date":"2024-06-01"},{"fee":"fast","date":"2024-06-02"}]}"#,
            ].joined(separator: "\n") + "\n"
        let run = try TestSupport.runTaxa(["--tariffs", root.path], input: Data(input.utf8))
        #expect(run.status == 0)
        let answers = run.stdout.split(separator: "\n").map { FeeFixture.Result(String($0)) }
        #expect(answers.map { $0.object["id"] as? String } == ["1", "2", "3", "4", "5"])
        #expect(answers.map(\.ok) == [true, false, false, false, true])
        #expect(
            answers.map { $0.total ?? ($0.error["code"] as? String ?? "?") }
                == ["3450.00", "invalid_request", "invalid_request", "unknown_fee", "6900.00"])
    }
}
