import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// `taxa publish`: every tariff page states, for its year, every amount `taxa rates` gives for
/// that year (reference tariffs, and the shipped tariffs with the example PKV values); charts
/// hold each year's charged amount; the pages are self-contained HTML5 in Swedish, the same
/// bytes every run; bad arguments exit 2.
@Suite struct PublishTests {
    static let reference = TestSupport.path("Fixtures/reference-tariffs")

    static let referenceSet: TariffSet = {
        let report = TariffLoader.load(root: reference)
        guard let set = report.tariffSet else { fatalError("reference tariffs invalid: \(report.errors)") }
        return set
    }()

    static func site(_ set: TariffSet, _ year: Int, asOf: CivilDate? = nil) throws -> PublishedSite {
        switch PublishBuilder.build(set, year: year, asOf: asOf) {
        case .success(let site): return site
        case .failure(let failure): throw PublishError(problems: failure.problems)
        }
    }

    struct PublishError: Error { var problems: [String] }

    /// The text a reader sees: tags dropped, entities read, white space collapsed.
    static func text(_ html: String) -> String {
        var text = html.replacing(#/<style>[^<]*</style>/#, with: "").replacing(#/<[^>]+>/#, with: " ")
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.replacing(#/\s+/#, with: " ")
    }

    /// Every amount a rates text states ("2 000,00 kr", "−133,00 kr", "47,18 %").
    static func amounts(_ text: String) -> Set<String> {
        Set(text.matches(of: #/−?\d{1,3}(?: \d{3})*(?:,\d+)? (?:kr|%)/#).map { String($0.output) })
    }

    /// What `taxa rates TARIFF --from YEAR --to YEAR` prints, and its amounts in Swedish (the
    /// hourly table writes its rate as "1201.00 kr/h").
    static func ratesAmounts(_ tariff: Tariff, _ set: TariffSet, _ year: Int) -> Set<String> {
        if tariff.versions.last?.rules.kind == .hourly {
            let rows = RateTable.rows(tariff, years: year...year, indices: set.indices)
            let json = TestSupport.json(RateReport.json(tariff, rows: rows))
            let rates = (json["rates"] as? [[String: Any]] ?? []).compactMap { $0["hourly_rate"] as? String }
            return Set(rates.map { Money.parse($0)!.swedish })
        }
        let rows = FeeRateTable.rows(tariff, years: year...year, indices: set.indices)
        return amounts(FeeRateReport.text(tariff, rows: rows))
    }

    static func checkEveryRatesAmountIsOnItsPage(_ set: TariffSet, years: ClosedRange<Int>) throws -> Int {
        var checked = 0
        for year in years {
            let site = try site(set, year)
            let pages = PublishSite.pages(site, generator: "taxa test")
            let json = String(decoding: PublishSite.json(site, generator: "taxa test"), as: UTF8.self)
            for tariff in set.tariffs.values {
                let page = try #require(pages.first { $0.path == "\(tariff.id)/index.html" })
                let text = text(String(decoding: page.bytes, as: UTF8.self))
                let expected = ratesAmounts(tariff, set, year)
                #expect(!expected.isEmpty || tariff.versions(inForceDuring: year, asOf: nil).isEmpty, "\(tariff.id) \(year)")
                for amount in expected {
                    let onPage = text.contains(amount)
                    let inJSON = json.contains(amount)
                    #expect(onPage, "\(tariff.id) \(year): \(amount) is not on the page")
                    #expect(inJSON, "\(tariff.id) \(year): \(amount) is not in the JSON")
                    checked += 1
                }
            }
        }
        return checked
    }

    @Test func referencePagesStateEveryAmountOfTaxaRates() throws {
        let checked = try Self.checkEveryRatesAmountIsOnItsPage(Self.referenceSet, years: 2017...2026)
        #expect(checked > 150)
    }

    @Test func shippedPagesWithExamplePKVStateEveryAmountOfTaxaRates() throws {
        let checked = try Self.checkEveryRatesAmountIsOnItsPage(TestSupport.exampleTariffs, years: 2023...2026)
        #expect(checked >= 14)
        // The LÅFF hourly rate chained by the example PKV: 1 201 → 1 236 (2,9 %) → 1 274 (3,1 %).
        let site = try Self.site(TestSupport.exampleTariffs, 2026)
        let laff = try #require(site.tariffs.first { $0.id == "oxelosund/laff" })
        #expect(laff.current?.hourly?.derivation.rate.description == "1274.00")
        let chart = try #require(laff.charts.first)
        #expect(chart.label == "Timavgift per timme")
        #expect(chart.points.map { "\($0.year) \(SwedishText.kronor($0.value))" } == ["2024 1 201,00 kr", "2025 1 236,00 kr", "2026 1 274,00 kr"])
        let page = Self.text(PublishHTML.page(laff, site: site, generator: "taxa test"))
        #expect(page.contains("Timavgift 2026: 1 274,00 kr per timme."))
        #expect(page.contains("2026 1 236,00 kr 3,1 % 1 274,316 kr 1 274,00 kr"))
        #expect(page.contains("2025-10-15 · EXAMPLE: PKV October 2025"))
        // The index values used, with their publications.
        #expect(
            laff.indexValues.map { "\($0.series) \($0.year) \($0.value) \($0.publication.published)" } == [
                "PKV 2025 2.9 2024-10-15", "PKV 2026 3.1 2025-10-15",
            ])
    }

    /// Each band's fee charged per year, rounded to 100 kr as the tariff says: 1,5 % of the
    /// prisbasbelopp 44 800 … 59 200 kr.
    @Test func haboChartsTheChargedFeeOfEveryBandAcrossTheYears() throws {
        let site = try Self.site(Self.referenceSet, 2024)
        let habo = try #require(site.tariffs.first { $0.id == "habo/alkohol" })
        #expect(habo.charts.count == 5)
        let first = habo.charts[0]
        #expect(first.label == "Tillsynsavgift efter årsomsättning, omsattning till och med 50 000")
        #expect(first.series == "PBB")
        #expect(
            first.points.map { "\($0.year): \(SwedishText.kronor($0.value))" } == [
                "2017: 700,00 kr", "2018: 700,00 kr", "2019: 700,00 kr", "2020: 700,00 kr", "2021: 700,00 kr", "2022: 700,00 kr",
                "2023: 800,00 kr", "2024: 900,00 kr", "2025: 900,00 kr", "2026: 900,00 kr",
            ])
        // 18 % of 57 300 = 10 314 → 10 300 kr in 2024.
        #expect(habo.charts[4].points.first { $0.year == 2024 }.map { SwedishText.kronor($0.value) } == "10 300,00 kr")
        // The band table carries the fee charged for each band beside its derivation.
        let fee = try #require(habo.current?.fees.first { $0.key == "tillsynsavgift" })
        guard case .table(let table) = fee.segments.first else {
            Issue.record("the bands are not a table")
            return
        }
        #expect(
            table.rows.map { $0.when } == [
                "till och med 50 000", "över 50 000 till och med 100 000", "över 100 000 till och med 250 000", "över 250 000 till och med 500 000",
                "över 500 000 till och med 1 000 000",
            ])
        #expect(table.rows.map { $0.amount?.swedish } == ["900,00 kr", "1 400,00 kr", "3 400,00 kr", "6 900,00 kr", "10 300,00 kr"])
        #expect(table.note == "över 1 000 000: ingen avgift angiven")
        // The cap of elderly care follows the prisbasbelopp as an amount of its own.
        let sollentuna = try #require(site.tariffs.first { $0.id == "sollentuna/aldreomsorg" })
        #expect(sollentuna.charts.map(\.label) == ["Högkostnadsskydd: högsta belopp per kalendermånad"])
        #expect(sollentuna.charts[0].points.map { SwedishText.kronor($0.value) } == ["2 575,00 kr", "2 642,00 kr", "2 660,00 kr"])
    }

    /// Eksjö's meter fee: its meter sizes as one table, then the shared purposes (a defined
    /// pipeline, spliced in at load) as a second table.
    @Test func lookupsInSequenceAreTablesInSequence() throws {
        let site = try Self.site(Self.referenceSet, 2024)
        let eksjo = try #require(site.tariffs.first { $0.id == "eksjo/va" })
        let fee = try #require(eksjo.current?.fees.first { $0.key == "lokal_matare" })
        let tables = fee.segments.compactMap { segment -> [String]? in
            if case .table(let table) = segment { return table.rows.map(\.when) }
            return nil
        }
        #expect(tables == [["2.5", "6", "10"], ["vatten_och_avlopp", "vatten", "avlopp"]])
        #expect(eksjo.current?.vat?.summary == "moms 25 % ingår i beloppen; momsen avrundat till hela öre, hälften uppåt")
    }

    @Test func pagesAreSelfContainedSwedishHTMLAndTheSameEveryRun() throws {
        let first = PublishSite.pages(try Self.site(Self.referenceSet, 2024), generator: "taxa test")
        let second = PublishSite.pages(try Self.site(Self.referenceSet, 2024), generator: "taxa test")
        #expect(
            first.map(\.path) == [
                "eksjo/va/index.html", "habo/alkohol/index.html", "harjedalen/kopior/index.html", "index.html", "livsmedelsverket/kontroll/index.html",
                "mark/alkohol/index.html", "sollentuna/aldreomsorg/index.html", "umea/miljobalken/index.html", "vara/bygglov/index.html",
                "vasteras/maxtaxa/index.html",
            ])
        #expect(first.map(\.bytes) == second.map(\.bytes))
        for page in first {
            let html = String(decoding: page.bytes, as: UTF8.self)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"), "\(page.path)")
            #expect(html.contains("@media print"))
            #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("<link") && !html.contains("@import") && !html.contains("url("))
            // The one address on a page is the SVG namespace, which is never fetched.
            #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "http") == nil, "\(page.path)")
            #expect(html.contains("<th scope=\"col\">"))
            if page.path != "index.html" { #expect(html.contains("<a href=\"../../index.html\">")) }
        }
        let index = String(decoding: first.first { $0.path == "index.html" }!.bytes, as: UTF8.self)
        #expect(index.contains("<a href=\"mark/alkohol/index.html\">Tillsynsavgifter enligt alkohollagen 2022</a>"))
    }

    /// A tariff's own words are shown as written, never read as markup.
    @Test func textIsEscaped() {
        #expect(HTMLText.escape("<b>\"A & B\"</b>'") == "&lt;b&gt;&quot;A &amp; B&quot;&lt;/b&gt;&#39;")
        #expect(
            HTMLText.withAmounts("högst 2 575,00 kr <i>, 2,9 % av 1 000 000")
                == "högst <span class=\"amount\">2 575,00 kr</span> &lt;i&gt;, <span class=\"amount\">2,9 %</span> av <span class=\"nb\">1 000 000</span>")
    }

    /// As of 2024-02-06, PO's revision of 2024-02-07 is not yet decided: the page shows 44,53 %.
    @Test func asOfHidesLaterDecisions() throws {
        let site = try Self.site(TestSupport.exampleTariffs, 2024, asOf: CivilDate.parse("2024-02-06"))
        let po = try #require(site.tariffs.first { $0.id == "oxelosund/po" })
        #expect(po.current?.version.name == "2024-01-01")
        #expect(po.current?.fees.first?.price.contains("44,53 %") == true)
        #expect(po.history.map(\.name) == ["2024-01-01"])
    }

    // MARK: Through the binary

    @Test func publishWritesTheSiteAndItsJSON() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-publish-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        // A page left from an earlier site is named, never silently kept or removed.
        try FileManager.default.createDirectory(at: out.appendingPathComponent("gammal/taxa"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: out.appendingPathComponent("gammal/taxa/index.html"))
        let run = try TestSupport.runTaxa(["publish", "--tariffs", Self.reference, "--year", "2024", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("10 pages, \(try Self.size(out) - 1) bytes, fee year 2024\n"))
        #expect(run.stderr == "taxa publish: \(out.path)/gammal/taxa/index.html is not part of this site (left as it was); remove it if it is an old page\n")
        let page = try String(contentsOf: out.appendingPathComponent("mark/alkohol/index.html"), encoding: .utf8)
        #expect(Self.text(page).contains("Pris 2024: fast belopp 3 450,00 kr"))
        let json = try TestSupport.runTaxa(["publish", "--tariffs", Self.reference, "--year", "2024", "--json"])
        #expect(json.status == 0)
        let document = TestSupport.json(json.stdout)
        #expect(document["year"] as? Int == 2024)
        let tariffs = document["tariffs"] as? [[String: Any]] ?? []
        #expect(
            tariffs.map { $0["tariff"] as? String ?? "" } == [
                "eksjo/va", "habo/alkohol", "harjedalen/kopior", "livsmedelsverket/kontroll", "mark/alkohol", "sollentuna/aldreomsorg", "umea/miljobalken",
                "vara/bygglov", "vasteras/maxtaxa",
            ])
    }

    static func size(_ folder: URL) throws -> Int {
        var total = 0
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])!
        where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            total += try url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0
        }
        return total
    }

    /// An invalid root exits 2 (as the service); a year that cannot be published 1 (as `taxa
    /// rates`); a wrong command line 64 with the usage (docs/commands.md, "Exit status").
    @Test func badArgumentsFailWithAClearMessage() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-publish-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let missing = try TestSupport.runTaxa(["publish", "--tariffs", "/nonexistent/taxa-root", "--year", "2024", "--out", out.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/taxa-root: cannot read the tariff root"))
        // No prisbasbelopp for 2031: habo's and sollentuna's amounts cannot be computed.
        let noIndex = try TestSupport.runTaxa(["publish", "--tariffs", Self.reference, "--year", "2031", "--out", out.path])
        #expect(noIndex.status == 1)
        #expect(noIndex.stderr.hasPrefix("taxa publish: cannot publish 2031: some amounts cannot be computed; nothing was written:\n"))
        #expect(noIndex.stderr.contains("  habo/alkohol 2031 (version 2017-01-01): index_missing: no PBB value for 2031"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // The shipped PKV file has no values yet: LÅFF's rate for 2025 cannot be computed.
        let noPKV = try TestSupport.runTaxa(["publish", "--tariffs", TestSupport.path("Tariffs"), "--year", "2025", "--json"])
        #expect(noPKV.status == 1)
        #expect(noPKV.stdout.isEmpty)
        #expect(noPKV.stderr.contains("oxelosund/laff 2025 (version 2024-02-01): index_missing: no PKV value for 2025 published in October 2024"))
        let nowhere = try TestSupport.runTaxa(["publish", "--tariffs", Self.reference, "--year", "2024"])
        #expect(nowhere.status == 64)
        #expect(nowhere.stderr.hasPrefix("Error: give --out DIR for the web site, --json for the JSON document, or both\nUsage: taxa publish "))
        let badDate = try TestSupport.runTaxa(["publish", "--tariffs", Self.reference, "--json", "--as-of", "2024-13-01"])
        #expect(badDate.status == 64)
        #expect(badDate.stderr.hasPrefix("Error: The value '2024-13-01' is invalid for '--as-of <YYYY-MM-DD>': not a day of the calendar\n"))
        let noneInForce = try TestSupport.runTaxa(["publish", "--tariffs", Self.reference, "--year", "2010", "--json"])
        #expect(noneInForce.status == 1)
        #expect(noneInForce.stderr.contains("no tariff under \(Self.reference) has a version in force in 2010"))
    }
}
