import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The LÅFF rules on the shipped tariff, asserted as exact strings.
@Suite struct HourlyFeeTests {
    static func request(_ entries: [(String, String, Int)], extra: String = "") -> String {
        let list = entries.enumerated().map { index, entry in
            "{\"date\":\"\(entry.0)\",\"activity\":\"\(entry.1)\",\"minutes\":\(entry.2),\"officer\":\"O\(index)\"}"
        }.joined(separator: ",")
        return "{\"id\":\"t\",\"tariff\":\"oxelosund/laff\",\"entries\":[\(list)]\(extra)}"
    }

    static func result(_ entries: [(String, String, Int)], extra: String = "", tariffs: TariffSet = TestSupport.shippedTariffs) -> [String: Any] {
        TestSupport.json(TestSupport.answer(request(entries, extra: extra), tariffs: tariffs))
    }

    static func lines(_ result: [String: Any]) -> [[String: Any]] { result["lines"] as? [[String: Any]] ?? [] }

    @Test(arguments: [
        (14, 15, "300.25"), (15, 15, "300.25"), (16, 30, "600.50"), (0, 0, "0.00"),
        (1, 15, "300.25"), (60, 60, "1201.00"), (61, 75, "1501.25"),
    ])
    func startedQuarterHours(minutes: Int, billed: Int, amount: String) throws {
        let result = Self.result([("2024-03-05", "tillsyn", minutes)])
        let line = try #require(Self.lines(result).first, "no line in \(result)")
        #expect(line["billed_minutes"] as? Int == billed)
        #expect(line["amount"] as? String == amount)
        #expect(result["total"] as? String == amount)
    }

    @Test func minutesAreSummedBeforeRounding() {
        // 7 + 7 + 7 minutes by three officers: 21 minutes = 2 started quarters, not 3.
        let result = Self.result([("2024-05-02", "tillsyn", 7), ("2024-05-02", "tillsyn", 7), ("2024-05-02", "tillsyn", 7)])
        #expect(Self.lines(result).count == 1)
        #expect(Self.lines(result).first?["billed_minutes"] as? Int == 30)
        #expect(result["total"] as? String == "600.50")
    }

    @Test func doneWhenExample() {
        let result = Self.result([("2024-03-05", "tillsyn", 47), ("2024-03-20", "tillsyn", 20)])
        #expect(Self.lines(result).first?["minutes"] as? Int == 67)
        #expect(Self.lines(result).first?["billed_minutes"] as? Int == 75)
        #expect(result["subtotal"] as? String == "1501.25")
        let reduced = Self.result(
            [("2024-03-05", "tillsyn", 47), ("2024-03-20", "tillsyn", 20)],
            extra: ",\"adjustment\":{\"kind\":\"reduction\",\"percent\":\"50\",\"reference\":\"MSN 1\"}")
        let adjustment = reduced["adjustment"] as? [String: Any]
        #expect(adjustment?["amount"] as? String == "-750.63")
        #expect(adjustment?["paragraph"] as? String == "8 §")
        #expect(reduced["total"] as? String == "750.62")
    }

    @Test func minutesAreSummedAcrossHourlyActivities() throws {
        let result = Self.result([("2024-06-01", "tillsyn", 10), ("2024-06-02", "avfallshanteringsplan", 10)])
        let line = try #require(Self.lines(result).first, "no line in \(result)")
        #expect(line["billed_minutes"] as? Int == 30)
        #expect(line["paragraphs"] as? [String] == ["3 §", "4 §"])
        #expect(result["total"] as? String == "600.50")
    }

    @Test func appealTimeIsNeverBilled() throws {
        let result = Self.result([("2024-06-01", "overklagande", 90), ("2024-06-01", "tillsyn", 5)])
        let lines = Self.lines(result)
        try #require(lines.count == 2, "\(result)")
        #expect(lines[0]["kind"] as? String == "hourly")
        #expect(lines[0]["billed_minutes"] as? Int == 15)
        #expect(lines[1]["kind"] as? String == "free")
        #expect(lines[1]["minutes"] as? Int == 90)
        #expect(lines[1]["amount"] as? String == "0.00")
        #expect(result["total"] as? String == "300.25")
        let appealOnly = Self.result([("2024-06-01", "overklagande", 600)])
        #expect(appealOnly["total"] as? String == "0.00")
    }

    @Test func firstDayInForceAndTheDayBefore() {
        let first = Self.result([("2024-02-01", "tillsyn", 15)])
        #expect(first["ok"] as? Bool == true)
        #expect(Self.lines(first).first?["version"] as? String == "2024-02-01")
        #expect(first["total"] as? String == "300.25")
        let before = Self.result([("2024-01-31", "tillsyn", 15)])
        #expect(before["ok"] as? Bool == false)
        let error = before["error"] as? [String: Any]
        #expect(error?["code"] as? String == "no_tariff_in_force")
        #expect(error?["path"] as? String == "entries[0].date")
    }

    @Test func yearBoundaryGivesTwoLinesAtTwoRates() throws {
        let result = Self.result(
            [("2024-12-30", "tillsyn", 20), ("2025-01-02", "tillsyn", 20)],
            tariffs: TestSupport.exampleTariffs)
        let lines = Self.lines(result)
        try #require(lines.count == 2, "\(result)")
        #expect(lines[0]["fee_year"] as? Int == 2024)
        #expect(lines[0]["hourly_rate"] as? String == "1201.00")
        #expect(lines[0]["amount"] as? String == "600.50")
        #expect(lines[1]["fee_year"] as? Int == 2025)
        #expect(lines[1]["hourly_rate"] as? String == "1236.00")
        #expect(lines[1]["amount"] as? String == "618.00")
        #expect(result["total"] as? String == "1218.50")
        // Summed across the boundary it would be 40 → 45 minutes: each year is rounded alone.
        #expect(lines.map { $0["billed_minutes"] as? Int } == [30, 30])
    }

    @Test func shippedTariffsHaveNoPKVSoLaterYearsAreIndexMissing() {
        let result = Self.result([("2024-12-30", "tillsyn", 20), ("2025-01-02", "tillsyn", 20)])
        let error = result["error"] as? [String: Any]
        #expect(error?["code"] as? String == "index_missing")
        #expect(error?["path"] as? String == "entries[1].date")
    }

    @Test func waiverCancelsTheSubtotal() {
        let result = Self.result(
            [("2024-03-05", "tillsyn", 47)],
            extra: ",\"adjustment\":{\"kind\":\"waiver\",\"reference\":\"MSN 2024-04-10 § 3\",\"reason\":\"Ideell förening\"}")
        let adjustment = result["adjustment"] as? [String: Any]
        #expect(result["subtotal"] as? String == "1201.00")
        #expect(adjustment?["kind"] as? String == "waiver")
        #expect(adjustment?["amount"] as? String == "-1201.00")
        #expect(adjustment?["reason"] as? String == "Ideell förening")
        #expect(result["total"] as? String == "0.00")
    }

    @Test(arguments: [
        ("12.5", "-37.53", "262.72"), ("100", "-300.25", "0.00"), ("0.0001", "0.00", "300.25"),
        ("33.3333", "-100.08", "200.17"),
    ])
    func reductionsRoundHalfUpToOre(percent: String, amount: String, total: String) {
        let result = Self.result(
            [("2024-03-05", "tillsyn", 15)],
            extra: ",\"adjustment\":{\"kind\":\"reduction\",\"percent\":\"\(percent)\",\"reference\":\"R\"}")
        #expect((result["adjustment"] as? [String: Any])?["amount"] as? String == amount)
        #expect(result["total"] as? String == total)
    }

    @Test func metaIsEchoed() {
        let line = TestSupport.answer(
            "{\"id\":\"m\",\"tariff\":\"oxelosund/laff\",\"entries\":[{\"date\":\"2024-03-05\",\"activity\":\"tillsyn\",\"minutes\":1}],\"meta\":{\"invoice\":\"F-1\",\"n\":[1,true,null]}}"
        )
        #expect(line.hasSuffix(",\"meta\":{\"invoice\":\"F-1\",\"n\":[1,true,null]}}"))
    }

    @Test func sameInputGivesByteIdenticalOutput() {
        let request = Self.request([("2024-03-05", "tillsyn", 47), ("2024-04-05", "overklagande", 3), ("2024-04-05", "avfallshanteringsplan", 1)])
        #expect(TestSupport.answer(request) == TestSupport.answer(request))
    }

    /// Two fee years (one line of two activities), a free activity, officers and a note.
    static let explainable =
        #"[{"date":"2024-12-30","activity":"tillsyn","minutes":20,"officer":"Anna","note":"Platsbesök"},"#
        + #"{"date":"2024-12-30","activity":"overklagande","minutes":40,"officer":"Bo"},"#
        + #"{"date":"2025-01-02","activity":"avfallshanteringsplan","minutes":20},"#
        + #"{"date":"2025-01-03","activity":"tillsyn","minutes":7,"officer":"Cecilia"}]"#

    /// A line's figures and text are read from the engine's line whether or not the request
    /// asks for `explain` (which alone keeps officers and notes): the explained result is the
    /// plain one with an explanation on each line, and each explanation states its line's figures.
    @Test func explainedLinesAreThePlainLinesWithTheirDerivation() throws {
        func answer(explain: Bool) -> [String: Any] {
            TestSupport.json(
                TestSupport.answer(
                    #"{"id":"e","tariff":"oxelosund/laff","explain":\#(explain),"entries":\#(Self.explainable)}"#,
                    tariffs: TestSupport.exampleTariffs))
        }
        let plain = answer(explain: false)
        let explained = answer(explain: true)
        let lines = Self.lines(explained)
        try #require(lines.count == 3, "\(explained)")
        #expect(Self.lines(plain).allSatisfy { $0["explanation"] == nil })
        var stripped = explained
        stripped["lines"] = lines.map { line in line.filter { $0.key != "explanation" } }
        func canonical(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        #expect(try canonical(stripped) == canonical(plain))

        #expect(lines.map { $0["activities"] as? [String] } == [["tillsyn"], ["avfallshanteringsplan", "tillsyn"], ["overklagande"]])
        #expect(lines.map { $0["paragraphs"] as? [String] } == [["4 §"], ["3 §", "4 §"], ["5 §"]])
        #expect(lines.map { $0["amount"] as? String } == ["600.50", "618.00", "0.00"])
        #expect(
            lines[1]["text"] as? String
                == "Timavgift 2025 (3 §, 4 §): handläggningstid 27 min, debiteras 30 min (2 påbörjade kvartar) à 1 236,00 kr/tim = 618,00 kr")
        #expect(lines[2]["text"] as? String == "Handläggning av överklagande (5 §): 40 min, avgift tas inte ut")
        let first = lines[0]["explanation"] as? [String] ?? []
        #expect(first.first == "entries[0]: 2024-12-30 tillsyn, handläggare Anna: 20 min (anteckning: Platsbesök)")
        #expect(first.contains("Belopp: 30/60 tim × 1 201,00 kr = 600,50 kr."))
        let second = lines[1]["explanation"] as? [String] ?? []
        #expect(
            Array(second.prefix(2)) == ["entries[2]: 2025-01-02 avfallshanteringsplan: 20 min", "entries[3]: 2025-01-03 tillsyn, handläggare Cecilia: 7 min"])
        #expect(second.contains("Summa nedlagd handläggningstid 2025: 27 min. 1 §: varje påbörjad period om 15 min debiteras: ⌈27/15⌉ = 2, alltså 30 min."))
        #expect(second.contains("Belopp: 30/60 tim × 1 236,00 kr = 618,00 kr."))
        #expect((lines[2]["explanation"] as? [String])?.first == "entries[1]: 2024-12-30 overklagande, handläggare Bo: 40 min")
    }

    /// `taxa impact`'s parts of an hourly result: a line's activities joined by "+", summed.
    @Test func impactPartsAreTheLinesActivities() throws {
        let request = #"{"id":"i","tariff":"oxelosund/laff","entries":\#(Self.explainable)}"#
        guard case .success(let document) = Array(request.utf8).withUnsafeBytes({ JSONDocument.parse($0) }) else {
            Issue.record("not JSON")
            return
        }
        let outcome = document.withValue { RequestProcessor(tariffs: TestSupport.exampleTariffs).outcome(of: $0) }
        #expect(outcome.errorCode == nil)
        #expect(outcome.total == Money(ore: 121_850))
        #expect(outcome.parts.map(\.key) == ["tillsyn", "avfallshanteringsplan+tillsyn", "overklagande"])
        #expect(outcome.parts.map(\.ore) == [60_050, 61_800, 0])
    }
}
