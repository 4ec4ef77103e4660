import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The per-capita kind against the council's printed settlement: barn- och elevpeng, Oxelösund,
/// "Avräkning 3: september – december 2023" (KF 2024-02-07, ärende 7, Dnr KS.2023.11).
/// Every figure below is copied from the printed table, never computed by taxa.
@Suite struct PerCapitaTests {
    static let groups = [
        "1-3 år", "4-5 år", "F-klass", "Åk 1-3", "Åk 4-6", "Åk 7-9", "Gymn", "Fritids",
        "Anp. sk F-6", "Anp.sk 7-9",
    ]

    struct PrintedMonth {
        var month: String
        var actual: [Int]  // Utfall
        var change: [Int]  // Förändring antal
        var amounts: [Int]  // Att avräkna kr
        var actualTotal: Int  // Utfall, Summa
        var total: Int  // Att avräkna kr, Summa
    }

    static let printed = [
        PrintedMonth(
            month: "2023-09",
            actual: [454, 146, 163, 397, 401, 402, 418, 564, 13, 1],
            change: [144, -216, 6, -6, -8, -14, 25, 139, 7, -4],
            amounts: [1_710_588, -1_778_436, 28_577, -36_904, -53_215, -94_005, 287_388, 416_653, 195_293, -127_934],
            actualTotal: 2959, total: 548_005),
        PrintedMonth(
            month: "2023-10",
            actual: [462, 145, 167, 401, 410, 409, 426, 559, 13, 1],
            change: [152, -217, 10, -2, 1, -7, 33, 134, 7, -4],
            amounts: [1_805_621, -1_786_670, 47_628, -12_301, 6_652, -47_003, 379_352, 401_665, 195_293, -127_934],
            actualTotal: 2993, total: 862_303),
        PrintedMonth(
            month: "2023-11",
            actual: [468, 145, 167, 401, 410, 409, 426, 559, 13, 1],
            change: [158, -217, 10, -2, 1, -7, 33, 134, 7, -4],
            amounts: [1_876_895, -1_786_670, 47_628, -12_301, 6_652, -47_003, 379_352, 401_665, 195_293, -127_934],
            actualTotal: 2999, total: 933_578),
        PrintedMonth(
            month: "2023-12",
            actual: [470, 145, 167, 401, 410, 409, 426, 559, 13, 1],
            change: [160, -217, 10, -2, 1, -7, 33, 134, 7, -4],
            amounts: [1_900_653, -1_786_670, 47_628, -12_301, 6_652, -47_003, 379_352, 401_665, 195_293, -127_934],
            actualTotal: 3001, total: 957_336),
    ]
    static let printedPeriodTotal = 3_301_222

    static func quoted(_ text: String) -> String { "\"\(text)\"" }

    static func counts(_ actual: [Int]) -> String {
        "{" + zip(groups, actual).map { "\(quoted($0)):\($1)" }.joined(separator: ",") + "}"
    }

    static func request(_ months: [(String, String)], extra: String = "") -> String {
        let body = months.map { "\(quoted($0.0)):\($0.1)" }.joined(separator: ",")
        return "{\"id\":\"bep\",\"tariff\":\"oxelosund/bep\"\(extra),\"months\":{\(body)}}"
    }

    static var fullRequest: String { request(printed.map { ($0.month, counts($0.actual)) }) }

    /// A whole-kronor amount as the contract writes it.
    static func money(_ kronor: Int) -> String { "\(kronor).00" }

    static func months(_ result: [String: Any]) -> [[String: Any]] { result["months"] as? [[String: Any]] ?? [] }
    static func cells(_ month: [String: Any]) -> [[String: Any]] { month["groups"] as? [[String: Any]] ?? [] }

    @Test func reproducesEveryPrintedCell() {
        let result = TestSupport.json(TestSupport.answer(Self.fullRequest))
        #expect(result["ok"] as? Bool == true)
        let months = Self.months(result)
        #expect(months.map { $0["month"] as? String } == Self.printed.map(\.month))
        var checked = 0
        for (month, printed) in zip(months, Self.printed) {
            let cells = Self.cells(month)
            #expect(cells.map { $0["group"] as? String } == Self.groups)
            for (index, cell) in cells.enumerated() {
                #expect(cell["actual"] as? Int == printed.actual[index])
                #expect(cell["change"] as? Int == printed.change[index], "\(printed.month) \(Self.groups[index]) change")
                #expect(cell["amount"] as? String == Self.money(printed.amounts[index]), "\(printed.month) \(Self.groups[index])")
                checked += 1
            }
        }
        #expect(checked == 40)
    }

    @Test func reproducesEveryMonthTotalAndThePeriodTotal() {
        let result = TestSupport.json(TestSupport.answer(Self.fullRequest))
        let months = Self.months(result)
        #expect(months.map { $0["total"] as? String } == ["548005.00", "862303.00", "933578.00", "957336.00"])
        #expect(months.map { $0["total"] as? String } == Self.printed.map { Self.money($0.total) })
        #expect(months.map { $0["actual_total"] as? Int } == Self.printed.map(\.actualTotal))
        #expect(result["total"] as? String == "3301222.00")
        #expect(result["total"] as? String == Self.money(Self.printedPeriodTotal))
        #expect(result["versions"] as? [String] == ["2023-01-01"])
    }

    /// November and December: the printed total is one krona more than the printed cells add up
    /// to, because the month total rounds the unrounded cells' sum.
    @Test func monthTotalsRoundTheUnroundedCellsNotTheSumOfRoundedOnes() throws {
        let differing = Self.printed.filter { $0.amounts.reduce(0, +) != $0.total }
        #expect(differing.map(\.month) == ["2023-11", "2023-12"])
        #expect(differing.map { $0.amounts.reduce(0, +) } == [933_577, 957_335])

        let months = Self.months(TestSupport.json(TestSupport.answer(Self.fullRequest)))
        try #require(months.count == 4)
        let november = months[2]
        let december = months[3]
        #expect(november["total"] as? String == "933578.00")
        #expect(Self.cells(november).compactMap { $0["amount"] as? String }.map { Money.parse($0)?.ore ?? 0 }.reduce(0, +) == 93_357_700)
        #expect(november["unrounded"] as? String == "11202934/12")  // 933 577,83… kr
        #expect(december["total"] as? String == "957336.00")
        #expect(december["unrounded"] as? String == "11488032/12")  // exactly 957 336 kr
    }

    @Test func theSeptemberToDecemberRowsAddUpToThePeriodTotalOnlyUnrounded() {
        let result = TestSupport.json(TestSupport.answer(Self.fullRequest))
        #expect(result["unrounded"] as? String == "39614664/12")  // exactly 3 301 222 kr
        #expect(Self.printed.map(\.total).reduce(0, +) == Self.printedPeriodTotal)
    }

    @Test func cellsRoundHalfAwayFromZero() throws {
        let september = Self.cells(try #require(Self.months(TestSupport.json(TestSupport.answer(Self.fullRequest))).first))
        try #require(september.count == 10)
        // −6 × 73 807 ÷ 12 = −36 903,5 → −36 904; 25 × 137 946 ÷ 12 = 287 387,5 → 287 388.
        #expect(september[3]["unrounded"] as? String == "-442842/12")
        #expect(september[3]["amount"] as? String == "-36904.00")
        #expect(september[6]["unrounded"] as? String == "3448650/12")
        #expect(september[6]["amount"] as? String == "287388.00")
        // Exact cells stay exact: 144 × 142 549 ÷ 12 = 1 710 588.
        #expect(september[0]["unrounded"] as? String == "20527056/12")
        #expect(september[0]["yearly_amount"] as? String == "142549.00")
        #expect(september[0]["budgeted"] as? Int == 310)
    }

    @Test func eachMonthAloneGivesItsPrintedTotal() {
        for printed in Self.printed {
            let result = TestSupport.json(TestSupport.answer(Self.request([(printed.month, Self.counts(printed.actual))])))
            #expect(result["total"] as? String == Self.money(printed.total))
            #expect(Self.months(result).first?["total"] as? String == Self.money(printed.total))
        }
    }

    @Test func monthsComeBackInCalendarOrderWithTheSameTotal() {
        let shuffled = Self.request([3, 0, 2, 1].map { (Self.printed[$0].month, Self.counts(Self.printed[$0].actual)) })
        let result = TestSupport.json(TestSupport.answer(shuffled))
        #expect(Self.months(result).map { $0["month"] as? String } == ["2023-09", "2023-10", "2023-11", "2023-12"])
        #expect(result["total"] as? String == "3301222.00")
    }

    @Test func explainShowsEveryCellsDerivationAndTheRoundingDifference() {
        let result = TestSupport.json(TestSupport.answer(Self.request([("2023-11", Self.counts(Self.printed[2].actual))], extra: ",\"explain\":true")))
        let explanation = Self.months(result).first?["explanation"] as? [String] ?? []
        #expect(
            explanation.contains(
                "1-3 år: (468 − 310) × 142 549,00 kr = 22 522 742,00 kr; ÷ 12, avrundat till hela kronor, hälften bort från noll = 1 876 895,00 kr."))
        #expect(explanation.contains("Fritids: (559 − 425) × 35 970,00 kr = 4 819 980,00 kr; ÷ 12 = 401 665,00 kr."))
        #expect(explanation.contains { $0.contains("KF 2024-02-07, ärende 7, Dnr KS.2023.11") })
        #expect(explanation.contains { $0.hasPrefix("Summa 2023-11:") && $0.contains("933 578,00 kr") && $0.contains("933 577,00 kr") })
    }

    // MARK: - Validation

    static func error(_ line: String) -> (code: String?, path: String?, message: String?) {
        let result = TestSupport.json(TestSupport.answer(line))
        #expect(result["ok"] as? Bool == false)
        let error = result["error"] as? [String: Any]
        return (error?["code"] as? String, error?["path"] as? String, error?["message"] as? String)
    }

    static let september = printed[0].actual

    @Test func aMissingGroupIsNamed() {
        let withoutGymn = Self.counts(Self.september).replacingOccurrences(of: "\"Gymn\":418,", with: "")
        let error = Self.error(Self.request([("2023-09", withoutGymn)]))
        #expect(error.code == "invalid_request")
        #expect(error.path == "months[\"2023-09\"].Gymn")
        #expect(error.message?.contains("\"Gymn\"") == true)
    }

    @Test func anUnknownGroupIsNamedWithTheExpectedOnes() {
        let renamed = Self.counts(Self.september).replacingOccurrences(of: "\"Gymn\"", with: "\"Gymnasium\"")
        let error = Self.error(Self.request([("2023-09", renamed)]))
        #expect(error.code == "invalid_request")
        #expect(error.path == "months[\"2023-09\"].Gymnasium")
        #expect(error.message?.contains("\"Anp. sk F-6\"") == true)
    }

    @Test func groupNamesMustBeSpelledAsPrinted() {
        let respaced = Self.counts(Self.september).replacingOccurrences(of: "\"Anp. sk F-6\"", with: "\"Anp.sk F-6\"")
        let error = Self.error(Self.request([("2023-09", respaced)]))
        #expect(error.code == "invalid_request")
        #expect(error.path == "months[\"2023-09\"][\"Anp.sk F-6\"]")
    }

    @Test(arguments: [
        ("-1", "expected an integer from 0 to 1000000, got -1"),
        ("1000001", "expected an integer from 0 to 1000000, got 1000001"),
        ("12.0", "expected an integer from 0 to 1000000, got a real number"),
        ("\"12\"", "expected an integer from 0 to 1000000, got a string"),
    ])
    func countsAreWholeNumbersFromZeroToAMillion(count: String, message: String) {
        let counts = Self.counts(Self.september).replacingOccurrences(of: "\"1-3 år\":454", with: "\"1-3 år\":\(count)")
        let error = Self.error(Self.request([("2023-09", counts)]))
        #expect(error.code == "invalid_request")
        #expect(error.path == "months[\"2023-09\"][\"1-3 år\"]")
        #expect(error.message == message)
    }

    @Test(arguments: ["2022-12", "2024-01"])
    func aMonthOutsideTheVersionHasNoTariffInForce(month: String) {
        let error = Self.error(Self.request([("2023-09", Self.counts(Self.september)), (month, Self.counts(Self.september))]))
        #expect(error.code == "no_tariff_in_force")
        #expect(error.path == "months[\"\(month)\"]")
        #expect(error.message?.contains("oxelosund/bep") == true)
    }

    @Test func theYearsAmountsEndWithTheYear() {
        let error = Self.error(Self.request([("2024-01", Self.counts(Self.september))]))
        #expect(
            error.message
                == "cannot settle 2024-01: oxelosund/bep has no version in force on 2024-01-01; version 2023-01-01 applies from 2023-01-01 through 2023-12-31")
    }

    @Test func asOfBeforeTheCitedDecisionFindsNoVersion() {
        let error = Self.error(Self.request([("2023-09", Self.counts(Self.september))], extra: ",\"as_of\":\"2024-02-06\""))
        #expect(error.code == "no_tariff_in_force")
        #expect(error.path == "months[\"2023-09\"]")
        #expect(error.message?.contains("decided on 2024-02-07, after as_of") == true)
        let result = TestSupport.json(TestSupport.answer(Self.request([("2023-09", Self.counts(Self.september))], extra: ",\"as_of\":\"2024-02-07\"")))
        #expect(result["total"] as? String == "548005.00")
        #expect(result["as_of"] as? String == "2024-02-07")
    }

    @Test(arguments: [
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/bep\"}", "months"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/bep\",\"months\":{}}", "months"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/bep\",\"months\":[]}", "months"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/bep\",\"months\":{\"2023-9\":{\"Gymn\":1}}}", "months[\"2023-9\"]"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/bep\",\"months\":{\"2023-13\":{\"Gymn\":1}}}", "months[\"2023-13\"]"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/bep\",\"months\":{\"2023-09-01\":{\"Gymn\":1}}}", "months[\"2023-09-01\"]"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/bep\",\"months\":{\"2023-09\":{}}}", "months[\"2023-09\"]"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/bep\",\"months\":{\"2023-09\":[454]}}", "months[\"2023-09\"]"),
        ("{\"id\":\"x\",\"tariff\":\"oxelosund/bep\",\"entries\":[],\"months\":{\"2023-09\":{\"Gymn\":1}}}", "entries"),
    ])
    func malformedRequestsAreRejectedWithAPath(line: String, path: String) {
        let error = Self.error(line)
        #expect(error.code == "invalid_request")
        #expect(error.path == path)
        #expect(error.message?.isEmpty == false)
    }

    @Test func atMost120Months() {
        var months: [(String, String)] = []
        for index in 0..<121 {
            let year = 2000 + index / 12
            let month = index % 12 + 1
            months.append(("\(year)-\(month < 10 ? "0" : "")\(month)", "{\"Gymn\":1}"))
        }
        let error = Self.error(Self.request(months))
        #expect(error.code == "invalid_request")
        #expect(error.path == "months")
        #expect(error.message?.contains("got 121 months") == true)
    }

    // MARK: - Tariff files

    @Test func theShippedVersionHoldsTheCouncilsFigures() throws {
        let tariff = try #require(TestSupport.shippedTariffs.tariffs["oxelosund/bep"])
        let version = try #require(tariff.versions.first)
        guard let rules = version.rules.perCapita else { Issue.record("not per-capita"); return }
        #expect(rules.groups.map(\.key) == Self.groups)
        #expect(
            rules.groups.map(\.yearlyAmount.description) == [
                "142549.00", "98802.00", "57154.00", "73807.00", "79822.00",
                "80576.00", "137946.00", "35970.00", "334788.00", "383801.00",
            ])
        #expect(rules.groups.map(\.budgetedCount) == [310, 362, 157, 403, 409, 416, 393, 425, 6, 5])
        #expect(rules.rounding == MoneyRounding(step: Money(ore: 100), mode: .halfAwayFromZero))
        #expect(version.validFrom.description == "2023-01-01")
        #expect(version.validUntil?.description == "2023-12-31")
        #expect(version.decision.reference == "KF 2024-02-07, ärende 7, Dnr KS.2023.11")
    }

    /// A cell priced from the group's `CellPrice` is the cell the engine's pipeline prices from
    /// the group's fee, exact value and rounded amount, below, at and above the budgeted count;
    /// an amount beyond 64-bit öre is left to the pipeline, which reports it.
    @Test func aCellPricedWithoutThePipelineIsTheEnginesCell() throws {
        let root = try TariffFolder.make([
            "oxelosund/bep/2023-01-01.json": TariffFolder.perCapita(
                validFrom: "2023-01-01", validUntil: "2023-12-31", yearlyAmount: "900000000000000.00")
        ])
        defer { TariffFolder.remove(root) }
        let huge = try #require(TariffLoader.load(root: root).tariffSet?.tariffs["oxelosund/bep"]?.versions.first)
        let shipped = try #require(TestSupport.shippedTariffs.tariffs["oxelosund/bep"]?.versions.first)
        let access = IndexAccess(indices: [:], asOf: nil, rates: nil)
        for version in [shipped, huge] {
            let rules = try #require(version.rules.perCapita)
            let prices = try #require(rules.cellPrices)
            #expect(prices.count == rules.groups.count)
            for (position, group) in rules.groups.enumerated() {
                for actual in [0, 1, group.budgetedCount - 1, group.budgetedCount, group.budgetedCount + 1, 454, 1_000_000] as [Int64] {
                    let engine = try? FeeEngine.priceAlone(
                        rules.fees.fees[position], version: version, feeYear: 2023, inputs: LineInputs(one: .integer(actual)), access: access,
                        item: 0, naming: PerCapitaSettlement.naming(month: "2023-09"))
                    let cell = prices[position].cell(actual)
                    let exact = engine.map { $0.state.beforeRounding ?? $0.state.current }
                    #expect(cell?.yearlyValue == exact.map { $0.numerator * (12 / $0.denominator) }, "\(group.key) \(actual)")
                    #expect(cell?.amount == engine?.amount, "\(group.key) \(actual)")
                }
            }
        }
        // 900 000 000 000 000 kr a year for 1 000 000 children is beyond 64-bit öre a month.
        let rules = try #require(huge.rules.perCapita)
        #expect(rules.cellPrices?[0].cell(1_000_000) == nil)
        #expect(rules.cellPrices?[0].cell(311)?.amount.description == "75000000000000.00")
    }

    /// The same for every rounding mode and step, amounts with and without öre, and counts
    /// below and above the budgeted count (a negative cell rounds away from or towards zero).
    @Test func aCellPricedWithoutThePipelineIsTheEnginesCellForEveryRounding() throws {
        let version = try #require(TestSupport.shippedTariffs.tariffs["oxelosund/bep"]?.versions.first)
        let access = IndexAccess(indices: [:], asOf: nil, rates: nil)
        // Yearly amounts in öre: 142 549,00, 1,37, 0,01 and 98 802,55 kr.
        let groups = [(14_254_900, 310), (137, 0), (1, 5), (9_880_255, 7)].map { ore, budgeted in
            CapitaGroup(key: "\(ore)", yearlyAmount: Money(ore: Int64(ore)), budgetedCount: Int64(budgeted))
        }
        var compared = 0
        for mode in [RoundingMode.up, .down, .halfUp, .halfAwayFromZero] {
            for step: Int64 in [1, 100, 1000] {
                let rules = PerCapitaRules(groups: groups, rounding: MoneyRounding(step: Money(ore: step), mode: mode), text: "t")
                let prices = try #require(rules.cellPrices)
                for (position, group) in groups.enumerated() {
                    for actual in Array(0...400) + [1_000_000] as [Int64] {
                        let engine = try FeeEngine.priceAlone(
                            rules.fees.fees[position], version: version, feeYear: 2023, inputs: LineInputs(one: .integer(actual)), access: access,
                            item: 0, naming: PerCapitaSettlement.naming(month: "2023-09"))
                        let exact = engine.state.beforeRounding ?? engine.state.current
                        let cell = try #require(prices[position].cell(actual))
                        #expect(cell.yearlyValue == exact.numerator * (12 / exact.denominator), "\(group.key) \(actual) \(mode)")
                        #expect(cell.amount == engine.amount, "\(group.key) \(actual) \(mode) \(step)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == 4 * 3 * 4 * 402)
    }

    /// A request's group names are matched by their first 16 bytes and length, and a longer
    /// name in full: names sharing their first 16 bytes are told apart, in either order, and a
    /// name differing only after them is no group.
    @Test func longGroupNamesAreMatchedInFull() throws {
        let long = ["Anpassad grundskola 1-3", "Anpassad grundskola 7-9", "ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOPQ"]
        let root = try TariffFolder.make(["t/p/2024-01-01.json": EquivalentNamesTests.perCapita(long)])
        defer { TariffFolder.remove(root) }
        let set = try #require(TariffLoader.load(root: root).tariffSet)
        func answer(_ counts: [(String, Int)]) -> [String: Any] {
            let members = counts.map { "\(Self.quoted($0)):\($1)" }.joined(separator: ",")
            return TestSupport.json(TestSupport.answer(#"{"id":"x","tariff":"t/p","months":{"2024-01":{"# + members + "}}}", tariffs: set))
        }
        // Counts 2, 3, 4, 5 against a budget of 1 at 100,00 kr a year: 100 × (1 + 2 + 3 + 4) ÷ 12 = 83,33…,
        // in whole kronor 83,00 kr.
        let inOrder = answer(zip(long, [2, 3, 4, 5]).map { ($0, $1) })
        let reversed = answer(zip(long, [2, 3, 4, 5]).reversed().map { ($0, $1) })
        #expect(inOrder["total"] as? String == "83.00")
        let groups = Self.months(reversed).first?["groups"] as? [[String: Any]] ?? []
        #expect(groups.map { $0["group"] as? String } == long)
        #expect(groups.map { $0["actual"] as? Int } == [2, 3, 4, 5])
        #expect(reversed["total"] as? String == "83.00")
        let wrong = answer([(long[0], 2), ("Anpassad grundskola 7-8", 3), (long[2], 4), (long[3], 5)])
        let error = wrong["error"] as? [String: Any] ?? [:]
        #expect(error["path"] as? String == #"months["2024-01"]["Anpassad grundskola 7-8"]"#)
        #expect((error["message"] as? String)?.hasPrefix(#"t/p (version 2024-01-01) has no group "Anpassad grundskola 7-8""#) == true, "\(error)")
    }

    /// An unrounded amount is written as the decimal writer writes it, and as `decimalText` builds it
    /// (the writer takes 64 bits where the value fits, 128 beyond).
    @Test func anUnroundedAmountIsWrittenAsTheDecimalWriterWritesIt() {
        var values: [Int128] = [0, 1, -1, 5, -5, 10, 50, 99, 100, 101, 105, 110, 150, 12_345, -12_340, 20_527_056_00]
        values += [Int128(Int64.max), Int128(Int64.min), Int128(Int64.max) + 1, Int128(Int64.min) - 1, Int128(Int64.max) * 1000 + 7]
        for base in stride(from: -1000, through: 1000, by: 1) { values.append(Int128(base) * 7 + 3) }
        for value in values {
            let written = JSONWriter.text { Settlement.appendUnrounded(value, to: &$0) }
            let expected = JSONWriter.text {
                $0.appendDecimal(value, scale: 2); $0.appendText("/12")
            }
            #expect(written == expected)
            // Against the text built digit by digit, another reading than the writer's.
            #expect(written == decimalText(value, scale: 2) + "/12", "\(value)")
        }
        #expect(JSONWriter.text { Settlement.appendUnrounded(-5, to: &$0) } == "-0.05/12")
        #expect(JSONWriter.text { Settlement.appendUnrounded(2_052_705_650, to: &$0) } == "20527056.5/12")
    }

    /// The answer to `line` from a root with two yearly versions (2023: 142 549,00 kr a child,
    /// 2024: 150 000,00 kr), and the tariff's versions.
    static func answerOverTwoYears(_ line: String) throws -> (result: [String: Any], versions: [TariffVersion]) {
        let root = try TariffFolder.make([
            "oxelosund/bep/2023-01-01.json": TariffFolder.perCapita(validFrom: "2023-01-01", validUntil: "2023-12-31"),
            "oxelosund/bep/2024-01-01.json": TariffFolder.perCapita(
                validFrom: "2024-01-01", validUntil: "2024-12-31", yearlyAmount: "150000.00"),
        ])
        defer { TariffFolder.remove(root) }
        let set = try #require(TariffLoader.load(root: root).tariffSet)
        return (TestSupport.json(TestSupport.answer(line, tariffs: set)), try #require(set.tariffs["oxelosund/bep"]?.versions))
    }

    /// Each month is settled by the version in force on its first day, the months come out in
    /// calendar order whatever order they were sent in, and the digest covers both versions.
    @Test func aSettlementAcrossAVersionChangePricesEachMonthByItsVersion() throws {
        let (result, versions) = try Self.answerOverTwoYears(
            #"{"id":"x","tariff":"oxelosund/bep","months":{"2024-01":{"1-3 år":311},"2023-12":{"1-3 år":322}}}"#)
        let months = Self.months(result)
        #expect(months.map { $0["month"] as? String } == ["2023-12", "2024-01"])
        #expect(months.map { $0["version"] as? String } == ["2023-01-01", "2024-01-01"])
        // 12 × 142 549,00 ÷ 12 = 142 549,00 kr; 1 × 150 000,00 ÷ 12 = 12 500,00 kr.
        #expect(months.map { $0["total"] as? String } == ["142549.00", "12500.00"])
        #expect(result["total"] as? String == "155049.00")
        #expect(result["versions"] as? [String] == ["2023-01-01", "2024-01-01"])
        #expect(result["tariff_digest"] as? String == RuleDigest(versions: versions, uses: []).value)
    }

    /// Months taken in runs of one version: a version met again after another is the same
    /// version, listed once, and each month keeps its own cells and total.
    @Test func monthsOfTwoVersionsInTurnAreEachSettledByTheirOwn() throws {
        let (result, _) = try Self.answerOverTwoYears(
            #"{"id":"x","tariff":"oxelosund/bep","months":{"2023-11":{"1-3 år":322},"2023-12":{"1-3 år":322},"2024-01":{"1-3 år":311},"2023-10":{"1-3 år":334}}}"#
        )
        let months = Self.months(result)
        #expect(months.map { $0["month"] as? String } == ["2023-10", "2023-11", "2023-12", "2024-01"])
        #expect(months.map { $0["version"] as? String } == ["2023-01-01", "2023-01-01", "2023-01-01", "2024-01-01"])
        // 24 × 142 549,00 ÷ 12 = 285 098,00 kr; 12 × 142 549,00 ÷ 12 twice; 1 × 150 000,00 ÷ 12 = 12 500,00 kr.
        #expect(months.map { $0["total"] as? String } == ["285098.00", "142549.00", "142549.00", "12500.00"])
        #expect(result["total"] as? String == "582696.00")
        #expect(result["versions"] as? [String] == ["2023-01-01", "2024-01-01"])
    }

    @Test func aPerCapitaVersionCoversWholeMonths() throws {
        let root = try TariffFolder.make(["oxelosund/bep/2023-01-15.json": TariffFolder.perCapita(validFrom: "2023-01-15", validUntil: "2023-12-30")])
        defer { TariffFolder.remove(root) }
        let messages = TariffLoader.load(root: root).errors.map(\.description)
        #expect(
            messages.contains {
                $0.hasPrefix("oxelosund/bep/2023-01-15.json: valid_from: is 2023-01-15; a per-capita version must begin on the first day of a month")
            })
        #expect(
            messages.contains {
                $0.hasPrefix("oxelosund/bep/2023-01-15.json: valid_until: is 2023-12-30; a per-capita version must end on the last day of a month")
            })
    }

    @Test func badGroupsInATariffFileAreNamedWithTheirPath() throws {
        let file = TariffFolder.perCapita(validFrom: "2023-01-01", validUntil: "2023-12-31")
            .replacingOccurrences(of: "\"yearly_amount\": \"142549.00\"", with: "\"yearly_amount\": 142549")
        let root = try TariffFolder.make(["oxelosund/bep/2023-01-01.json": file])
        defer { TariffFolder.remove(root) }
        let messages = TariffLoader.load(root: root).errors.map(\.description)
        #expect(
            messages.contains {
                $0.hasPrefix(
                    "oxelosund/bep/2023-01-01.json: per_capita.groups[\"1-3 år\"].yearly_amount: expected an amount in kronor per child and year as a string")
            })
    }
}

/// Throw-away tariff roots for loader tests.
enum TariffFolder {
    static func make(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-kinds-\(UUID().uuidString)")
        for (relative, text) in files {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root.path
    }

    static func remove(_ root: String) { try? FileManager.default.removeItem(atPath: root) }

    static func perCapita(validFrom: String, validUntil: String, yearlyAmount: String = "142549.00") -> String {
        """
        {"tariff": "oxelosund/bep", "title": "BEP", "kind": "per_capita", "valid_from": "\(validFrom)",
         "valid_until": "\(validUntil)", "decided": "2024-02-07",
         "decision": {"body": "KF", "reference": "KF 2024-02-07"}, "currency": "SEK",
         "per_capita": {"text": "t", "rounding": {"step": "1.00", "mode": "half_away_from_zero"},
                        "groups": {"1-3 år": {"yearly_amount": "\(yearlyAmount)", "budgeted_count": 310}}}}
        """
    }

    static func percentage(validFrom: String, decided: String, percent: String = "47.18") -> String {
        """
        {"tariff": "oxelosund/po", "title": "PO", "kind": "percentage", "valid_from": "\(validFrom)",
         "decided": "\(decided)", "decision": {"body": "KF", "reference": "KF \(decided)"}, "currency": "SEK",
         "percentage": {"percent": "\(percent)", "rounding": {"step": "0.01", "mode": "half_up"}, "text": "t"}}
        """
    }
}
