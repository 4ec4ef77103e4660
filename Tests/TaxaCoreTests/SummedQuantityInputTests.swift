import Foundation
import Testing

@testable import TaxaCore

/// A block may not read a fee's quantity input when a line sums it over several items: the
/// line holds one value of every other input, but its quantity is a sum, so such a block saw
/// only the line's first item (found by the reference interpreter: 3 + 4 units on one day
/// priced 10 % of 3, and bands chosen by whichever item came first). With scope `item` every
/// line is one item, and the block reads that item's value.
@Suite struct SummedQuantityInputTests {
    static let file = "t/a/2024-01-01.json"

    static func fee(scope: String, price: String) -> String {
        #""fees":{"f":{"name":"F","text":"t","inputs":{"q":{"type":"integer","min":0,"max":1000}},"quantity":{"input":"q","unit":"st","scope":"\#(scope)"},"price":\#(price)}}"#
    }

    static let percent = #"[{"percent":{"of":"q","percent":"10"}}]"#
    static let bands = #"[{"bands":{"input":"q","bands":[{"up_to":"10","price":[{"fixed":"100.00"}]},{"up_to":"1000","price":[{"fixed":"200.00"}]}]}}]"#
    static let lookup = #"[{"fixed":"1.00"},{"lookup":{"input":"q","cases":{"1":[{"share":"2"}]},"otherwise":[{"share":"3"}]}}]"#

    static func refusal(_ path: String, scope: String) -> String {
        "\(file): fees.f.price\(path): names the input \"q\", the fee's quantity, which a line sums over its items (scope \(scope)); "
            + "a block can read it only with scope item. Price the summed quantity with per_unit"
    }

    @Test(arguments: ["day", "month", "year", "request"]) func refusedWhereALineSumsItems(scope: String) throws {
        #expect(try FeeFixture.errors(Self.fee(scope: scope, price: Self.percent)) == [Self.refusal("[0].percent.of", scope: scope)])
        #expect(try FeeFixture.errors(Self.fee(scope: scope, price: Self.bands)) == [Self.refusal("[0].bands.input", scope: scope)])
        #expect(try FeeFixture.errors(Self.fee(scope: scope, price: Self.lookup)) == [Self.refusal("[1].lookup.input", scope: scope)])
    }

    @Test func readsEachItemsOwnValueWithScopeItem() throws {
        let tariffs = try FeeFixture.tariffs(Self.fee(scope: "item", price: Self.bands))
        let answer = TestSupport.json(
            TestSupport.answer(
                #"{"id":"1","tariff":"t/a","items":[{"fee":"f","date":"2024-03-01","inputs":{"q":6}},{"fee":"f","date":"2024-03-01","inputs":{"q":7}},{"fee":"f","date":"2024-03-01","inputs":{"q":13}}]}"#,
                tariffs: tariffs))
        let lines = try #require(answer["lines"] as? [[String: Any]])
        #expect(lines.map { $0["amount"] as? String } == ["100.00", "100.00", "200.00"])
        #expect(answer["total"] as? String == "400.00")
    }
}
