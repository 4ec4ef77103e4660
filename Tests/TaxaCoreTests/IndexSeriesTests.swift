import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Index series in-process: the amount unit (prisbasbelopp), its look-up by year and `as_of`,
/// validation naming file and path, the canonical layout and the diff `--dry-run` prints.
@Suite struct IndexSeriesTests {
    static func parse(_ text: String, stem: String = "pbb") -> (IndexSeries?, [String]) {
        guard case .success(let document) = JSONDocument.parse(Array(text.utf8)) else { return (nil, ["not JSON"]) }
        let log = ProblemLog(file: "indices/\(stem).json")
        let series = document.withValue { IndexSeriesParser.parse($0, fileStem: stem, log: log) }
        return (series, log.diagnostics.map(\.description))
    }

    static func amountSeries(_ publications: [(published: String, year: Int, amount: String)]) -> IndexSeries {
        IndexSeries(
            id: "PBB", name: "Prisbasbelopp", publisher: "p", unit: .amount,
            publications: publications.map {
                IndexPublication(
                    published: CivilDate.parse($0.published)!, title: "T \($0.published)", source: "s",
                    values: [$0.year: ScaledDecimal.parse($0.amount, maxScale: 2)!])
            }, file: "indices/pbb.json")
    }

    static func date(_ text: String) -> CivilDate { CivilDate.parse(text)! }

    @Test func shippedPrisbasbeloppIsTheSourcesTable() throws {
        let pbb = try #require(TestSupport.shippedTariffs.indices["PBB"])
        #expect(pbb.unit == .amount)
        #expect(pbb.name == "Prisbasbelopp")
        let amounts = (2017...2026).map { pbb.amount(forYear: $0, asOf: nil)?.value.asWritten }
        #expect(amounts == ["44800", "45500", "46500", "47300", "47600", "48300", "52500", "57300", "58800", "59200"])
        #expect(pbb.amount(forYear: 2027, asOf: nil) == nil)
        #expect(pbb.amount(forYear: 2016, asOf: nil) == nil)
        // Dates stated by the source are used as stated.
        #expect(pbb.amount(forYear: 2021, asOf: nil)?.publication.published == Self.date("2020-09-03"))
        #expect(pbb.amount(forYear: 2022, asOf: nil)?.publication.published == Self.date("2021-09-23"))
        #expect(pbb.amount(forYear: 2026, asOf: nil)?.publication.published == Self.date("2025-09-18"))
        // Where the source states only a month or a year, the rule in the file's notes applies,
        // and the publication says so.
        let september2023 = try #require(pbb.amount(forYear: 2024, asOf: nil)?.publication)
        #expect(september2023.published == Self.date("2023-09-30"))
        #expect(september2023.title.contains("dag ej angiven"))
        #expect(september2023.source.contains("Prisbasbelopp för 2024 fastställt"))
        #expect(september2023.source.contains("regeln i notes"))
        let onlyYear = try #require(pbb.amount(forYear: 2017, asOf: nil)?.publication)
        #expect(onlyYear.published == Self.date("2016-12-31"))
        #expect(onlyYear.source.contains("44 800 kr, 2017"))
        #expect(pbb.notes.contains { $0.contains("månadens sista dag") && $0.contains("31 december året före") })
        // Every publication cites something, and the ones with an SFS number name it.
        #expect(pbb.publications.allSatisfy { !$0.source.isEmpty && $0.source != "unspecified" })
        #expect(pbb.amount(forYear: 2026, asOf: nil)?.publication.source.hasPrefix("SFS 2025:872") == true)
    }

    @Test func asOfHidesAnAmountUntilItsPublicationDay() {
        let pbb = TestSupport.shippedTariffs.indices["PBB"]!
        #expect(pbb.amount(forYear: 2026, asOf: Self.date("2025-09-17")) == nil)
        #expect(pbb.amount(forYear: 2026, asOf: Self.date("2025-09-18"))?.value.asWritten == "59200")
        #expect(pbb.amount(forYear: 2024, asOf: Self.date("2023-09-29")) == nil)
        #expect(pbb.amount(forYear: 2024, asOf: Self.date("2023-09-30"))?.value.asWritten == "57300")
    }

    @Test func aLaterPublicationCorrectsTheAmountFromItsDayOn() {
        let series = Self.amountSeries([("2023-09-30", 2024, "57300"), ("2023-11-15", 2024, "57400.50"), ("2024-09-30", 2025, "58800")])
        #expect(series.amount(forYear: 2024, asOf: nil)?.value.asWritten == "57400.50")
        #expect(series.amount(forYear: 2024, asOf: nil)?.publication.published == Self.date("2023-11-15"))
        #expect(series.amount(forYear: 2024, asOf: Self.date("2023-11-14"))?.value.asWritten == "57300")
        #expect(series.amount(forYear: 2024, asOf: Self.date("2023-11-15"))?.value.asWritten == "57400.50")
        #expect(series.amount(forYear: 2024, asOf: Self.date("2023-09-29")) == nil)
        // A publication that lists other years only does not hide the year's amount.
        #expect(series.amount(forYear: 2024, asOf: Self.date("2024-12-31"))?.value.asWritten == "57400.50")
    }

    @Test func eachUnitAnswersOnlyItsOwnLookUp() {
        let amounts = Self.amountSeries([("2024-10-15", 2025, "58800")])
        #expect(amounts.value(forYear: 2025, publishedIn: 2024, month: 10, asOf: nil) == nil)
        var percents = amounts
        percents.unit = .percent
        #expect(percents.amount(forYear: 2025, asOf: nil) == nil)
        #expect(percents.value(forYear: 2025, publishedIn: 2024, month: 10, asOf: nil)?.percent.asWritten == "58800")
    }

    static let header = #""series": "PBB", "name": "Prisbasbelopp", "publisher": "p""#

    static let invalidAmountFiles: [(String, [String])] = [
        (
            #"{\#(header), "unit": "amount", "publications": [{"published": "2023-09-30", "title": "t", "source": "s", "values": {"2024": "0"}}]}"#,
            [#"indices/pbb.json: publications[0].values["2024"]: expected an amount in kronor greater than 0 and at most 100000000, got 0"#]
        ),
        (
            #"{\#(header), "unit": "amount", "publications": [{"published": "2023-09-30", "title": "t", "source": "s", "values": {"2024": "57300.001"}}]}"#,
            [
                #"indices/pbb.json: publications[0].values["2024"]: expected a positive amount in kronor as a string with at most 2 decimals, e.g. "57300", got "57300.001""#
            ]
        ),
        (
            #"{\#(header), "unit": "amount", "publications": [{"published": "2023-09-30", "title": "t", "source": "s", "values": {"2024": "-1"}}]}"#,
            [
                #"indices/pbb.json: publications[0].values["2024"]: expected a positive amount in kronor as a string with at most 2 decimals, e.g. "57300", got "-1""#
            ]
        ),
        (
            #"{\#(header), "unit": "amount", "publications": [{"published": "2023-09-30", "title": "t", "source": "s", "values": {"2024": 57300}}]}"#,
            [
                #"indices/pbb.json: publications[0].values["2024"]: expected a positive amount in kronor as a string with at most 2 decimals, e.g. "57300", got an integer"#
            ]
        ),
        (
            #"{\#(header), "unit": "amount", "publications": [{"published": "2023-09-30", "title": "t", "source": "s", "values": {"2024": "100000000.01"}}]}"#,
            [#"indices/pbb.json: publications[0].values["2024"]: expected an amount in kronor greater than 0 and at most 100000000, got 100000000.01"#]
        ),
        (
            #"{\#(header), "unit": "amount", "publications": [{"published": "2023-09-30", "title": "t", "source": "s", "values": {}}]}"#,
            [#"indices/pbb.json: publications[0].values: expected an object of yearly values such as {"2024": "57300"}, got an empty object"#]
        ),
        (
            #"{\#(header), "unit": "kronor", "publications": []}"#,
            [
                #"indices/pbb.json: unit: expected "percent" (values are yearly percentage changes) or "amount" (values are amounts in kronor per year), got "kronor""#
            ]
        ),
        (
            #"{\#(header), "unit": "amount", "notes_until_first_value": ["inga värden"], "publications": [{"published": "2023-09-30", "title": "t", "source": "s", "values": {"2024": "57300"}}]}"#,
            [
                "indices/pbb.json: notes_until_first_value: holds notes that are true only while no values are recorded, but 1 publication(s) are; remove it (taxa index add drops it with the first value)"
            ]
        ),
        (
            #"{\#(header), "unit": "amount", "notes_until_first_value": [""], "publications": []}"#,
            ["indices/pbb.json: notes_until_first_value[0]: expected a string of 1–5000 characters, got 0"]
        ),
    ]

    @Test(arguments: invalidAmountFiles)
    func invalidFilesAreNamedByFileAndPath(_ text: String, _ expected: [String]) {
        let (series, diagnostics) = Self.parse(text)
        #expect(series == nil)
        #expect(diagnostics == expected)
    }

    @Test func amountsKeepTheirSpellingAndLargestAmountIsAccepted() throws {
        let text =
            #"{\#(Self.header), "unit": "amount", "publications": [{"published": "2023-09-30", "title": "t", "source": "s", "values": {"2024": "57300.50", "2025": "100000000.00", "2026": "0.01"}}]}"#
        let (parsed, diagnostics) = Self.parse(text)
        let series = try #require(parsed, "\(diagnostics)")
        #expect(series.amount(forYear: 2024, asOf: nil)?.value.asWritten == "57300.50")
        #expect(series.amount(forYear: 2025, asOf: nil)?.value.asWritten == "100000000.00")
        #expect(series.amount(forYear: 2026, asOf: nil)?.value.asWritten == "0.01")
        #expect(IndexEditor.render(series).contains(#""values": { "2024": "57300.50", "2025": "100000000.00", "2026": "0.01" }"#))
    }

    @Test func asWrittenKeepsTheScale() {
        let cases = [
            ("3.0", "3.0", "3"), ("2.90", "2.90", "2.9"), ("-0.5", "-0.5", "-0.5"), ("0.05", "0.05", "0.05"), ("57300", "57300", "57300"),
            ("-0.0001", "-0.0001", "-0.0001"),
        ]
        for (typed, written, shortest) in cases {
            let value = ScaledDecimal.parse(typed, maxScale: 4, allowNegative: true)!
            #expect(value.asWritten == written)
            #expect(value.description == shortest)
        }
    }

    /// Rendering every shipped and fixture index file reproduces it byte for byte, so `taxa index
    /// add` diffs show only the change.
    @Test(arguments: ["Tariffs/indices/pkv.json", "Tariffs/indices/pbb.json", "Fixtures/indices/pkv-example.json"])
    func shippedIndexFilesRenderByteIdentically(_ relative: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: TestSupport.path(relative)))
        let stem = URL(fileURLWithPath: relative).deletingPathExtension().lastPathComponent
        let (parsed, diagnostics) = Self.parse(String(decoding: bytes, as: UTF8.self), stem: stem == "pkv-example" ? "pkv" : stem)
        let series = try #require(parsed, "\(diagnostics)")
        #expect(Array(IndexEditor.render(series).utf8) == Array(bytes))
    }

    @Test func theShippedPKVSaysNoValuesOnlyUntilTheFirstValue() throws {
        let pkv = try #require(TestSupport.shippedTariffs.indices["PKV"])
        #expect(pkv.publications.isEmpty)
        #expect(pkv.notesUntilFirstValue.count == 1)
        #expect(pkv.notesUntilFirstValue.first?.hasPrefix("Inga värden är inlagda ännu.") == true)
        // No note that lasts says that no values are recorded.
        #expect(!pkv.notes.contains { $0.contains("Inga värden") })
    }

    @Test func defaultTitlesAreSwedish() {
        let pbb = Self.amountSeries([])
        #expect(IndexEditor.defaultTitle(pbb, year: 2027, published: Self.date("2026-09-17")) == "Prisbasbelopp 2027")
        let pkv = IndexSeries(id: "PKV", name: "Prisindex för kommunal verksamhet", publisher: "p", publications: [], file: "f")
        #expect(IndexEditor.defaultTitle(pkv, year: 2027, published: Self.date("2026-10-14")) == "PKV oktober 2026")
        #expect(IndexEditor.defaultTitle(pkv, year: 2026, published: Self.date("2026-03-02")) == "PKV mars 2026")
    }
}

@Suite struct LineDiffTests {
    @Test func identicalTextsHaveNoDiff() {
        #expect(LineDiff.unified(before: "a\nb\n", after: "a\nb\n", from: "x", to: "y") == "")
    }

    @Test func oneChangedLineWithContext() {
        let before = "1\n2\n3\n4\n5\n6\n7\n"
        let after = "1\n2\n3\nfour\n5\n6\n7\n"
        #expect(
            LineDiff.unified(before: before, after: after, from: "a", to: "b")
                == "--- a\n+++ b\n@@ -2,5 +2,5 @@\n 2\n 3\n-4\n+four\n 5\n 6\n")
    }

    @Test func distantChangesGetTheirOwnHunksAndInsertionsCountLines() {
        let before = (1...12).map(String.init).joined(separator: "\n") + "\n"
        let after = "0\n" + (1...12).map { $0 == 10 ? "ten" : String($0) }.joined(separator: "\n") + "\n13\n"
        #expect(
            LineDiff.unified(before: before, after: after, from: "a", to: "b")
                == "--- a\n+++ b\n@@ -1,2 +1,3 @@\n+0\n 1\n 2\n@@ -8,5 +9,6 @@\n 8\n 9\n-10\n+ten\n 11\n 12\n+13\n")
    }
}
