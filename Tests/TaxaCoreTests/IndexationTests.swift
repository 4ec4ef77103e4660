import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Indexation is where money goes wrong: chained yearly rounding, the publication lag, as_of.
@Suite struct IndexationTests {
    static func version(rate: String, validFrom: String = "2024-02-01", decided: String = "2024-02-07") -> (TariffVersion, HourlyRules) {
        let rules = HourlyRules(
            rate: Money.parse(rate)!, paragraph: "1 §", text: "t", incrementMinutes: 15, incrementRounding: .up,
            indexation: Indexation(
                series: "PKV", publicationMonth: 10, publicationYearsBefore: 1,
                rounding: MoneyRounding(step: Money(ore: 100), mode: .halfUp), paragraph: "2 §", text: "t"),
            activities: [Activity(key: "tillsyn", name: "Tillsyn", paragraph: "4 §", charge: .hourly, text: "t")])
        let version = TariffVersion(
            tariffID: "test/hourly", title: "t", validFrom: CivilDate.parse(validFrom)!,
            decided: CivilDate.parse(decided)!, decision: Decision(body: "b", reference: "r"),
            currency: "SEK", rules: .hourly(rules), adjustments: nil, file: "test/hourly/\(validFrom).json")
        return (version, rules)
    }

    static func series(_ values: [(published: String, year: Int, percent: String)]) -> [String: IndexSeries] {
        let publications = values.map {
            IndexPublication(
                published: CivilDate.parse($0.published)!, title: "EXAMPLE \($0.published)", source: "test",
                values: [$0.year: ScaledDecimal.parse($0.percent, maxScale: 4, allowNegative: true)!])
        }
        return ["PKV": IndexSeries(id: "PKV", name: "n", publisher: "p", publications: publications, file: "indices/pkv.json")]
    }

    @Test func firstYearUsesTheDecidedRate() throws {
        let (version, rules) = Self.version(rate: "1201.00")
        let rate = try RateIndexation.derive(version: version, base: rules.rate, indexation: rules.indexation, year: 2024, indices: Self.series([]), asOf: nil)
        #expect(rate.rate.description == "1201.00")
        #expect(rate.steps.isEmpty)
    }

    @Test func skrExampleRoundsToWholeKronor() throws {
        // SKR's example: 900 kr × 2.7 % = 924.3 kr → 924 kr.
        let (version, rules) = Self.version(rate: "900.00")
        let rate = try RateIndexation.derive(
            version: version, base: rules.rate, indexation: rules.indexation, year: 2025,
            indices: Self.series([("2024-10-15", 2025, "2.7")]), asOf: nil)
        #expect(rate.rate.description == "924.00")
        #expect(rate.steps.map(\.unrounded) == ["924.3"])
    }

    @Test func issueExampleRates() throws {
        let (version, rules) = Self.version(rate: "1201.00")
        let indices = Self.series([("2024-10-15", 2025, "2.9"), ("2025-10-15", 2026, "3.1")])
        let y2025 = try RateIndexation.derive(version: version, base: rules.rate, indexation: rules.indexation, year: 2025, indices: indices, asOf: nil)
        let y2026 = try RateIndexation.derive(version: version, base: rules.rate, indexation: rules.indexation, year: 2026, indices: indices, asOf: nil)
        #expect(y2025.rate.description == "1236.00")  // 1201 × 1.029 = 1235.829
        #expect(y2025.steps.map(\.unrounded) == ["1235.829"])
        #expect(y2026.rate.description == "1274.00")  // 1236 × 1.031 = 1274.316
        #expect(y2026.steps.map(\.unrounded) == ["1235.829", "1274.316"])
    }

    @Test func roundingIsChainedYearByYear() throws {
        // 1000 × 1.0005 = 1000.5 → 1001; 1001 × 1.0005 = 1001.5005 → 1002.
        // Unchained, 1000 × 1.0005² = 1001.00025 would give 1001: the chain must be used.
        let (version, rules) = Self.version(rate: "1000.00", validFrom: "2024-01-01")
        let indices = Self.series([("2024-10-01", 2025, "0.05"), ("2025-10-01", 2026, "0.05")])
        let rate = try RateIndexation.derive(version: version, base: rules.rate, indexation: rules.indexation, year: 2026, indices: indices, asOf: nil)
        #expect(rate.steps.map(\.rate.description) == ["1001.00", "1002.00"])
    }

    @Test func halfKronaTieRoundsUp() throws {
        let (version, rules) = Self.version(rate: "1000.00")
        let rate = try RateIndexation.derive(
            version: version, base: rules.rate, indexation: rules.indexation, year: 2025,
            indices: Self.series([("2024-10-01", 2025, "0.05")]), asOf: nil)
        #expect(rate.rate.description == "1001.00")
        let below = try RateIndexation.derive(
            version: version, base: rules.rate, indexation: rules.indexation, year: 2025,
            indices: Self.series([("2024-10-01", 2025, "0.0499")]), asOf: nil)
        #expect(below.rate.description == "1000.00")
    }

    @Test func onlyTheOctoberPublicationOfThePreviousYearCounts() throws {
        let (version, rules) = Self.version(rate: "1201.00")
        // A value for 2025 published in September 2024 or in October 2025 is not the one 2 § names.
        for wrong in ["2024-09-30", "2025-10-15", "2023-10-15"] {
            #expect(throws: RequestError.self) {
                try RateIndexation.derive(
                    version: version, base: rules.rate, indexation: rules.indexation, year: 2025,
                    indices: Self.series([(wrong, 2025, "2.9")]), asOf: nil)
            }
        }
    }

    @Test func missingValueIsIndexMissingNamingYearAndPublication() {
        let (version, rules) = Self.version(rate: "1201.00")
        do {
            _ = try RateIndexation.derive(version: version, base: rules.rate, indexation: rules.indexation, year: 2025, indices: Self.series([]), asOf: nil)
            Issue.record("expected index_missing")
        } catch {
            #expect(error.code == .indexMissing)
            #expect(error.message.contains("no PKV value for 2025 published in October 2024"))
        }
    }

    @Test func asOfHidesLaterPublications() throws {
        let (version, rules) = Self.version(rate: "1201.00")
        let indices = Self.series([("2024-10-15", 2025, "2.9")])
        #expect(throws: RequestError.self) {
            try RateIndexation.derive(
                version: version, base: rules.rate, indexation: rules.indexation, year: 2025, indices: indices, asOf: CivilDate.parse("2024-09-30"))
        }
        let seen = try RateIndexation.derive(
            version: version, base: rules.rate, indexation: rules.indexation, year: 2025, indices: indices, asOf: CivilDate.parse("2024-10-15"))
        #expect(seen.rate.description == "1236.00")
    }

    @Test func aLaterCorrectionInTheSameMonthWins() throws {
        let (version, rules) = Self.version(rate: "1201.00")
        let indices = Self.series([("2024-10-03", 2025, "2.0"), ("2024-10-20", 2025, "2.9")])
        let rate = try RateIndexation.derive(version: version, base: rules.rate, indexation: rules.indexation, year: 2025, indices: indices, asOf: nil)
        #expect(rate.rate.description == "1236.00")
        let before = try RateIndexation.derive(
            version: version, base: rules.rate, indexation: rules.indexation, year: 2025, indices: indices, asOf: CivilDate.parse("2024-10-10"))
        #expect(before.rate.description == "1225.00")  // 1201 × 1.02 = 1225.02
    }
}
