import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// A price decided on a summed quantity is decided on the line's billed quantity: summed over
/// the fee's scope, less `less`, in whole increments. "1–19 sidor avgiftsfritt, 20 sidor eller
/// fler 70 kr" priced 10 + 15 pages at 0,00 kr when the band read the first item's 10.
@Suite struct SummedDecisionTests {
    typealias Fixture = FeeFixture

    static let tariffs: TariffSet = {
        let fees = [
            // Summed per request, banded on the quantity input.
            #""kopior":{"name":"Kopior","text":"1–19 sidor avgiftsfritt, 20 sidor eller fler 70 kr.","inputs":{"sidor":{"type":"integer","min":1,"max":1000}},"quantity":{"input":"sidor","unit":"sidor","scope":"request"},"price":[{"bands":{"input":"sidor","bands":[{"up_to":"19","price":[{"fixed":"0.00"}]},{"up_to":"100","price":[{"fixed":"70.00"}]}]}}]}"#,
            // Summed per day in started quarter hours; up to an hour a fixed fee, then per minute.
            #""tid":{"name":"Tid","text":"t","inputs":{"minuter":{"type":"integer","min":0,"max":600}},"quantity":{"input":"minuter","unit":"min","increment":15,"rounding":"up","scope":"day"},"price":[{"bands":{"input":"minuter","bands":[{"up_to":"60","price":[{"fixed":"500.00"}]},{"up_to":"100000","price":[{"per_unit":{"price":"600.00","per":60}}]}]}}]}"#,
            // A lookup on a quantity summed per month, less a budgeted count of 2.
            #""besok":{"name":"Besök","text":"t","inputs":{"antal":{"type":"integer","min":0,"max":10}},"quantity":{"input":"antal","unit":"besök","less":2,"scope":"month"},"price":[{"lookup":{"input":"antal","cases":{"0":[{"fixed":"0.00"}],"1":[{"fixed":"100.00"}],"12":[{"fixed":"999.00"}]},"otherwise":[{"fixed":"250.00"}]}}]}"#,
            // A percentage of a turnover summed per year.
            #""omsattning":{"name":"Omsättning","text":"t","inputs":{"kr":{"type":"decimal","scale":2,"min":"0","max":"1000000.00"},"slag":{"type":"choice","values":["a","b"],"default":"a"}},"quantity":{"input":"kr","unit":"kr","scope":"year"},"price":[{"percent":{"of":"kr","percent":"1"}},{"lookup":{"input":"slag","cases":{"a":[{"share":"1"}],"b":[{"share":"0.5"}]}}}]}"#,
        ]
        return try! Fixture.tariffs(#""fees":{"# + fees.joined(separator: ",") + "}")
    }()

    static func items(_ fee: String, _ inputs: [String], dates: [String]? = nil) -> String {
        "["
            + inputs.enumerated().map { index, input in
                #"{"fee":"\#(fee)","date":"\#(dates?[index] ?? "2024-03-01")","inputs":\#(input)}"#
            }.joined(separator: ",") + "]"
    }

    @Test func aBandOnASummedQuantityDecidesOnTheSum() {
        // 25 pages in one item and 10 + 15 pages in two: the same 25 pages, the same 70,00 kr.
        let one = Fixture.price(Self.tariffs, Self.items("kopior", [#"{"sidor":25}"#]))
        let two = Fixture.price(Self.tariffs, Self.items("kopior", [#"{"sidor":10}"#, #"{"sidor":15}"#]))
        #expect(one.amounts == ["70.00"])
        #expect(two.amounts == ["70.00"])
        #expect(two.feeLines.first?["text"] as? String == "Kopior: 25 sidor = 70,00 kr")
        // 10 + 9 = 19 pages: free, in either order.
        #expect(Fixture.price(Self.tariffs, Self.items("kopior", [#"{"sidor":10}"#, #"{"sidor":9}"#])).amounts == ["0.00"])
        #expect(Fixture.price(Self.tariffs, Self.items("kopior", [#"{"sidor":15}"#, #"{"sidor":10}"#])).amounts == ["70.00"])
    }

    @Test func theExplanationSaysTheBandIsChosenByTheBilledQuantity() {
        let result = Fixture.price(Self.tariffs, Self.items("kopior", [#"{"sidor":10}"#, #"{"sidor":15}"#]), extra: #""explain":true"#)
        let explanation = result.feeLines.first?["explanation"] as? [String] ?? []
        #expect(explanation.contains("sidor 25 (debiterad mängd): band 2, över 19 och till och med 100."))
    }

    @Test func aSumAboveTheHighestBandIsRefusedNamingTheBilledQuantity() {
        // 60 + 50 = 110 pages, above the last band's 100, though each item is below it.
        let result = Fixture.price(Self.tariffs, Self.items("kopior", [#"{"sidor":60}"#, #"{"sidor":50}"#]))
        #expect(result.error["code"] as? String == "invalid_request")
        #expect(result.error["path"] as? String == "items[0].inputs.sidor")
        #expect(
            result.error["message"] as? String
                == "is 110 (the billed quantity of the line), above the highest band of kopior (up to 100); the tariff states no fee above it")
    }

    @Test func aBandDecidesOnTheQuantityInWholeIncrements() {
        // 50 + 5 = 55 min → 60 min billed: band 1, 500,00 kr. 50 + 11 = 61 min → 75 min: band 2,
        // 75 × 600 ÷ 60 = 750,00 kr. Each item alone would be in band 1.
        #expect(Fixture.price(Self.tariffs, Self.items("tid", [#"{"minuter":50}"#, #"{"minuter":5}"#])).amounts == ["500.00"])
        let result = Fixture.price(Self.tariffs, Self.items("tid", [#"{"minuter":50}"#, #"{"minuter":11}"#]))
        #expect(result.amounts == ["750.00"])
        #expect(result.feeLines.first?["text"] as? String == "Tid 2024-03-01: 75 min à 600,00 kr per 60 min = 750,00 kr")
        // On two days the minutes are two lines, each in band 1.
        let days = Fixture.price(
            Self.tariffs, Self.items("tid", [#"{"minuter":50}"#, #"{"minuter":11}"#], dates: ["2024-03-01", "2024-03-02"]))
        #expect(days.amounts == ["500.00", "500.00"])
    }

    @Test func aLookupOnASummedQuantityFindsTheCaseOfTheBilledQuantity() {
        // 1 + 2 visits less the budgeted 2 = 1: the case "1", 100,00 kr (the first item's 1 less 2
        // would be −1, "otherwise").
        #expect(Fixture.price(Self.tariffs, Self.items("besok", [#"{"antal":1}"#, #"{"antal":2}"#])).amounts == ["100.00"])
        // 2 visits less 2 = 0: the case "0".
        #expect(Fixture.price(Self.tariffs, Self.items("besok", [#"{"antal":2}"#])).amounts == ["0.00"])
        // 7 + 7 less 2 = 12: a case above one item's range of 0–10 is allowed for a summed quantity.
        #expect(Fixture.price(Self.tariffs, Self.items("besok", [#"{"antal":7}"#, #"{"antal":7}"#])).amounts == ["999.00"])
        #expect(Fixture.price(Self.tariffs, Self.items("besok", [#"{"antal":5}"#])).amounts == ["250.00"])
    }

    /// A refused request lists each item's errors priced alone, but not a decision its summed
    /// line makes: 5 + 1 pages have a price where 5 alone has none (found by the reference
    /// interpreter: `error` named items[0] of a line that prices, not the one bad input).
    @Test func theErrorsOfARefusedRequestHoldNoDecisionOfASummedLine() throws {
        let set = try Fixture.tariffs(
            #""fees":{"sidor":{"name":"Sidor","text":"t","inputs":{"q":{"type":"integer","min":0,"max":10},"n":{"type":"integer","min":0,"max":5,"default":0}},"quantity":{"input":"q","unit":"st","scope":"request"},"price":[{"lookup":{"input":"q","cases":{"6":[{"fixed":"100.00"}]}}}]}}"#
        )
        #expect(Fixture.price(set, Self.items("sidor", [#"{"q":5}"#, #"{"q":1}"#])).amounts == ["100.00"])
        let refused = Fixture.price(set, Self.items("sidor", [#"{"q":5}"#, #"{"q":1}"#, #"{"q":1,"n":9}"#]))
        let errors = try #require(refused.object["errors"] as? [[String: Any]])
        #expect(errors.map { "\($0["code"] as? String ?? "?") @ \($0["path"] as? String ?? "?")" } == ["invalid_request @ items[2].inputs.n"])
        #expect(refused.errorText == "invalid_request @ items[2].inputs.n: expected an integer from 0 to 5, got 9")
        // The summed line's own refusal (5 + 2 = 7 pages, no case) comes from pricing the request.
        #expect(
            Fixture.price(set, Self.items("sidor", [#"{"q":5}"#, #"{"q":2}"#])).errorText
                == "not_offered @ items[0].inputs.q: fees.sidor is not offered for q (the billed quantity of the line) = 7: the tariff lists no case for it (it lists: 6)"
        )
    }

    @Test func aPercentageOfASummedQuantityIsOfTheSum() {
        // 1 % of 1 000 + 2 500,50 = 35,005 → 35,01 kr; another slag is another line.
        let result = Fixture.price(Self.tariffs, Self.items("omsattning", [#"{"kr":"1000"}"#, #"{"kr":"2500.50"}"#, #"{"kr":"100","slag":"b"}"#]))
        #expect(result.amounts == ["35.01", "0.50"])
        #expect(
            result.feeLines.first?["text"] as? String
                == "Omsättning 2024: 1 % av 3 500,50 kr = 35,005 kr, avrundat till hela öre, hälften uppåt = 35,01 kr")
        #expect(result.feeLines.last?["text"] as? String == "Omsättning 2024: 1 % av 100,00 kr = 1,00 kr, 50 % = 0,50 kr")
    }

    // MARK: - Groups: one line, one set of inputs

    static func group(_ first: String, _ second: String) -> String {
        let quantity = #""quantity":{"input":"m","unit":"min","scope":"day","group":"g"}"#
        let price =
            #""price":[{"lookup":{"input":"slag","cases":{"a":[{"per_unit":{"price":"60.00","per":60}}],"b":[{"per_unit":{"price":"120.00","per":60}}]}}}]"#
        return
            #""fees":{"x":{"name":"X","text":"t","inputs":\#(first),\#(quantity),\#(price)},"y":{"name":"Y","text":"t","inputs":\#(second),\#(quantity),\#(price)}}"#
    }

    @Test func theFeesOfAGroupMustDeclareTheSameInputs() throws {
        // Inputs in another order: the items would be compared by position and the line priced
        // on one item's inputs with the other fee's positions.
        let reordered = try Fixture.errors(
            Self.group(
                #"{"m":{"type":"integer"},"slag":{"type":"choice","values":["a","b"]},"n":{"type":"integer"}}"#,
                #"{"m":{"type":"integer"},"n":{"type":"integer"},"slag":{"type":"choice","values":["a","b"]}}"#))
        #expect(
            reordered == [
                "t/a/2024-01-01.json: fees.y.inputs: is in the group \"g\" with x but declares other inputs; the items of a group are summed on one line and priced on one item's inputs, so every fee of the group declares the same inputs (names, types, ranges, defaults) in the same order"
            ])
        // Another range, another default: refused the same way.
        let range = try Fixture.errors(
            Self.group(
                #"{"m":{"type":"integer"},"slag":{"type":"choice","values":["a","b"]}}"#,
                #"{"m":{"type":"integer","max":100},"slag":{"type":"choice","values":["a","b"]}}"#))
        #expect(range.count == 1 && range[0].hasPrefix("t/a/2024-01-01.json: fees.y.inputs: is in the group \"g\" with x"))
        let defaults = try Fixture.errors(
            Self.group(
                #"{"m":{"type":"integer"},"slag":{"type":"choice","values":["a","b"]}}"#,
                #"{"m":{"type":"integer"},"slag":{"type":"choice","values":["a","b"],"default":"b"}}"#))
        #expect(defaults.count == 1)
    }

    @Test func aGroupWithTheSameInputsIsSummedOnOneLine() throws {
        let inputs = #"{"m":{"type":"integer","text":"minuter"},"slag":{"type":"choice","values":["a","b"]}}"#
        let set = try Fixture.tariffs(Self.group(inputs, inputs.replacingOccurrences(of: "minuter", with: "andra ord")))
        let result = Fixture.price(
            set,
            #"[{"fee":"x","date":"2024-03-01","inputs":{"m":20,"slag":"b"}},{"fee":"y","date":"2024-03-01","inputs":{"m":10,"slag":"b"}},{"fee":"y","date":"2024-03-01","inputs":{"m":10,"slag":"a"}}]"#
        )
        // x and y with slag b: 30 min × 120 kr ÷ 60 = 60,00 kr; y with slag a: 10,00 kr.
        #expect(result.amounts == ["60.00", "10.00"])
    }

    /// The reference tariffs decide nothing on a quantity input: their answers are unchanged
    /// (the golden files hold them), and this says why.
    @Test func noReferenceTariffDecidesOnAQuantityInput() throws {
        let set = try #require(TariffLoader.load(root: TestSupport.path("Fixtures/reference-tariffs")).tariffSet)
        for tariff in set.tariffs.values {
            for version in tariff.versions {
                for fee in version.rules.fees.fees {
                    guard let quantity = fee.quantity?.inputIndex else { continue }
                    func decides(_ blocks: [any PriceBlock]) -> Bool {
                        blocks.contains { block in
                            switch block {
                            case let bands as BandsBlock: bands.input == quantity || bands.bands.contains { decides($0.blocks) }
                            case let lookup as LookupBlock:
                                lookup.input == quantity || lookup.cases.contains { decides($0.blocks) } || decides(lookup.otherwise ?? [])
                            case let percent as PercentBlock: percent.input == quantity
                            default: false
                            }
                        }
                    }
                    #expect(!decides(fee.price), "\(tariff.id) \(fee.key)")
                }
            }
        }
    }
}
