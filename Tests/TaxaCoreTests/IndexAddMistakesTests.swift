import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The yearly step as a new clerk does it, with the usual mistakes: each is refused (exit 64
/// for what the command line alone shows, 1 for what is certainly wrong or doubted), or
/// recorded with a warning on stderr — never silently. The values are invented for the tests
/// (the copies of `Tariffs/` are temporary); none is an index value.
@Suite struct IndexAddMistakesTests {
    static let today = "2026-12-05"

    final class Root {
        let url: URL
        init() throws { url = try TestSupport.copyOfTariffs() }
        deinit { try? FileManager.default.removeItem(at: url) }

        func bytes(_ stem: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent("indices/\(stem).json")) }
        func text(_ stem: String) throws -> String {
            try String(contentsOf: url.appendingPathComponent("indices/\(stem).json"), encoding: .utf8)
        }

        /// `taxa index add …` judged from `today`.
        func add(_ arguments: [String], today: String = IndexAddMistakesTests.today) throws -> TestSupport.Run {
            try TestSupport.runTaxa(["index", "add"] + arguments + ["--tariffs", url.path], environment: ["TAXA_TODAY": today])
        }
    }

    static let usage = "\nUsage: taxa index add <series> --year <year> "

    // MARK: - The command line alone: exit 64, with the usage

    @Test(arguments: [
        (
            ["PKV", "--year", "2027", "--percent", "2,8", "--published", "2026-10-14"],
            "Error: The value '2,8' is invalid for '--percent <percent>': write 2.8: taxa reads a decimal point, not a decimal comma"
        ),
        (
            ["PKV", "--year", "2027", "--percent", "2.8 %", "--published", "2026-10-14"],
            "Error: The value '2.8 %' is invalid for '--percent <percent>': write 2.8: taxa reads the number without \"%\"; no spaces in a number"
        ),
        (
            ["PKV", "--year", "2027", "--percent", "\u{2212}0,5", "--published", "2026-10-14"],
            "Error: The value '\u{2212}0,5' is invalid for '--percent <percent>': write -0.5: taxa reads a decimal point, not a decimal comma; a hyphen (-) as the minus sign"
        ),
        (
            ["PKV", "--year", "2027", "--percent", "+2.8", "--published", "2026-10-14"],
            "Error: The value '+2.8' is invalid for '--percent <percent>': write 2.8: taxa reads a rise without a plus sign"
        ),
        (
            ["PBB", "--year", "2027", "--amount", "60 000", "--published", "2026-09-17"],
            "Error: The value '60 000' is invalid for '--amount <amount>': write 60000: taxa reads no spaces in a number"
        ),
        (
            ["PBB", "--year", "2027", "--amount", "60000kr", "--published", "2026-09-17"],
            "Error: The value '60000kr' is invalid for '--amount <amount>': write 60000: taxa reads the number without \"kr\""
        ),
        (
            ["PBB", "--year", "2027", "--amount", "60\u{A0}000,50 kr", "--published", "2026-09-17"],
            "Error: The value '60\u{A0}000,50 kr' is invalid for '--amount <amount>': write 60000.50: taxa reads the number without \"kr\"; no spaces in a number; a decimal point, not a decimal comma"
        ),
        (
            ["PBB", "--year", "2027", "--amount", "0", "--published", "2026-09-17"],
            "Error: The value '0' is invalid for '--amount <amount>': expected an amount in kronor such as 57300 (at most 2 decimals, greater than 0 and at most 100000000)"
        ),
        (
            ["PBB", "--year", "2027", "--amount", "-59200", "--published", "2026-09-17"],
            "Error: The value '-59200' is invalid for '--amount <amount>': expected an amount in kronor such as 57300 (at most 2 decimals, greater than 0 and at most 100000000)"
        ),
        (
            ["PKV", "--year", "27", "--percent", "2.8", "--published", "2026-10-14"],
            "Error: The value '27' is invalid for '--year <year>': expected a year from 1900 to 2200, such as 2027"
        ),
        (
            ["PKV", "--year", "2027x", "--percent", "2.8", "--published", "2026-10-14"],
            "Error: The value '2027x' is invalid for '--year <year>': expected a year from 1900 to 2200, such as 2027"
        ),
        (
            ["PKV", "--year", "2027", "--percent", "2.8", "--published", "14.10.2026"],
            "Error: The value '14.10.2026' is invalid for '--published <YYYY-MM-DD>': expected a date as YYYY-MM-DD, such as 2026-10-14"
        ),
        (
            ["PKV", "--year", "2027", "--percent", "2.8", "--published", "2026-02-30"],
            "Error: The value '2026-02-30' is invalid for '--published <YYYY-MM-DD>': not a day of the calendar"
        ),
        (
            ["PKV", "--year", "2027", "--percent", "2.8", "--published", "0026-10-14"],
            "Error: The value '0026-10-14' is invalid for '--published <YYYY-MM-DD>': expected a year from 1900 to 2200"
        ),
    ])
    func aMistypedOptionIsAUsageError(_ arguments: [String], _ firstLine: String) throws {
        let root = try Root()
        let (pbb, pkv) = (try root.bytes("pbb"), try root.bytes("pkv"))
        let run = try root.add(arguments)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix(firstLine + "\n"), "\(run.stderr)")
        #expect(run.stderr.contains(Self.usage))
        #expect(try root.bytes("pbb") == pbb)
        #expect(try root.bytes("pkv") == pkv)
    }

    @Test func anInvalidTodayIsAUsageErrorOfEveryCommandThatReadsIt() throws {
        let root = try Root()
        for arguments in [
            ["index", "add", "PKV", "--year", "2027", "--percent", "2.8", "--published", "2026-10-14"], ["check"],
            ["rates", "oxelosund/laff"], ["publish", "--json"], ["schema", "--list"],
        ] {
            let run = try TestSupport.runTaxa(arguments + ["--tariffs", root.url.path], environment: ["TAXA_TODAY": "5/12/2026"])
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("Error: TAXA_TODAY must be a date as YYYY-MM-DD from 1900 to 2200, got \"5/12/2026\"\nUsage: taxa \(arguments[0]) "), "\(run.stderr)")
        }
        #expect(!(try root.text("pkv")).contains("2.8"))
    }

    // MARK: - Certainly wrong: exit 1, file and field named, nothing written

    @Test(arguments: [
        (
            ["PKV", "--year", "2072", "--percent", "2.8", "--published", "2026-10-14", "--source", "EXAMPLE (test)"],
            "taxa index add: indices/pkv.json: publications[0].values[\"2072\"]: --year 2072 is 46 years after the publication of 2026-10-14; no tariff reads a value more than 5 years after its publication: check --year and --published\n"
        ),
        (
            ["PKV", "--year", "2027", "--percent", "2.8", "--published", "2062-10-14", "--source", "EXAMPLE (test)"],
            "taxa index add: indices/pkv.json: publications[0].published: --published 2062-10-14 is more than a year after today (2026-12-05); a value is recorded once it is published: check the year of --published\n"
        ),
        (
            ["PKV", "--year", "2017", "--percent", "2.8", "--published", "2026-10-14", "--source", "EXAMPLE (test)"],
            "taxa index add: indices/pkv.json: publications[0].values[\"2017\"]: --year 2017 is 9 years before the publication of 2026-10-14; no tariff reads a value more than 5 years before its publication: check --year and --published\n"
        ),
    ])
    func aCertainlyWrongYearIsRefused(_ arguments: [String], _ message: String) throws {
        let root = try Root()
        let pkv = try root.bytes("pkv")
        for dryRun in [[], ["--dry-run"], ["--confirm"]] {
            let run = try root.add(arguments + dryRun)
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == message)
            #expect(try root.bytes("pkv") == pkv)
        }
    }

    // MARK: - Doubted: exit 1 without --confirm; recorded with it, the doubt said on stderr

    @Test func aTenfoldPrisbasbeloppIsRecordedOnlyWithConfirm() throws {
        let root = try Root()
        let pbb = try root.bytes("pbb")
        let base = ["PBB", "--year", "2027", "--published", "2026-09-17", "--source", "EXAMPLE (test)"]
        for (amount, direction) in [("592000", "above"), ("5920", "below")] {
            for dryRun in [[], ["--dry-run"]] {
                let run = try root.add(base + ["--amount", amount] + dryRun)
                #expect(run.status == 1)
                #expect(run.stdout.isEmpty)
                #expect(
                    run.stderr
                        == "taxa index add: indices/pbb.json: publications[10].values[\"2027\"]: \(amount) kr for 2027 is more than 20 % \(direction) 59200 kr for 2026 (publication of 2025-09-18); more than 20 % in one year is unusual: check the value; not recorded: give --confirm to record it as it is\n"
                )
                #expect(try root.bytes("pbb") == pbb)
            }
        }
        // 20 % up is still plausible.
        let plausible = try root.add(base + ["--amount", "71040", "--dry-run"])
        #expect(plausible.status == 0)
        #expect(plausible.stderr.isEmpty)
        let confirmed = try root.add(base + ["--amount", "592000", "--confirm"])
        #expect(confirmed.status == 0)
        #expect(confirmed.stdout == "recorded PBB 592000 kr for 2027, published 2026-09-17\n")
        #expect(
            confirmed.stderr
                == "taxa index add: indices/pbb.json: publications[10].values[\"2027\"]: warning: 592000 kr for 2027 is more than 20 % above 59200 kr for 2026 (publication of 2025-09-18); more than 20 % in one year is unusual: check the value (recorded with --confirm)\n"
        )
        #expect(try root.text("pbb").contains(#""values": { "2027": "592000" }"#))
    }

    @Test func aPercentageWithAMisplacedDecimalPointIsDoubted() throws {
        let root = try Root()
        let pkv = try root.bytes("pkv")
        // The first value of the series: nothing to compare with but ±10 %.
        let tenfold = try root.add(["PKV", "--year", "2026", "--percent", "29", "--published", "2025-10-15", "--source", "EXAMPLE (test)"])
        #expect(tenfold.status == 1)
        #expect(
            tenfold.stderr
                == "taxa index add: indices/pkv.json: publications[0].values[\"2026\"]: 29 % is a yearly change beyond ±10 %: check the decimal point; not recorded: give --confirm to record it as it is\n"
        )
        #expect(try root.bytes("pkv") == pkv)
        #expect(try root.add(["PKV", "--year", "2026", "--percent", "2.9", "--published", "2025-10-15", "--source", "EXAMPLE (test)"]).status == 0)
        // The next year 5.6 points above: doubted against the year before.
        let jump = try root.add(["PKV", "--year", "2027", "--percent", "8.5", "--published", "2026-10-14", "--source", "EXAMPLE (test)"])
        #expect(jump.status == 1)
        #expect(
            jump.stderr
                == "taxa index add: indices/pkv.json: publications[1].values[\"2027\"]: 8.5 % for 2027 is 5.6 percentage points above 2.9 % for 2026 (publication of 2025-10-15); more than 5 percentage points in one year is unusual: check the value; not recorded: give --confirm to record it as it is\n"
        )
        // A fall to 0.29 (a tenth) moves 2.61 points: plausible for a price index, recorded.
        let small = try root.add(["PKV", "--year", "2027", "--percent", "0.29", "--published", "2026-10-14", "--source", "EXAMPLE (test)"])
        #expect(small.status == 0)
        #expect(small.stderr.isEmpty)
        // 0 % is what a placeholder looks like.
        let zero = try root.add(["PKV", "--year", "2029", "--percent", "0", "--published", "2028-10-13", "--source", "EXAMPLE (test)"], today: "2028-11-01")
        #expect(zero.status == 1)
        #expect(
            zero.stderr
                == "taxa index add: indices/pkv.json: publications[2].values[\"2029\"]: 0 % is no change at all; if the value is not published yet, record nothing until it is (requests then fail with index_missing rather than price at last year's rate); not recorded: give --confirm to record it as it is\n"
        )
        // Re-recording a doubted value that is already recorded asks nothing again.
        let confirmed = try root.add(["PKV", "--year", "2028", "--percent", "-7", "--published", "2026-10-14", "--confirm"])
        #expect(confirmed.status == 0)
        #expect(
            confirmed.stderr.hasPrefix(
                "taxa index add: indices/pkv.json: publications[1].values[\"2028\"]: warning: -7 % for 2028 is 7.29 percentage points below 0.29 % for 2027 (publication of 2026-10-14); more than 5 percentage points in one year is unusual: check the value (recorded with --confirm)\n"
            ))
        let again = try root.add(["PKV", "--year", "2028", "--percent", "-7", "--published", "2026-10-14"])
        #expect(again.status == 0)
        #expect(again.stdout == "already recorded: PKV -7 % for 2028, published 2026-10-14\n")
        #expect(again.stderr.isEmpty)
    }

    // MARK: - Recorded with a warning: the value cannot change a price

    @Test func aValueNoTariffReadsIsRecordedWithAWarning() throws {
        let root = try Root()
        // PKV typed as published in January: LÅFF reads October's.
        let january = try root.add(["PKV", "--year", "2027", "--percent", "2.8", "--published", "2026-01-14", "--source", "EXAMPLE (test)"])
        #expect(january.status == 0)
        #expect(january.stdout == "recorded PKV 2.8 % for 2027, published 2026-01-14\n")
        #expect(
            january.stderr
                == "taxa index add: indices/pkv.json: publications[0].values[\"2027\"]: warning: no tariff reads PKV for 2027 from a publication of January 2026: oxelosund/laff reads the value for each year from 2025 on as published in October of the year before; the value is never used: check --year and --published\n"
        )
        // A year before LÅFF's first indexed year (2025), and one two years after its publication.
        for (year, published) in [("2024", "2023-10-13"), ("2028", "2026-10-14")] {
            let run = try root.add(["PKV", "--year", year, "--percent", "2.8", "--published", published, "--source", "EXAMPLE (test)"])
            #expect(run.status == 0)
            #expect(run.stderr.hasPrefix("taxa index add: indices/pkv.json: publications["))
            #expect(run.stderr.contains("warning: no tariff reads PKV for \(year) from a publication of October \(published.prefix(4))"))
        }
        // The value LÅFF reads: no warning.
        let read = try root.add(["PKV", "--year", "2027", "--percent", "2.8", "--published", "2026-10-14", "--source", "EXAMPLE (test)"])
        #expect(read.status == 0)
        #expect(read.stderr.isEmpty)
    }

    @Test func noSourceAndAFutureDateAreSaid() throws {
        let root = try Root()
        let run = try root.add(["PKV", "--year", "2027", "--percent", "2.8", "--published", "2026-10-14"], today: "2026-10-01")
        #expect(run.status == 0)
        #expect(run.stdout == "recorded PKV 2.8 % for 2027, published 2026-10-14\n")
        #expect(
            run.stderr == """
                taxa index add: indices/pkv.json: publications[0].published: warning: is 2026-10-14, after today (2026-10-01); requests with an earlier as_of do not see the value
                taxa index add: indices/pkv.json: publications[0].source: warning: is "unspecified", not a citation: cite the publication (title, date, address) with --source "…" (and --replace once it is recorded)

                """)
        #expect(try root.text("pkv").contains(#""source": "unspecified","#))
    }

    @Test func aSecondPublicationOfTheSameMonthIsDoubtedWhenItsValueDiffers() throws {
        let root = try Root()
        let first = ["PKV", "--year", "2027", "--published", "2026-10-14", "--source", "EXAMPLE (test)"]
        #expect(try root.add(first + ["--percent", "2.8"]).status == 0)
        let recorded = try root.bytes("pkv")
        // The same publication typed with another day and another value: which one is used changes.
        let other = ["PKV", "--year", "2027", "--published", "2026-10-15", "--source", "EXAMPLE (test)"]
        let differs = try root.add(other + ["--percent", "2.9"])
        #expect(differs.status == 1)
        #expect(
            differs.stderr
                == "taxa index add: indices/pkv.json: publications[1].values[\"2027\"]: the publication of 2026-10-14 (also October 2026) already records 2.8 % for 2027; this one would be used instead from 2026-10-15 on: if both are one publication, correct its date in the file rather than add a second; not recorded: give --confirm to record it as it is\n"
        )
        #expect(try root.bytes("pkv") == recorded)
        // The same value again under another day changes no price: recorded, with a warning.
        let same = try root.add(other + ["--percent", "2.80"])
        #expect(same.status == 0)
        #expect(
            same.stderr
                == "taxa index add: indices/pkv.json: publications[1].values[\"2027\"]: warning: the publication of 2026-10-14 (also October 2026) already records 2.8 % for 2027; this one would be used instead from 2026-10-15 on: if both are one publication, correct its date in the file rather than add a second\n"
        )
    }

    @Test func theSeriesAndTheRootAreNamedAsTheClerkTypedThem() throws {
        let root = try Root()
        let value = ["--year", "2027", "--percent", "2.8", "--published", "2026-10-14"]
        let lower = try root.add(["pkv"] + value)
        #expect(lower.status == 1)
        #expect(lower.stderr == "taxa index add: \(root.url.path)/indices/pkv.json records the series \"PKV\"; ids are written exactly: taxa index add PKV …\n")
        let unknown = try root.add(["KPI"] + value)
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr
                == "taxa index add: \(root.url.path)/indices/kpi.json: no index series KPI under \(root.url.path): the series recorded there are indices/pbb.json, indices/pkv.json\n"
        )
        let nowhere = root.url.path + "/nowhere"
        let noRoot = try TestSupport.runTaxa(["index", "add", "PKV"] + value + ["--tariffs", nowhere], environment: ["TAXA_TODAY": Self.today])
        #expect(noRoot.status == 1)
        #expect(noRoot.stderr == "taxa index add: \(nowhere): no tariff root there (No such file or directory); give --tariffs DIR or set $TAXA_TARIFFS\n")
    }

    /// A value that prices a tariff's published worked examples differently: the service would
    /// refuse the whole set, so nothing is written (checked before writing, a dry run too).
    @Test func aValueTheTariffsExamplesContradictIsNotRecorded() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-reference-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: TestSupport.path("Fixtures/reference-tariffs")), to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let pbb = root.appendingPathComponent("indices/pbb.json")
        let before = try Data(contentsOf: pbb)
        for dryRun in [[], ["--dry-run"]] {
            let run = try TestSupport.runTaxa(
                ["index", "add", "PBB", "--year", "2024", "--amount", "57400", "--published", "2023-09-30", "--replace", "--tariffs", root.path]
                    + dryRun, environment: ["TAXA_TODAY": Self.today])
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
            let lines = run.stderr.split(separator: "\n").map(String.init)
            #expect(
                lines.first
                    == "taxa index add: indices/pbb.json: not recorded: with 57400 kr for 2024 the tariff set would not load, so the service would refuse it:"
            )
            #expect(
                lines.dropFirst().first
                    == "  \(root.path)/sollentuna/aldreomsorg/2024-01-01.json: examples[0].total: the example \"10 timmar hemtjänst och trygghetslarm i mars 2024: 2 460 + 248 = 2 708 kr, högst 2 575 kr\" is priced at 2579.00, but the tariff publishes 2575.00; correct the tariff or the example"
            )
            #expect(lines.count == 5)
            #expect(try Data(contentsOf: pbb) == before)
        }
    }

    /// On a root that does not load as it is, the value cannot be judged against the tariffs
    /// that read it: recorded (the root's errors are not the value's), and said.
    @Test func onARootThatDoesNotLoadTheValueIsSaidToBeUnchecked() throws {
        let root = try Root()
        try TestSupport.edit(root.url, "oxelosund/laff/2024-02-01.json") { $0.replacingOccurrences(of: #""decided": "2024-02-07""#, with: #""decided": "2024-02-31""#) }
        let run = try root.add(["PKV", "--year", "2025", "--percent", "2.9", "--published", "2024-10-15", "--source", "EXAMPLE (test)"])
        #expect(run.stderr.contains("taxa index add: warning: the tariff set does not load as it is ("), "\(run.stderr)")
        #expect(run.stderr.contains("the value was not checked against the tariffs that read PKV or their worked examples"), "\(run.stderr)")
    }

    // MARK: - The other commands' dates and years

    @Test(arguments: [
        (
            ["rates", "oxelosund/laff", "--as-of", "2026-13-01"],
            "Error: The value '2026-13-01' is invalid for '--as-of <YYYY-MM-DD>': not a day of the calendar"
        ),
        (["rates", "oxelosund/laff", "--from", "27"], "Error: The value '27' is invalid for '--from <from>': expected a year from 1900 to 2200, such as 2027"),
        (["rates", "oxelosund/laff", "--from", "2027", "--to", "2026"], "Error: --from 2027 is after --to 2026"),
        (["publish", "--json", "--year", "26"], "Error: The value '26' is invalid for '--year <year>': expected a year from 1900 to 2200, such as 2027"),
        (
            ["publish", "--json", "--as-of", "1.1.2027"],
            "Error: The value '1.1.2027' is invalid for '--as-of <YYYY-MM-DD>': expected a date as YYYY-MM-DD, such as 2026-10-14"
        ),
        (["publish", "--year", "2024"], "Error: give --out DIR for the web site, --json for the JSON document, or both"),
        (
            ["schema", "oxelosund/laff", "--date", "2024-3-1"],
            "Error: The value '2024-3-1' is invalid for '--date <YYYY-MM-DD>': expected a date as YYYY-MM-DD, such as 2026-10-14"
        ),
    ])
    func everyDateAndYearOptionFailsTheSameWay(_ arguments: [String], _ firstLine: String) throws {
        let run = try TestSupport.runTaxa(arguments + ["--tariffs", TestSupport.path("Tariffs")], environment: ["TAXA_TODAY": Self.today])
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix(firstLine + "\n"), "\(run.stderr)")
        #expect(run.stderr.contains("\nUsage: taxa \(arguments[0]) "))
    }

    /// `taxa rates` without `--to` runs through next year as `TAXA_TODAY` sees it.
    @Test func ratesDefaultYearsFollowToday() throws {
        let run = try TestSupport.runTaxa(
            ["rates", "oxelosund/laff", "--json", "--tariffs", TestSupport.path("Tariffs")], environment: ["TAXA_TODAY": "2025-06-01"])
        #expect(run.status == 0)
        let years = (TestSupport.json(run.stdout)["rates"] as? [[String: Any]] ?? []).map { $0["year"] as? Int }
        #expect(years == [2024, 2025, 2026])
    }
}
