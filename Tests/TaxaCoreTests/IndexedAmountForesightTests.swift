import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms

/// Amounts chained by an index series are judged the same way whatever the kind: `taxa check`
/// names each year whose value is not recorded, at the place the file states the indexation
/// (once for an amount several fees share, as the hourly rate is), and a load refuses an unknown
/// series there once.
@Suite struct IndexedAmountForesightTests {
    static let pkv =
        #"{"base":"1000.00","indexed_by":{"series":"PKV","publication_month":10,"publication_years_before":1,"rounding":{"step":"1.00","mode":"half_up"},"paragraph":"2 §","text":"t"}}"#

    /// A `timavgift` defined once and used by two fees.
    static func body(series: String = "PKV") -> String {
        let amount = pkv.replacingOccurrences(of: #""series":"PKV""#, with: #""series":"\#(series)""#)
        return #"""
            "definitions":{"timavgift":{"amount":\#(amount),"text":"Timavgiften"}},
            "fees":{
              "a":{"name":"A","text":"t","price":[{"fixed":{"use":"timavgift"}}]},
              "b":{"name":"B","text":"t","inputs":{"h":{"type":"integer","min":1,"max":10}},"quantity":{"input":"h","unit":"timmar","scope":"item"},"price":[{"per_unit":{"price":{"use":"timavgift"}}}]}
            }
            """#
    }

    /// The example PKV has 2025 and 2026 (published in October of the year before): from 2027
    /// on, every year is named, once, at the definition.
    @Test func eachMissingYearOnceWhereTheIndexationIsWritten() throws {
        let set = try FeeFixture.tariffs(Self.body())
        let warnings = Foresight.missingIndexValues(try #require(set.tariffs["t/a"]), set.indices, throughYear: 2028)
        #expect(
            warnings.map(\.description) == [
                "t/a/2024-01-01.json: definitions.timavgift.amount.indexed_by.series: warning: t/a: no PKV for 2027 recorded (published in October 2026); requests dated 2027 will fail with index_missing",
                "t/a/2024-01-01.json: definitions.timavgift.amount.indexed_by.series: warning: t/a: no PKV for 2028 recorded (published in October 2027); requests dated 2028 will fail with index_missing",
            ])
        #expect(Foresight.missingIndexValues(try #require(set.tariffs["t/a"]), set.indices, throughYear: 2026).isEmpty)
    }

    @Test func anUnknownSeriesIsRefusedOnceWhereItIsNamed() throws {
        let report = try FeeFixture.load(["t/a/2024-01-01.json": FeeFixture.version(Self.body(series: "PVK"))])
        #expect(report.tariffSet == nil)
        let errors = report.errors.map(\.description)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.hasPrefix("t/a/2024-01-01.json: definitions.timavgift.amount.indexed_by.series") == true, "\(errors)")
    }

    /// The hourly kind's rate is the same kind of amount: its references and warnings come from
    /// the engine's amounts, at the hourly file's `indexation`.
    @Test func theHourlyRateIsReferencedAtItsIndexation() throws {
        let set = TestSupport.shippedTariffs
        let laff = try #require(set.tariffs.values.first { $0.versions.last?.rules.kind == .hourly })
        let version = try #require(laff.versions.last)
        #expect(version.indexReferences.map { "\($0.path) \($0.series)" } == ["indexation.series PKV"])
    }
}
