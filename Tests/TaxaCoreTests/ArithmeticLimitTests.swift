import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Money at the limits: every operation is overflow-checked, and a request whose amount cannot
/// be represented gets `invalid_request` with a message, never a trap and never a wrong number.
/// Expected values at the edges were computed independently (exact rational arithmetic).
@Suite struct ArithmeticLimitTests {
    static let max = Int64.max  // 92 233 720 368 547 758,07 kr
    static let min = Int64.min

    // MARK: - Primitives

    @Test func moneyAdditionAndNegationAtTheEdges() throws {
        #expect(try Money(ore: Self.max).adding(.zero) == Money(ore: Self.max))
        #expect(try Money(ore: Self.max - 1).adding(Money(ore: 1)) == Money(ore: Self.max))
        #expect(throws: ArithmeticOverflow.self) { try Money(ore: Self.max).adding(Money(ore: 1)) }
        #expect(throws: ArithmeticOverflow.self) { try Money(ore: Self.min).adding(Money(ore: -1)) }
        #expect(try Money(ore: Self.min).adding(Money(ore: Self.max)) == Money(ore: -1))
        #expect(try Money(ore: Self.max).negated() == Money(ore: -Self.max))
        #expect(try Money(ore: -Self.max).negated() == Money(ore: Self.max))
        #expect(throws: ArithmeticOverflow.self) { try Money(ore: Self.min).negated() }
        #expect(try Money(ore: 0).negated().ore == 0)
    }

    @Test func divisionAtTheEdgesOfInt64() throws {
        let max = Int128(Self.max)
        let min = Int128(Self.min)
        for mode in RoundingMode.allCases {
            #expect(try divide(max, by: 1, rounding: mode) == Self.max)
            #expect(try divide(min, by: 1, rounding: mode) == Self.min)
            #expect(throws: ArithmeticOverflow.self) { try divide(max + 1, by: 1, rounding: mode) }
            #expect(throws: ArithmeticOverflow.self) { try divide(min - 1, by: 1, rounding: mode) }
            #expect(throws: ArithmeticOverflow.self) { try divide(.max, by: 1, rounding: mode) }
            #expect(throws: ArithmeticOverflow.self) { try divide(.min, by: 1, rounding: mode) }
            #expect(try divide(.max, by: .max, rounding: mode) == 1)
            #expect(try divide(.min + 1, by: .max, rounding: mode) == -1)
            // max − ½ rounds to max in every mode but down; max + ½ rounds past it in every mode but down.
            #expect(try divide(max * 2 - 1, by: 2, rounding: mode) == (mode == .down ? Self.max - 1 : Self.max))
            if mode == .down {
                #expect(try divide(max * 2 + 1, by: 2, rounding: mode) == Self.max)
            } else {
                #expect(throws: ArithmeticOverflow.self) { try divide(max * 2 + 1, by: 2, rounding: mode) }
            }
        }
        // Down goes towards −∞: min − ½ goes past min.
        #expect(throws: ArithmeticOverflow.self) { try divide(min * 2 - 1, by: 2, rounding: .down) }
        // min − ½: towards +∞ stays at min, away from zero goes past it.
        #expect(try divide(min * 2 - 1, by: 2, rounding: .halfUp) == Self.min)
        #expect(try divide(min * 2 - 1, by: 2, rounding: .up) == Self.min)
        #expect(throws: ArithmeticOverflow.self) { try divide(min * 2 - 1, by: 2, rounding: .halfAwayFromZero) }
        // The largest denominators and remainders do not overflow the rounding comparison.
        #expect(try divide(.max - 1, by: .max, rounding: .halfUp) == 1)
        #expect(try divide(.max / 2, by: .max, rounding: .halfUp) == 0)
        #expect(try divide(.max / 2 + 1, by: .max, rounding: .halfUp) == 1)
        #expect(try divide(-(.max / 2 + 1), by: .max, rounding: .halfAwayFromZero) == -1)
    }

    @Test func parsingAtTheEdges() {
        #expect(ScaledDecimal.parse("92233720368547758.07", maxScale: 2)?.units == Self.max)
        #expect(ScaledDecimal.parse("92233720368547758.08", maxScale: 2) == nil)
        #expect(ScaledDecimal.parse("9223372036854775807", maxScale: 0)?.units == Self.max)
        #expect(ScaledDecimal.parse("9223372036854775808", maxScale: 0) == nil)
        #expect(ScaledDecimal.parse("-9223372036854775807", maxScale: 0, allowNegative: true)?.units == -Self.max)
        #expect(ScaledDecimal.parse(String(repeating: "9", count: 40), maxScale: 0) == nil)
        #expect(ScaledDecimal(units: Self.max, scale: 0).rescaled(to: 1) == nil)
        #expect(ScaledDecimal(units: Self.max, scale: 2).rescaled(to: 2) == Self.max)
        #expect(Money.parse("92233720368547758.07") == Money(ore: Self.max))
        #expect(Money.parse("92233720368547758.08") == nil)
        #expect(Money.parse("922337203685477580.7") == nil)  // fits at one decimal, not at two
        #expect(Money.parse("-92233720368547758.07") == Money(ore: -Self.max))
    }

    @Test func formattingAtTheEdges() {
        #expect(Money(ore: Self.max).description == "92233720368547758.07")
        #expect(Money(ore: Self.min).description == "-92233720368547758.08")
        #expect(Money(ore: Self.max).swedish == "92 233 720 368 547 758,07 kr")
        #expect(Money(ore: Self.min).swedish == "−92 233 720 368 547 758,08 kr")
        #expect(decimalText(.max, scale: 4) == "17014118346046923173168730371588410.5727")
        #expect(decimalText(.min, scale: 0) == "-170141183460469231731687303715884105728")
        #expect(ScaledDecimal(units: Self.min, scale: 4).description == "-922337203685477.5808")
    }

    // MARK: - Requests at the largest allowed values

    /// A tariff root with `test/max` (the largest representable rate, no indexation) and
    /// `test/indexed` (a rate indexed by the example PKV, 2.9 % for 2025), made once.
    static let root: String = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-limits-\(getpid())").path
        try? FileManager.default.removeItem(atPath: root)
        func write(_ id: String, rate: String, indexed: Bool) {
            let shipped = try! Data(contentsOf: URL(fileURLWithPath: TestSupport.path("Tariffs/oxelosund/laff/2024-02-01.json")))
            var version = try! JSONSerialization.jsonObject(with: shipped) as! [String: Any]
            version["tariff"] = id
            version["valid_from"] = "2024-01-01"
            version["decided"] = "2023-12-01"
            var hourly = version["hourly"] as! [String: Any]
            hourly["rate"] = rate
            version["hourly"] = hourly
            if !indexed { version.removeValue(forKey: "indexation") }
            // The shipped worked examples hold for 1 201 kr/h only.
            version.removeValue(forKey: "examples")
            let folder = "\(root)/\(id)"
            try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try! JSONSerialization.data(withJSONObject: version).write(to: URL(fileURLWithPath: "\(folder)/2024-01-01.json"))
        }
        write("test/max", rate: "92233720368547758.07", indexed: false)
        // The largest rate whose 2025 indexed rate (× 1.029, whole kronor) still fits in 64 bits …
        write("test/indexed", rate: "89634324945138735.17", indexed: true)
        // … and one öre more, whose indexed rate does not.
        write("test/indexed-past", rate: "89634324945138735.18", indexed: true)
        // A per-capita tariff whose every yearly amount per child is the largest representable.
        let bep = try! Data(contentsOf: URL(fileURLWithPath: TestSupport.path("Tariffs/oxelosund/bep/2023-01-01.json")))
        var settlement = try! JSONSerialization.jsonObject(with: bep) as! [String: Any]
        settlement["tariff"] = "test/bep"
        var perCapita = settlement["per_capita"] as! [String: Any]
        var groups = perCapita["groups"] as! [String: [String: Any]]
        for key in groups.keys { groups[key]!["yearly_amount"] = "92233720368547758.07" }
        perCapita["groups"] = groups
        settlement["per_capita"] = perCapita
        try! FileManager.default.createDirectory(atPath: "\(root)/test/bep", withIntermediateDirectories: true)
        try! JSONSerialization.data(withJSONObject: settlement).write(to: URL(fileURLWithPath: "\(root)/test/bep/2023-01-01.json"))
        try! FileManager.default.createDirectory(atPath: "\(root)/indices", withIntermediateDirectories: true)
        try! FileManager.default.copyItem(atPath: TestSupport.path("Fixtures/indices/pkv-example.json"), toPath: "\(root)/indices/pkv.json")
        return root
    }()

    static let tariffs: TariffSet = {
        let report = TariffLoader.load(root: root)
        guard let set = report.tariffSet else { fatalError("limit tariffs invalid: \(report.errors)") }
        return set
    }()

    static func answer(_ tariff: String, _ entries: [(String, String, Int64)], extra: String = "") -> [String: Any] {
        let list = entries.map { #"{"date":"\#($0.0)","activity":"\#($0.1)","minutes":\#($0.2)}"# }.joined(separator: ",")
        let line = #"{"id":"limit","tariff":"\#(tariff)","entries":[\#(list)]\#(extra)}"#
        return TestSupport.json(TestSupport.answer(line, tariffs: tariffs))
    }

    static func expectTooLarge(_ record: [String: Any], at path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = record["error"] as? [String: Any] ?? [:]
        #expect(record["ok"] as? Bool == false, "\(record)", sourceLocation: sourceLocation)
        #expect(error["code"] as? String == "invalid_request", "\(record)", sourceLocation: sourceLocation)
        #expect(error["path"] as? String == path, "\(record)", sourceLocation: sourceLocation)
        #expect(
            (error["message"] as? String)?.contains("too large to compute exactly") == true, "\(record)",
            sourceLocation: sourceLocation)
    }

    @Test func theLargestRateForOneHourIsExact() {
        let record = Self.answer("test/max", [("2024-03-05", "tillsyn", 60)])
        #expect(record["total"] as? String == "92233720368547758.07", "\(record)")
        // 45 min = ¾ of the largest amount, rounded half up: 6 917 529 027 641 081 855,25 öre.
        #expect(Self.answer("test/max", [("2024-03-05", "tillsyn", 45)])["total"] as? String == "69175290276410818.55")
    }

    @Test func oneQuarterMoreThanRepresentableIsRefused() {
        Self.expectTooLarge(Self.answer("test/max", [("2024-03-05", "tillsyn", 61)]), at: "entries")
        Self.expectTooLarge(Self.answer("test/max", [("2024-03-05", "tillsyn", 1_000_000)]), at: "entries")
    }

    @Test func aSubtotalPastTheLimitIsRefused() {
        // Two fee years, each exactly the largest amount: each line fits, their sum does not.
        Self.expectTooLarge(Self.answer("test/max", [("2024-03-05", "tillsyn", 60), ("2025-03-05", "tillsyn", 60)]), at: "")
    }

    @Test func adjustmentsOfTheLargestAmount() {
        let hour = [("2024-03-05", "tillsyn", Int64(60))]
        let all = Self.answer("test/max", hour, extra: #","adjustment":{"kind":"reduction","percent":"100","reference":"r"}"#)
        #expect(all["total"] as? String == "0.00", "\(all)")
        #expect((all["adjustment"] as? [String: Any])?["amount"] as? String == "-92233720368547758.07")
        // 0,0001 % of 9 223 372 036 854 775 807 öre = 9 223 372 036 854,775807 → 9 223 372 036 855 öre (92 233 720 368,55 kr).
        let least = Self.answer("test/max", hour, extra: #","adjustment":{"kind":"reduction","percent":"0.0001","reference":"r"}"#)
        #expect((least["adjustment"] as? [String: Any])?["amount"] as? String == "-92233720368.55", "\(least)")
        #expect(least["total"] as? String == "92233628134827389.52", "\(least)")
        let waiver = Self.answer("test/max", hour, extra: #","adjustment":{"kind":"waiver","reference":"r"}"#)
        #expect(waiver["total"] as? String == "0.00", "\(waiver)")
    }

    @Test func indexationAtTheLimit() {
        // 8 963 432 494 513 873 517 öre × 1,029 = 92 233 720 368 547 758,49… kr → 92 233 720 368 547 758 kr.
        let fits = Self.answer("test/indexed", [("2025-03-05", "tillsyn", 60)])
        #expect(fits["total"] as? String == "92233720368547758.00", "\(fits)")
        // One öre more rounds to 92 233 720 368 547 759 kr, which is not representable.
        Self.expectTooLarge(Self.answer("test/indexed-past", [("2025-03-05", "tillsyn", 60)]), at: "entries[0].date")
        // The base year of the same tariff is unaffected.
        #expect(Self.answer("test/indexed-past", [("2024-03-05", "tillsyn", 60)])["total"] as? String == "89634324945138735.18")
    }

    /// The shipped tariff at its largest request: 10 000 entries of 1 000 000 minutes.
    @Test func theLargestShippedRequest() {
        let entry = #"{"date":"2024-03-05","activity":"tillsyn","minutes":1000000}"#
        let entries = Array(repeating: entry, count: HourlyRequest.maxEntries).joined(separator: ",")
        let line =
            #"{"id":"max","tariff":"oxelosund/laff","explain":true,"entries":[\#(entries)],"adjustment":{"kind":"reduction","percent":"33.3333","reference":"r"}}"#
        let record = TestSupport.json(TestSupport.answer(line))
        let first = (record["lines"] as? [[String: Any]])?.first ?? [:]
        // ⌈10¹⁰ / 15⌉ × 15 = 10 000 000 005 min à 1 201 kr = 200 166 666 766,75 kr
        #expect(first["minutes"] as? Int == 10_000_000_000)
        #expect(first["billed_minutes"] as? Int == 10_000_000_005)
        #expect(record["subtotal"] as? String == "200166666766.75", "\(record["subtotal"] ?? "none")")
        // 33,3333 % of 20 016 666 676 675 öre = 6 672 215 553 336,1… → 6 672 215 553 336 öre
        #expect((record["adjustment"] as? [String: Any])?["amount"] as? String == "-66722155533.36")
        #expect(record["total"] as? String == "133444511233.39")
        // The free activity at the same size is listed and never billed.
        let free = Array(repeating: #"{"date":"2024-03-05","activity":"overklagande","minutes":1000000}"#, count: HourlyRequest.maxEntries)
        let freeRecord = TestSupport.json(TestSupport.answer(#"{"id":"free","tariff":"oxelosund/laff","entries":[\#(free.joined(separator: ","))]}"#))
        #expect(freeRecord["total"] as? String == "0.00")
        #expect(((freeRecord["lines"] as? [[String: Any]])?.first?["minutes"]) as? Int == 10_000_000_000)
    }

    /// PO at the largest salary cost: 9 223 372 036 854 775 807 öre × 47,18 % =
    /// 4 351 586 926 988 083 225,7… → 4 351 586 926 988 083 226 öre; one öre more is refused.
    @Test func percentageOfTheLargestSalaryCost() {
        func answer(_ cost: String) -> [String: Any] {
            TestSupport.json(TestSupport.answer(#"{"id":"po","tariff":"oxelosund/po","date":"2024-03-31","salary_cost":"\#(cost)"}"#))
        }
        let most = answer("92233720368547758.07")
        #expect(most["ok"] as? Bool == true, "\(most)")
        #expect(
            TestSupport.answer(#"{"id":"po","tariff":"oxelosund/po","date":"2024-03-31","salary_cost":"92233720368547758.07"}"#)
                .contains(#""43515869269880832.26""#))
        let past = answer("92233720368547758.08")
        #expect((past["error"] as? [String: Any])?["code"] as? String == "invalid_request")
        #expect((past["error"] as? [String: Any])?["path"] as? String == "salary_cost")
    }

    /// Per-capita settlement with the largest yearly amounts: (actual − budgeted) × amount ÷ 12.
    static let budgeted: [String: Int] = {
        let bep = try! Data(contentsOf: URL(fileURLWithPath: TestSupport.path("Tariffs/oxelosund/bep/2023-01-01.json")))
        let groups = ((try! JSONSerialization.jsonObject(with: bep) as! [String: Any])["per_capita"] as! [String: Any])["groups"]
        return (groups as! [String: [String: Any]]).mapValues { $0["budgeted_count"] as! Int }
    }()

    /// A month where `group` differs from its budget by `change` children and every other group
    /// is on budget.
    static func month(_ key: String, change: Int, in group: String = "Gymn") -> String {
        let counts = budgeted.keys.sorted().map { name in
            #""\#(name)":\#(budgeted[name]! + (name == group ? change : 0))"#
        }
        return #""\#(key)":{\#(counts.joined(separator: ","))}"#
    }

    static func settle(_ months: [String]) -> [String: Any] {
        TestSupport.json(
            TestSupport.answer(
                #"{"id":"bep","tariff":"test/bep","months":{\#(months.joined(separator: ","))}}"#,
                tariffs: tariffs))
    }

    @Test func perCapitaAtTheLimit() {
        // +12 children × the largest amount ÷ 12 = the largest amount, rounded to whole kronor.
        let fits = Self.settle([Self.month("2023-09", change: 12)])
        #expect(fits["ok"] as? Bool == true, "\(fits)")
        #expect(
            TestSupport.answer(
                #"{"id":"bep","tariff":"test/bep","months":{\#(Self.month("2023-09", change: 12))}}"#,
                tariffs: Self.tariffs
            ).contains(#""total":"92233720368547758.00""#))
        // One child more (or 13 fewer) and a cell does not fit: refused at the month.
        Self.expectTooLarge(Self.settle([Self.month("2023-09", change: 13)]), at: #"months["2023-09"]"#)
        Self.expectTooLarge(Self.settle([Self.month("2023-09", change: -13)]), at: #"months["2023-09"]"#)
        // Two months that each fit: their sum does not, refused at the months.
        Self.expectTooLarge(Self.settle([Self.month("2023-09", change: 12), Self.month("2023-10", change: 12)]), at: "months")
        // The same two months with opposite signs cancel exactly.
        let cancelled = Self.settle([Self.month("2023-09", change: 12), Self.month("2023-10", change: -12)])
        #expect(cancelled["ok"] as? Bool == true, "\(cancelled)")
    }

    /// The same refusal through the service: exit 0, the next line answered.
    @Test func anUnrepresentableAmountThroughTheBinary() throws {
        let lines = [
            #"{"id":"past","tariff":"test/max","entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":61}]}"#,
            #"{"id":"fits","tariff":"test/max","entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":60}]}"#,
        ]
        try HostileSupport.runAndCheck(
            Data((lines.joined(separator: "\n") + "\n").utf8),
            [
                .error(1, id: "past", .invalidRequest, at: "entries"),
                .ok(2, id: "fits", total: "92233720368547758.07"),
            ], root: Self.root, context: "overflow through the binary")
    }
}
