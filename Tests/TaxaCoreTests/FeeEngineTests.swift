import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The pricing engine through small `fees` tariffs written for each test: every block, every
/// quantity scope and increment rounding, groups, version boundaries, caps, VAT, amounts from
/// index series and adjustments. Expected amounts are worked out by hand in the comments.
@Suite struct FeeEngineTests {
    typealias Fixture = FeeFixture

    static func items(_ list: [(fee: String, date: String, inputs: String?)]) -> String {
        "["
            + list.map { item in
                #"{"fee":"\#(item.fee)","date":"\#(item.date)""# + (item.inputs.map { #","inputs":\#($0)"# } ?? "") + "}"
            }.joined(separator: ",") + "]"
    }

    static func one(_ fee: String, _ inputs: String? = nil, date: String = "2024-06-01") -> String {
        items([(fee, date, inputs)])
    }

    // MARK: - Blocks

    /// One fee per block (and per rounding mode), in one version.
    static let blocks: TariffSet = {
        func rounding(_ mode: String) -> String {
            #""avrunda_\#(mode)":{"name":"Avrunda \#(mode)","text":"t","inputs":{"b":{"type":"integer","min":-100000,"max":100000}},"quantity":{"input":"b","unit":"kr","scope":"item"},"price":[{"per_unit":{"price":"1.00"}},{"round":{"step":"100.00","mode":"\#(mode)"}}]}"#
        }
        let fees = [
            #""fast":{"name":"Fast","text":"t","price":[{"fixed":"3450.00"}]}"#,
            #""styck":{"name":"Styck","text":"t","inputs":{"m":{"type":"integer","min":0,"max":100000}},"quantity":{"input":"m","unit":"min","scope":"item"},"price":[{"per_unit":{"price":"1970.00","per":60}}]}"#,
            #""procent":{"name":"Procent","text":"t","inputs":{"inkomst":{"type":"decimal","scale":2,"min":"0","max":"100000000.00"}},"price":[{"percent":{"of":"inkomst","percent":"3","of_at_most":"47490.00"}}]}"#,
            #""andel":{"name":"Andel","text":"t","price":[{"fixed":"1133.00"},{"share":"0.30"}]}"#,
            #""tredjedel":{"name":"Tredjedel","text":"t","price":[{"fixed":"100.00"},{"share":"0.333333"}]}"#,
            rounding("half_up"), rounding("up"), rounding("down"), rounding("half_away_from_zero"),
            #""golv_tak":{"name":"Golv och tak","text":"t","inputs":{"o":{"type":"decimal","scale":2,"min":"0","max":"100000000000.00"}},"price":[{"percent":{"of":"o","percent":"1.25"}},{"round":{"step":"0.01","mode":"half_up"}},{"min":"3500.00"},{"max":"35000.00"}]}"#,
            #""band":{"name":"Band","text":"t","inputs":{"o":{"type":"decimal","scale":2,"min":"0","max":"100000000.00"}},"price":[{"bands":{"input":"o","bands":[{"up_to":"50000.00","price":[{"fixed":"100.00"}]},{"up_to":"100000.00","price":[{"fixed":"200.00"}]}]}}]}"#,
            #""barn":{"name":"Barn","text":"t","inputs":{"barn":{"type":"integer","min":1,"max":20}},"price":[{"lookup":{"input":"barn","cases":{"1":[{"fixed":"300.00"}],"2":[{"fixed":"200.00"}]},"otherwise":[{"fixed":"0.00"}]}}]}"#,
            #""barn_strikt":{"name":"Barn strikt","text":"t","inputs":{"barn":{"type":"integer","min":1,"max":20}},"price":[{"lookup":{"input":"barn","cases":{"1":[{"fixed":"300.00"}],"2":[{"fixed":"200.00"}]}}}]}"#,
            #""matare":{"name":"Mätare","text":"t","inputs":{"qn":{"type":"choice","values":["2.5","6"]},"tjanst":{"type":"choice","values":["alla","vatten"],"default":"alla"}},"price":[{"lookup":{"input":"qn","cases":{"2.5":[{"fixed":"8821.00"}],"6":[{"fixed":"17642.00"}]}}},{"lookup":{"input":"tjanst","cases":{"alla":[{"share":"1"}],"vatten":[{"share":"0.30"},{"round":{"step":"0.01","mode":"half_up"}}]}}}]}"#,
        ]
        return try! FeeFixture.tariffs(#""adjustments":{"paragraph":"8 §","text":"Nedsättning eller eftergift."},"fees":{"# + fees.joined(separator: ",") + "}")
    }()

    @Test func fixedAmount() {
        let result = Fixture.price(Self.blocks, Self.one("fast"))
        #expect(result.amounts == ["3450.00"])
        #expect(result.total == "3450.00")
        #expect(result.feeLines.first?["text"] as? String == "Fast 2024-06-01: 3 450,00 kr")
    }

    @Test func perUnitDividesByPerAndRoundsTheLineToOre() {
        // 7 min × 1 970 kr ÷ 60 = 229,8333… kr → 229,83 kr.
        var result = Fixture.price(Self.blocks, Self.one("styck", #"{"m":7}"#))
        #expect(result.amounts == ["229.83"])
        #expect(result.feeLines.first?["unit_price"] as? String == "1970.00")
        #expect(result.feeLines.first?["per"] as? Int == 60)
        // 8 min: 262,6666… → 262,67 (half up).
        result = Fixture.price(Self.blocks, Self.one("styck", #"{"m":8}"#))
        #expect(result.amounts == ["262.67"])
        result = Fixture.price(Self.blocks, Self.one("styck", #"{"m":60}"#))
        #expect(result.amounts == ["1970.00"])
        result = Fixture.price(Self.blocks, Self.one("styck", #"{"m":0}"#))
        #expect(result.amounts == ["0.00"])
    }

    @Test(arguments: [
        ("23500", "705.00"),  // 3 % of 23 500
        ("47490", "1424.70"),  // at the ceiling of the income
        ("47490.01", "1424.70"),  // above it: counted as 47 490
        ("1000000", "1424.70"),
        ("33.33", "1.00"),  // 0,9999 kr → 1,00
        ("0.16", "0.00"),  // 0,0048 kr → 0,00
        ("0.17", "0.01"),  // 0,0051 kr → 0,01
    ])
    func percentOfAnInputAtMostACeiling(_ income: String, _ amount: String) {
        let result = Fixture.price(Self.blocks, Self.one("procent", #"{"inkomst":"\#(income)"}"#))
        #expect(result.amounts == [amount], "\(result)")
    }

    @Test func shareOfTheAmountSoFar() {
        // 30 % of 1 133 kr = 339,90 kr; 0,333333 × 100 kr = 33,3333 kr → 33,33 kr.
        #expect(Fixture.price(Self.blocks, Self.one("andel")).amounts == ["339.90"])
        #expect(Fixture.price(Self.blocks, Self.one("tredjedel")).amounts == ["33.33"])
    }

    /// The amount is `b` kronor, rounded to 100 kr by the fee's mode; negative amounts round
    /// towards −∞ with `down`, towards +∞ with `up` and on ties with `half_up`.
    @Test(arguments: [
        // b, half_up, up, down, half_away_from_zero
        (150, "200.00", "200.00", "100.00", "200.00"),
        (149, "100.00", "200.00", "100.00", "100.00"),
        (250, "300.00", "300.00", "200.00", "300.00"),
        (200, "200.00", "200.00", "200.00", "200.00"),
        (1, "0.00", "100.00", "0.00", "0.00"),
        (0, "0.00", "0.00", "0.00", "0.00"),
        (-1, "0.00", "0.00", "-100.00", "0.00"),
        (-149, "-100.00", "-100.00", "-200.00", "-100.00"),
        (-150, "-100.00", "-100.00", "-200.00", "-200.00"),
        (-151, "-200.00", "-100.00", "-200.00", "-200.00"),
    ])
    func roundToAStepOfOneHundredKronorInEveryMode(_ b: Int, _ halfUp: String, _ up: String, _ down: String, _ halfAway: String) {
        for (mode, expected) in [("half_up", halfUp), ("up", up), ("down", down), ("half_away_from_zero", halfAway)] {
            let result = Fixture.price(Self.blocks, Self.one("avrunda_\(mode)", #"{"b":\#(b)}"#))
            #expect(result.amounts == [expected], "\(mode), b = \(b): \(result)")
            #expect(result.total == expected)
        }
    }

    @Test(arguments: [
        ("1000000", "12500.00"),  // 1,25 % between floor and ceiling
        ("100000", "3500.00"),  // 1 250 kr, raised to the floor
        ("280000", "3500.00"),  // exactly the floor
        ("280000.01", "3500.00"),  // 3 500,000125 → 3 500,00
        ("280000.80", "3500.01"),  // 3 500,01
        ("2800000", "35000.00"),  // exactly the ceiling
        ("2800000.80", "35000.00"),  // lowered to the ceiling
        ("10000000", "35000.00"),
        ("0", "3500.00"),
    ])
    func minAndMaxAfterRounding(_ turnover: String, _ amount: String) {
        let result = Fixture.price(Self.blocks, Self.one("golv_tak", #"{"o":"\#(turnover)"}"#))
        #expect(result.amounts == [amount], "\(result)")
    }

    @Test func bandTopsAreInclusive() {
        #expect(Fixture.price(Self.blocks, Self.one("band", #"{"o":"0"}"#)).amounts == ["100.00"])
        #expect(Fixture.price(Self.blocks, Self.one("band", #"{"o":"50000.00"}"#)).amounts == ["100.00"])
        #expect(Fixture.price(Self.blocks, Self.one("band", #"{"o":"50000"}"#)).amounts == ["100.00"])
        #expect(Fixture.price(Self.blocks, Self.one("band", #"{"o":"50000.01"}"#)).amounts == ["200.00"])
        #expect(Fixture.price(Self.blocks, Self.one("band", #"{"o":"100000.00"}"#)).amounts == ["200.00"])
    }

    @Test func aboveTheLastBandIsAnInvalidRequestNamingTheInput() {
        let items = Self.items([("fast", "2024-06-01", nil), ("band", "2024-06-01", #"{"o":"100000.01"}"#)])
        let result = Fixture.price(Self.blocks, items)
        #expect(!result.ok)
        #expect(
            result.errorText
                == "invalid_request @ items[1].inputs.o: is 100000.01, above the highest band of band (up to 100000); the tariff states no fee above it")
    }

    @Test func lookupByIntegerWithOtherwise() {
        #expect(Fixture.price(Self.blocks, Self.one("barn", #"{"barn":1}"#)).amounts == ["300.00"])
        #expect(Fixture.price(Self.blocks, Self.one("barn", #"{"barn":2}"#)).amounts == ["200.00"])
        #expect(Fixture.price(Self.blocks, Self.one("barn", #"{"barn":3}"#)).amounts == ["0.00"])
        #expect(Fixture.price(Self.blocks, Self.one("barn", #"{"barn":20}"#)).amounts == ["0.00"])
    }

    /// A case the lookup leaves out is not offered: `not_offered` at the item's inputs, naming the
    /// input and its value.
    @Test func lookupWithoutAMatchingCaseIsNotOffered() {
        #expect(Fixture.price(Self.blocks, Self.one("barn_strikt", #"{"barn":2}"#)).amounts == ["200.00"])
        let result = Fixture.price(
            Self.blocks,
            Self.items([
                ("barn_strikt", "2024-06-01", #"{"barn":1}"#),
                ("barn_strikt", "2024-06-01", #"{"barn":3}"#),
            ]))
        #expect(
            result.errorText
                == "not_offered @ items[1].inputs.barn: fees.barn_strikt is not offered for barn = 3: the tariff lists no case for it (it lists: 1, 2)")
    }

    @Test func lookupByChoiceAndSharesAfterIt() {
        #expect(Fixture.price(Self.blocks, Self.one("matare", #"{"qn":"2.5"}"#)).amounts == ["8821.00"])
        #expect(Fixture.price(Self.blocks, Self.one("matare", #"{"qn":"6"}"#)).amounts == ["17642.00"])
        // 30 % of 8 821 kr = 2 646,30 kr; of 17 642 kr = 5 292,60 kr.
        #expect(Fixture.price(Self.blocks, Self.one("matare", #"{"qn":"2.5","tjanst":"vatten"}"#)).amounts == ["2646.30"])
        #expect(Fixture.price(Self.blocks, Self.one("matare", #"{"qn":"6","tjanst":"vatten"}"#)).amounts == ["5292.60"])
    }

    // MARK: - Quantities and scopes

    /// 1 kr per minute, billed per started quarter hour, summed per the fee's scope.
    static let scopes: TariffSet = {
        func fee(
            _ key: String, _ quantity: String, input: String = #"{"type":"integer","min":-1000,"max":100000}"#,
            price: String = #"{"per_unit":{"price":"60.00","per":60}}"#
        ) -> String {
            #""\#(key)":{"name":"\#(key)","text":"t","inputs":{"m":\#(input),"typ":{"type":"choice","values":["a","b"],"default":"a"}},"quantity":\#(quantity),"price":[\#(price)]}"#
        }
        let decimal = #"{"type":"decimal","scale":1,"min":"0","max":"100000"}"#
        var fees: [String] = []
        for scope in ["item", "day", "month", "year", "request"] {
            fees.append(fee(scope, #"{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"\#(scope)"}"#))
        }
        for mode in ["up", "half_up", "down"] {
            fees.append(fee("inc_\(mode)", #"{"input":"m","unit":"min","increment":15,"rounding":"\#(mode)","scope":"item"}"#, input: decimal))
        }
        fees.append(fee("netto", #"{"input":"m","unit":"barn","less":10,"scope":"month"}"#))
        // One input only (`ensam`): its lines hold the input in place, not in a list of one.
        fees.append(
            #""ensam":{"name":"ensam","text":"t","inputs":{"m":{"type":"integer","min":0,"max":100000}},"quantity":{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"month"},"price":[{"per_unit":{"price":"60.00","per":60}}]}"#
        )
        fees.append(fee("netto_kvart", #"{"input":"m","unit":"min","less":10,"increment":15,"rounding":"up","scope":"month"}"#))
        let group = #"{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"year","group":"tid"}"#
        let hourly = #"{"per_unit":{"price":"1201.00","per":60}}"#
        fees.append(fee("tillsyn", group, price: hourly))
        fees.append(fee("provning", group, price: hourly))
        return try! FeeFixture.tariffs(#""fees":{"# + fees.joined(separator: ",") + "}")
    }()

    static func fiveItems(_ fee: String) -> String {
        items(["2024-03-01", "2024-03-01", "2024-03-02", "2024-04-01", "2025-01-01"].map { (fee, $0, #"{"m":7}"#) })
    }

    @Test func scopeItemPricesEachItemAlone() {
        let result = Fixture.price(Self.scopes, Self.fiveItems("item"))
        #expect(result.billed == ["15", "15", "15", "15", "15"])
        #expect(result.amounts == ["15.00", "15.00", "15.00", "15.00", "15.00"])
        #expect(result.total == "75.00")
    }

    @Test func scopeDaySumsTheSameDate() {
        let result = Fixture.price(Self.scopes, Self.fiveItems("day"))
        #expect(result.periods == ["2024-03-01", "2024-03-02", "2024-04-01", "2025-01-01"])
        #expect(result.sums == ["14", "7", "7", "7"])
        #expect(result.billed == ["15", "15", "15", "15"])
        #expect(result.total == "60.00")
        #expect(result.feeLines.first?["items"] as? [Int] == [0, 1])
    }

    @Test func scopeMonthSumsTheCalendarMonth() {
        let result = Fixture.price(Self.scopes, Self.fiveItems("month"))
        #expect(result.periods == ["2024-03", "2024-04", "2025-01"])
        #expect(result.sums == ["21", "7", "7"])
        #expect(result.billed == ["30", "15", "15"])
        #expect(result.total == "60.00")
    }

    /// 24 items of a fee with one input, 20 in March and 4 in April, interleaved: more items on
    /// a line than the room it takes at its second (16), each item's input held in place on its
    /// line (the quantity, so summing compares no other input). Minutes 1…24: March 1 + … + 24 less April's 6 + 12 + 18 + 24 = 300 − 60 = 240
    /// min, billed 240 (a whole quarter hour) at 1 kr/min; April 60 min, 60,00 kr.
    @Test func aOneInputFeeSumsManyItemsPerMonthInTheirOrder() {
        let list = (0..<24).map { i in
            ("ensam", i % 6 == 5 ? "2024-04-0\(i / 6 + 1)" : "2024-03-\(i < 9 ? "0" : "")\(i + 1)", #"{"m":\#(i + 1)}"#)
        }
        let result = Fixture.price(Self.scopes, Self.items(list))
        #expect(result.periods == ["2024-03", "2024-04"])
        #expect(result.sums == ["240", "60"])
        #expect(result.amounts == ["240.00", "60.00"])
        #expect(result.total == "300.00")
        #expect(result.feeLines.map { $0["items"] as? [Int] } == [(0..<24).filter { $0 % 6 != 5 }, [5, 11, 17, 23]])
    }

    @Test func lineInputsHoldOneInPlaceAndMoreInAList() {
        let one = LineInputs(one: .integer(7))
        #expect(one.count == 1 && Array(one) == [.integer(7)] && one.indices == 0..<1)
        let two = LineInputs([.integer(7), .choice("a")])
        #expect(two.count == 2 && two[1] == .choice("a") && Array(two) == [.integer(7), .choice("a")])
        #expect(LineInputs([]).isEmpty)
        #expect(FeeEngine.others(two, 0) == [.choice("a")] && FeeEngine.others(one, 0).isEmpty)
        #expect(FeeEngine.sameOthers(two, 0, LineInputs([.integer(9), .choice("a")]), 0))
        #expect(!FeeEngine.sameOthers(two, 0, LineInputs([.integer(7), .choice("b")]), 0))
        #expect(FeeEngine.sameOthers(one, 0, LineInputs(one: .integer(9)), 0))
        // An input that is not the quantity is compared, held in place as in a list.
        #expect(FeeEngine.sameOthers(one, nil, LineInputs(one: .integer(7)), nil))
        #expect(FeeEngine.sameOthers(one, nil, LineInputs([.integer(7)]), nil))
        #expect(!FeeEngine.sameOthers(one, nil, LineInputs(one: .integer(9)), nil))
        #expect(!FeeEngine.sameOthers(one, nil, LineInputs([.integer(7), .integer(7)]), nil))
    }

    /// A one-input fee's inputs are read without a list: checked as any fee's are, with the same
    /// codes, paths and messages (unknown, wrong type, out of range, missing, not an object).
    @Test func aOneInputFeesInputsAreCheckedAsAnyFeesAre() {
        func error(_ inputs: String?) -> String { Fixture.price(Self.scopes, Self.one("ensam", inputs)).errorText }
        #expect(error(#"{"q":1}"#) == #"invalid_request @ items[0].inputs.q: unknown input "q"; the fee ensam takes only: m"#)
        #expect(error(#"{"m":"7"}"#).hasPrefix("invalid_request @ items[0].inputs.m: expected an integer"))
        #expect(error(#"{"m":100001}"#).hasPrefix("invalid_request @ items[0].inputs.m: "))
        #expect(error(#"{}"#).hasPrefix(#"invalid_request @ items[0].inputs.m: missing required input "m" of the fee ensam"#))
        #expect(error(nil).hasPrefix(#"invalid_request @ items[0].inputs.m: missing required input "m" of the fee ensam"#))
        #expect(error("[7]").hasPrefix("invalid_request @ items[0].inputs: expected the inputs as a JSON object"))
        // The same mistakes on a fee of two inputs read the same way.
        let two = Fixture.price(Self.scopes, Self.one("month", #"{"m":"7"}"#)).errorText
        #expect(two.hasPrefix("invalid_request @ items[0].inputs.m: expected an integer"))
        #expect(Fixture.price(Self.scopes, Self.one("ensam", #"{"m":45}"#)).amounts == ["45.00"])
    }

    @Test func scopeYearSumsTheFeeYear() {
        let result = Fixture.price(Self.scopes, Self.fiveItems("year"))
        #expect(result.periods == ["2024", "2025"])
        #expect(result.sums == ["28", "7"])
        #expect(result.billed == ["30", "15"])
        #expect(result.amounts == ["30.00", "15.00"])
        #expect(result.feeLines.map { $0["fee_year"] as? Int } == [2024, 2025])
        #expect(result.total == "45.00")
    }

    @Test func scopeRequestSumsEverything() {
        let result = Fixture.price(Self.scopes, Self.fiveItems("request"))
        #expect(result.feeLines.count == 1)
        #expect(result.feeLines.first?["period"] == nil)
        #expect(result.sums == ["35"])
        #expect(result.billed == ["45"])
        #expect(result.total == "45.00")
    }

    /// Whole increments of 15: `up` bills a started one, `half_up` from the half (ties up), `down`
    /// only completed ones.
    @Test(arguments: [
        // minutes, up, half_up, down
        ("22.5", "30", "30", "15"),
        ("22.4", "30", "15", "15"),
        ("7.5", "15", "15", "0"),
        ("7.4", "15", "0", "0"),
        ("15", "15", "15", "15"),
        ("15.1", "30", "15", "15"),
        ("0", "0", "0", "0"),
        ("29.9", "30", "30", "15"),
    ])
    func incrementRoundingModes(_ minutes: String, _ up: String, _ halfUp: String, _ down: String) {
        for (mode, billed) in [("up", up), ("half_up", halfUp), ("down", down)] {
            let result = Fixture.price(Self.scopes, Self.one("inc_\(mode)", #"{"m":"\#(minutes)"}"#))
            #expect(result.billed == [billed], "\(mode) \(minutes): \(result)")
            #expect(result.total == "\(billed).00")
        }
    }

    @Test func lessIsSubtractedFromTheSumBeforeIncrements() {
        // January 7 + 8 − 10 = 5; February 3 − 10 = −7 (a budgeted count above the actual one).
        var result = Fixture.price(
            Self.scopes,
            Self.items([
                ("netto", "2024-01-01", #"{"m":7}"#), ("netto", "2024-01-31", #"{"m":8}"#),
                ("netto", "2024-02-01", #"{"m":3}"#),
            ]))
        #expect(result.sums == ["15", "3"])
        #expect(result.billed == ["5", "-7"])
        #expect(result.amounts == ["5.00", "-7.00"])
        #expect(result.total == "-2.00")
        // 26 − 10 = 16 minutes, then started quarter hours: 30.
        result = Fixture.price(Self.scopes, Self.items([("netto_kvart", "2024-01-01", #"{"m":13}"#), ("netto_kvart", "2024-01-02", #"{"m":13}"#)]))
        #expect(result.billed == ["30"])
        #expect(result.total == "30.00")
    }

    /// LÅFF's rule: the group's minutes are summed over the fee year first, then rounded up to
    /// started quarter hours: 7 + 7 + 7 = 21 → 30 min → 600,50 kr (not 3 × 15 min).
    @Test func groupSumsAcrossFeesThenRounds() throws {
        let result = Fixture.price(
            Self.scopes,
            Self.items([
                ("tillsyn", "2024-02-01", #"{"m":7}"#), ("provning", "2024-05-31", #"{"m":7}"#),
                ("tillsyn", "2024-12-31", #"{"m":7}"#), ("provning", "2025-01-01", #"{"m":7}"#),
            ]))
        #expect(result.feeLines.count == 2)
        let first = try #require(result.feeLines.first)
        #expect(first["fee"] as? String == "tid")
        #expect(first["fees"] as? [String] == ["tillsyn", "provning"])
        #expect(first["items"] as? [Int] == [0, 1, 2])
        #expect(result.sums == ["21", "7"])
        #expect(result.billed == ["30", "15"])
        #expect(result.amounts == ["600.50", "300.25"])
        #expect(result.total == "900.75")
    }

    @Test func theHourlyKindSumsThenRoundsTheSameWay() {
        let line =
            #"{"id":"l","tariff":"oxelosund/laff","entries":[{"date":"2024-03-01","activity":"tillsyn","minutes":7},{"date":"2024-04-01","activity":"avfallshanteringsplan","minutes":7},{"date":"2024-05-01","activity":"tillsyn","minutes":7}]}"#
        let result = FeeFixture.Result(TestSupport.answer(line))
        #expect(result.total == "600.50", "\(result)")
    }

    @Test func otherInputsSplitLines() {
        // Type a: 7 + 7 (the default) = 14 → 15; type b: 7 → 15.
        let result = Fixture.price(
            Self.scopes,
            Self.items([
                ("month", "2024-01-01", #"{"m":7,"typ":"a"}"#), ("month", "2024-01-02", #"{"m":7,"typ":"b"}"#),
                ("month", "2024-01-03", #"{"m":7}"#),
            ]))
        #expect(result.feeLines.count == 2)
        #expect(result.feeLines.map { $0["items"] as? [Int] ?? [] } == [[0, 2], [1]])
        #expect(result.sums == ["14", "7"])
        #expect(result.total == "30.00")
    }

    /// A version boundary inside a fee year splits the summed line: each version prices its own
    /// items at its own rate (60 kr/h before 2024-07-01, 120 kr/h from it).
    @Test func linesSplitByVersion() throws {
        let fee = { (rate: String) in
            #""fees":{"tid":{"name":"Tid","text":"t","inputs":{"m":{"type":"integer","min":0,"max":1000}},"quantity":{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"year"},"price":[{"per_unit":{"price":"\#(rate)","per":60}}]}}"#
        }
        let set = try Fixture.tariffs([
            "t/a/2024-01-01.json": Fixture.version(fee("60.00")),
            "t/a/2024-07-01.json": Fixture.version(fee("120.00"), validFrom: "2024-07-01"),
        ])
        let result = Fixture.price(
            set,
            Self.items([
                ("tid", "2024-06-30", #"{"m":7}"#), ("tid", "2024-07-01", #"{"m":7}"#),
                ("tid", "2024-12-31", #"{"m":1}"#),
            ]))
        #expect(result.feeLines.map { $0["version"] as? String } == ["2024-01-01", "2024-07-01"])
        #expect(result.sums == ["7", "8"])
        #expect(result.billed == ["15", "15"])
        #expect(result.amounts == ["15.00", "30.00"])
        #expect(result.total == "45.00")
        #expect(result.versions == ["2024-01-01", "2024-07-01"])
    }

    /// Regression, found by these tests and fixed: inputs are compared as written when items are summed, so the same value
    /// written "1.5" and "1.50" splits a month's line in two: 7 + 7 minutes are billed as two
    /// started quarter hours (30,00 kr) instead of one (15,00 kr).
    @Test func equalDecimalInputsWrittenDifferentlyShareALine() throws {
        let set = try Fixture.tariffs(
            #""fees":{"d":{"name":"D","text":"t","inputs":{"m":{"type":"integer","min":0,"max":100},"k":{"type":"decimal","scale":2,"min":"0","max":"10"}},"quantity":{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"month"},"price":[{"per_unit":{"price":"60.00","per":60}}]}}"#
        )
        let same = Fixture.price(set, Self.items([("d", "2024-06-01", #"{"m":7,"k":"1.5"}"#), ("d", "2024-06-02", #"{"m":7,"k":"1.5"}"#)]))
        #expect(same.total == "15.00")
        let written = Fixture.price(set, Self.items([("d", "2024-06-01", #"{"m":7,"k":"1.5"}"#), ("d", "2024-06-02", #"{"m":7,"k":"1.50"}"#)]))
        #expect(written.total == "15.00", "1.5 and 1.50 split the line: \(written)")
        #expect(written.feeLines.count == 1)
    }

    /// Regression, found by these tests and fixed: a line summed over the whole request (`scope: request`) takes the fee year
    /// of the request's first item, so the same items in another order are priced with another
    /// year's prisbasbelopp: 2 × 1 % of PBB is 1 146,00 kr (2024 first) or 1 176,00 kr (2025
    /// first). A result must not depend on the order of its items.
    @Test func requestScopeDoesNotDependOnItemOrder() throws {
        let set = try Fixture.tariffs(
            #""fees":{"r":{"name":"R","text":"t","inputs":{"m":{"type":"integer","min":0,"max":100}},"quantity":{"input":"m","unit":"st","scope":"request"},"price":[{"per_unit":{"price":{"index":"PBB","percent":"1"}}}]}}"#
        )
        let forward = Fixture.price(set, Self.items([("r", "2024-06-01", #"{"m":1}"#), ("r", "2025-06-01", #"{"m":1}"#)]))
        let backward = Fixture.price(set, Self.items([("r", "2025-06-01", #"{"m":1}"#), ("r", "2024-06-01", #"{"m":1}"#)]))
        #expect(forward.ok && backward.ok)
        #expect(forward.total == backward.total, "\(forward.total ?? "?") vs \(backward.total ?? "?")")
    }

    // MARK: - Caps

    /// `belopp` costs its input; a cap of 1 000 kr per month covers it but not `utanfor`.
    static let capped: TariffSet = {
        let fee = { (key: String) in
            #""\#(key)":{"name":"\#(key)","text":"t","inputs":{"x":{"type":"decimal","scale":2,"min":"0","max":"100000.00"}},"price":[{"percent":{"of":"x","percent":"100"}}]}"#
        }
        return try! FeeFixture.tariffs(
            #""fees":{\#(fee("belopp")),\#(fee("utanfor"))},"caps":[{"key":"tak","name":"Tak","text":"t","fees":["belopp"],"period":"month","amount":"1000.00"}]"#
        )
    }()

    @Test(arguments: [
        ("999.99", ["999.99"], "999.99"),
        ("1000.00", ["1000.00"], "1000.00"),
        ("1000.01", ["1000.01", "-0.01"], "1000.00"),
        ("5000", ["5000.00", "-4000.00"], "1000.00"),
    ])
    func capJustUnderExactlyAtAndOver(_ amount: String, _ lines: [String], _ total: String) {
        let result = Fixture.price(Self.capped, Self.one("belopp", #"{"x":"\#(amount)"}"#))
        #expect(result.amounts == lines, "\(result)")
        #expect(result.total == total)
        #expect(result.subtotal == total)
    }

    @Test func capPerCalendarMonthOnlyForItsFees() throws {
        let result = Fixture.price(
            Self.capped,
            Self.items([
                ("belopp", "2024-01-05", #"{"x":"600"}"#), ("utanfor", "2024-01-10", #"{"x":"500"}"#),
                ("belopp", "2024-01-31", #"{"x":"600"}"#), ("belopp", "2024-02-01", #"{"x":"600"}"#),
            ]))
        // January: 1 200 kr of capped fees → −200; February 600 kr is under the cap.
        #expect(result.amounts == ["600.00", "600.00", "600.00", "500.00", "-200.00"])
        let cap = try #require(result.capLines.first)
        #expect(result.capLines.count == 1)
        #expect(cap["cap"] as? String == "tak")
        #expect(cap["period"] as? String == "2024-01")
        #expect(cap["charged"] as? String == "1200.00")
        #expect(cap["limit"] as? String == "1000.00")
        #expect(result.total == "2100.00")
    }

    /// The högkostnadsskydd follows the prisbasbelopp of the month's year: 2 575 kr in December
    /// 2024, 2 642 kr in January 2025; 700 min × 246 kr ÷ 60 = 2 870 kr each month.
    @Test func capFromThePrisbasbeloppOfTheMonthsYear() throws {
        let set = try #require(TariffLoader.load(root: TestSupport.path("Fixtures/reference-tariffs")).tariffSet)
        let result = Fixture.price(
            set, Self.items([("hemtjanst", "2024-12-31", #"{"minutes":700}"#), ("hemtjanst", "2025-01-01", #"{"minutes":700}"#)]),
            tariff: "sollentuna/aldreomsorg")
        #expect(result.amounts == ["2870.00", "2870.00", "-295.00", "-228.00"])
        #expect(result.capLines.map { $0["limit"] as? String } == ["2575.00", "2642.00"])
        #expect(result.total == "5217.00")
        // With every cap line's use of PBB in the provenance: the digest differs from a 2024-only request.
        let only2024 = Fixture.price(set, Self.one("hemtjanst", #"{"minutes":700}"#, date: "2024-12-31"), tariff: "sollentuna/aldreomsorg")
        #expect(only2024.total == "2575.00")
        #expect(only2024.object["tariff_digest"] as? String != result.object["tariff_digest"] as? String)
    }

    /// A month whose cap cannot be computed (no prisbasbelopp for 2027) is not priced at all: the
    /// error points at the first capped item's date.
    @Test func capWithoutItsPrisbasbeloppIsIndexMissing() throws {
        let set = try #require(TariffLoader.load(root: TestSupport.path("Fixtures/reference-tariffs")).tariffSet)
        let result = Fixture.price(
            set, Self.items([("hemtjanst", "2026-12-31", #"{"minutes":60}"#), ("trygghetslarm", "2027-01-01", nil)]),
            tariff: "sollentuna/aldreomsorg")
        #expect(
            result.errorText
                == "index_missing @ items[1].date: no PBB value for 2027 is recorded in indices/pbb.json; it is needed by sollentuna/aldreomsorg (version 2024-01-01) in 2027"
        )
    }

    /// Regression, found by these tests and fixed: a cap applies per calendar month to "the lines of the listed fees dated in
    /// that month" (docs/rule-vocabulary.md), but when a new version takes effect mid-month the
    /// engine caps each version's lines separately, so March 2024 is charged 1 800 kr under a cap
    /// of 1 000 kr (both versions have the same cap). Expected: one cap line of −800 kr.
    @Test func capCoversTheWholeMonthAcrossAVersionBoundary() throws {
        let body =
            #""fees":{"belopp":{"name":"Belopp","text":"t","inputs":{"x":{"type":"decimal","scale":2,"min":"0","max":"100000.00"}},"price":[{"percent":{"of":"x","percent":"100"}}]}},"caps":[{"key":"tak","name":"Tak","text":"t","fees":["belopp"],"period":"month","amount":"1000.00"}]"#
        let set = try Fixture.tariffs([
            "t/a/2024-01-01.json": Fixture.version(body),
            "t/a/2024-03-15.json": Fixture.version(body, validFrom: "2024-03-15"),
        ])
        let result = Fixture.price(set, Self.items([("belopp", "2024-03-01", #"{"x":"900"}"#), ("belopp", "2024-03-20", #"{"x":"900"}"#)]))
        #expect(result.ok)
        #expect(result.total == "1000.00", "cap not applied across the version boundary: \(result)")
        #expect(result.capLines.map { $0["amount"] as? String } == ["-800.00"])
    }

    // MARK: - VAT

    @Test func vatIncludedIsStatedOnTheTotalAfterAReduction() throws {
        let set = try Fixture.tariffs(
            #""vat":{"rate":"25","included":true,"rounding":{"step":"0.01","mode":"half_up"},"text":"Inklusive moms."},"adjustments":{"paragraph":"8 §","text":"t"},"fees":{"fast":{"name":"Fast","text":"t","price":[{"fixed":"1000.00"}]},"liten":{"name":"Liten","text":"t","price":[{"fixed":"0.99"}]}}"#
        )
        // 1 000 kr − 10 % = 900 kr, of which VAT 900 × 25/125 = 180 kr.
        var result = Fixture.price(set, Self.one("fast"), extra: #""adjustment":{"kind":"reduction","percent":"10","reference":"MN § 1"}"#)
        #expect(result.subtotal == "1000.00")
        #expect(result.adjustment?["amount"] as? String == "-100.00")
        #expect(result.total == "900.00")
        #expect(result.vat?["amount"] as? String == "180.00")
        #expect(result.vat?["rate"] as? String == "25")
        #expect(result.vat?["included"] as? Bool == true)
        // 0,99 × 25/125 = 0,198 → 0,20; the total is not changed by included VAT.
        result = Fixture.price(set, Self.one("liten"))
        #expect(result.total == "0.99")
        #expect(result.vat?["amount"] as? String == "0.20")
    }

    @Test func vatAddedIsAddedToTheTotalAfterAReduction() throws {
        let set = try Fixture.tariffs(
            #""vat":{"rate":"25","included":false,"rounding":{"step":"0.01","mode":"half_up"},"text":"Moms tillkommer."},"adjustments":{"paragraph":"8 §","text":"t"},"fees":{"x":{"name":"X","text":"t","inputs":{"x":{"type":"decimal","scale":2,"min":"0","max":"100000.00"}},"price":[{"percent":{"of":"x","percent":"100"}}]}}"#
        )
        // 1 000 − 100 = 900, + 25 % = 1 125.
        var result = Fixture.price(set, Self.one("x", #"{"x":"1000"}"#), extra: #""adjustment":{"kind":"reduction","percent":"10","reference":"MN § 1"}"#)
        #expect(result.subtotal == "1000.00")
        #expect(result.vat?["amount"] as? String == "225.00")
        #expect(result.vat?["included"] as? Bool == false)
        #expect(result.total == "1125.00")
        // 99,99 × 25 % = 24,9975 → 25,00; total 124,99.
        result = Fixture.price(set, Self.one("x", #"{"x":"99.99"}"#))
        #expect(result.vat?["amount"] as? String == "25.00")
        #expect(result.total == "124.99")
        // A waiver leaves nothing to add VAT to.
        result = Fixture.price(set, Self.one("x", #"{"x":"99.99"}"#), extra: #""adjustment":{"kind":"waiver","reference":"MN § 2"}"#)
        #expect(result.vat?["amount"] as? String == "0.00")
        #expect(result.total == "0.00")
    }

    // MARK: - Amounts from index series

    /// Decided before its valid_from, so `as_of` can look before the 2024 prisbasbelopp was published.
    static let indexed: TariffSet = {
        let pkv =
            #"{"base":"1201.00","indexed_by":{"series":"PKV","publication_month":10,"publication_years_before":1,"rounding":{"step":"1.00","mode":"half_up"},"paragraph":"2 §","text":"Indexeras med PKV."}}"#
        let fees = [
            #""procent_pbb":{"name":"1,5 % PBB","text":"t","price":[{"fixed":{"index":"PBB","percent":"1.5"}}]}"#,
            #""procent_pbb_100":{"name":"1,5 % PBB avrundat","text":"t","price":[{"fixed":{"index":"PBB","percent":"1.5"}},{"round":{"step":"100.00","mode":"half_up"}}]}"#,
            #""tak":{"name":"Tak","text":"t","price":[{"fixed":{"index":"PBB","times":"0.5392","divided_by":12,"rounding":{"step":"1.00","mode":"half_up"}}}]}"#,
            #""tak_exakt":{"name":"Tak exakt","text":"t","price":[{"fixed":{"index":"PBB","times":"0.5392","divided_by":12}}]}"#,
            #""timme":{"name":"Timme","text":"t","inputs":{"m":{"type":"integer","min":0,"max":10000}},"quantity":{"input":"m","unit":"min","scope":"item"},"price":[{"per_unit":{"price":\#(pkv),"per":60}}]}"#,
        ]
        return try! FeeFixture.tariffs(["t/a/2024-01-01.json": FeeFixture.version(#""fees":{"# + fees.joined(separator: ",") + "}", decided: "2023-06-01")])
    }()

    @Test(arguments: [
        // fee, date, amount: PBB 2024 57 300, 2025 58 800, 2026 59 200
        ("procent_pbb", "2024-06-01", "859.50"),
        ("procent_pbb", "2025-06-01", "882.00"),
        ("procent_pbb", "2026-06-01", "888.00"),
        ("procent_pbb_100", "2024-06-01", "900.00"),
        ("procent_pbb_100", "2025-06-01", "900.00"),
        ("tak", "2024-01-01", "2575.00"),  // 0,5392 × 57 300 ÷ 12 = 2 574,68 → 2 575
        ("tak", "2025-12-31", "2642.00"),  // 2 642,08 → 2 642
        ("tak", "2026-06-01", "2660.00"),  // 2 660,0533… → 2 660
        ("tak_exakt", "2024-06-01", "2574.68"),
        ("tak_exakt", "2026-06-01", "2660.05"),
    ])
    func prisbasbeloppShares(_ fee: String, _ date: String, _ amount: String) {
        let result = Fixture.price(Self.indexed, Self.one(fee, date: date))
        #expect(result.amounts == [amount], "\(result)")
    }

    /// 1 201 kr from 2024; 2025: 1 201 × 1,029 = 1 235,829 → 1 236; 2026: 1 236 × 1,031 =
    /// 1 274,316 → 1 274 (each year from the previous year's rounded amount).
    @Test func chainedPercentageIndex() {
        let result = Fixture.price(
            Self.indexed,
            Self.items([
                ("timme", "2024-12-31", #"{"m":60}"#), ("timme", "2025-01-01", #"{"m":60}"#),
                ("timme", "2026-06-01", #"{"m":30}"#),
            ]))
        #expect(result.amounts == ["1201.00", "1236.00", "637.00"])
        #expect(result.feeLines.map { $0["unit_price"] as? String } == ["1201.00", "1236.00", "1274.00"])
        #expect(result.total == "3074.00")
    }

    @Test func indexMissingNamesTheItemsDate() {
        let result = Fixture.price(Self.indexed, Self.items([("timme", "2026-06-01", #"{"m":60}"#), ("timme", "2027-01-01", #"{"m":60}"#)]))
        #expect(result.error["code"] as? String == "index_missing")
        #expect(result.error["path"] as? String == "items[1].date")
        let prisbasbelopp = Fixture.price(Self.indexed, Self.items([("tak", "2026-12-31", nil), ("procent_pbb", "2027-01-01", nil)]))
        #expect(
            prisbasbelopp.errorText
                == "index_missing @ items[1].date: no PBB value for 2027 is recorded in indices/pbb.json; it is needed by t/a (version 2024-01-01) in 2027")
    }

    @Test func asOfHidesAPrisbasbeloppNotYetPublished() {
        // PBB 2024 is recorded as published 2023-09-30.
        let hidden = Fixture.price(Self.indexed, Self.one("procent_pbb"), extra: #""as_of":"2023-09-29""#)
        #expect(
            hidden.errorText
                == "index_missing @ items[0].date: no PBB value for 2024 published on or before as_of 2023-09-29 is recorded in indices/pbb.json; it is needed by t/a (version 2024-01-01) in 2024"
        )
        let visible = Fixture.price(Self.indexed, Self.one("procent_pbb"), extra: #""as_of":"2023-09-30""#)
        #expect(visible.amounts == ["859.50"])
        // Before the version was decided there is no tariff at all.
        let undecided = Fixture.price(Self.indexed, Self.one("procent_pbb"), extra: #""as_of":"2023-05-31""#)
        #expect(undecided.error["code"] as? String == "no_tariff_in_force")
        #expect(undecided.error["path"] as? String == "items[0].date")
    }

    @Test func asOfHidesAPKVPublication() {
        // PKV for 2025 was (in the example values) published 2024-10-15.
        let hidden = Fixture.price(Self.indexed, Self.one("timme", #"{"m":60}"#, date: "2025-03-01"), extra: #""as_of":"2024-10-14""#)
        #expect(hidden.error["code"] as? String == "index_missing")
        #expect(hidden.error["path"] as? String == "items[0].date")
        let visible = Fixture.price(Self.indexed, Self.one("timme", #"{"m":60}"#, date: "2025-03-01"), extra: #""as_of":"2024-10-15""#)
        #expect(visible.amounts == ["1236.00"])
    }

    // MARK: - Reductions and waivers

    @Test func reductionsAndWaiversOnAFeesTariff() {
        // 3 450 × 12,5 % = 431,25.
        var result = Fixture.price(Self.blocks, Self.one("fast"), extra: #""adjustment":{"kind":"reduction","percent":"12.5","reference":"MN § 7"}"#)
        #expect(result.subtotal == "3450.00")
        #expect(result.adjustment?["amount"] as? String == "-431.25")
        #expect(result.adjustment?["paragraph"] as? String == "8 §")
        #expect(result.total == "3018.75")
        // 229,83 × 10 % = 22,983 → 22,98.
        result = Fixture.price(Self.blocks, Self.one("styck", #"{"m":7}"#), extra: #""adjustment":{"kind":"reduction","percent":"10","reference":"MN § 7"}"#)
        #expect(result.adjustment?["amount"] as? String == "-22.98")
        #expect(result.total == "206.85")
        result = Fixture.price(
            Self.blocks, Self.items([("fast", "2024-06-01", nil), ("andel", "2024-06-01", nil)]),
            extra: #""adjustment":{"kind":"waiver","reference":"MN § 8"}"#)
        #expect(result.subtotal == "3789.90")
        #expect(result.adjustment?["amount"] as? String == "-3789.90")
        #expect(result.total == "0.00")
    }

    @Test func anAdjustmentWithoutAProvisionIsRefused() {
        let result = Fixture.price(Self.scopes, Self.one("item", #"{"m":1}"#), extra: #""adjustment":{"kind":"waiver","reference":"MN § 8"}"#)
        #expect(result.errorText == "invalid_request @ adjustment: t/a has no provision for reductions or waivers")
    }
}
