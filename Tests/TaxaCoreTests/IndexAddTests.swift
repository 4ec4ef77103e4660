import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// `taxa index add` through the built binary: amount series, the audit trail (values and
/// citations change only with --replace), values as typed, negative changes, --dry-run, and
/// notes that only hold until the first value.
@Suite struct IndexAddTests {
    /// A fresh copy of the shipped `Tariffs/`, removed when the test ends.
    final class Root {
        let url: URL
        init() throws { url = try TestSupport.copyOfTariffs() }
        deinit { try? FileManager.default.removeItem(at: url) }

        func file(_ stem: String) -> URL { url.appendingPathComponent("indices/\(stem).json") }
        func bytes(_ stem: String) throws -> Data { try Data(contentsOf: file(stem)) }
        func text(_ stem: String) throws -> String { try String(contentsOf: file(stem), encoding: .utf8) }

        func add(_ arguments: [String]) throws -> TestSupport.Run {
            try TestSupport.runTaxa(["index", "add"] + arguments + ["--tariffs", url.path])
        }
    }

    static let pbb2027 = ["PBB", "--year", "2027", "--amount", "60000", "--published", "2026-09-17", "--source", "SFS 2026:NNN (test)"]

    @Test func amountSeriesValueIsRecordedAsOneNewPublication() throws {
        let root = try Root()
        let before = try root.text("pbb")
        let run = try root.add(Self.pbb2027)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "recorded PBB 60000 kr for 2027, published 2026-09-17\n")
        #expect(run.stderr.isEmpty)
        // Exactly the new publication is inserted before the closing bracket; nothing else moves.
        let closing = "    }\n  ]\n}\n"
        #expect(before.hasSuffix(closing))
        let expected =
            String(before.dropLast(closing.count)) + """
                    },
                    {
                      "published": "2026-09-17",
                      "title": "Prisbasbelopp 2027",
                      "source": "SFS 2026:NNN (test)",
                      "values": { "2027": "60000" }
                    }
                  ]
                }

                """
        #expect(try root.text("pbb") == expected)
        let check = try TestSupport.runTaxa(["check", "--tariffs", root.url.path])
        #expect(check.status == 0)
        #expect(check.stdout.contains("ok: index PBB: 11 publication(s)"))
        // The loaded series answers the new year.
        let series = try #require(TariffLoader.load(root: root.url.path).tariffSet?.indices["PBB"])
        #expect(series.amount(forYear: 2027, asOf: nil)?.value.asWritten == "60000")
        #expect(series.amount(forYear: 2027, asOf: CivilDate.parse("2026-09-16")) == nil)
        // The same value again changes nothing; a different one needs --replace.
        let again = try root.add(Self.pbb2027)
        #expect(again.stdout == "already recorded: PBB 60000 kr for 2027, published 2026-09-17\n")
        let different = try root.add(["PBB", "--year", "2027", "--amount", "60100.50", "--published", "2026-09-17"])
        #expect(different.status == 1)
        #expect(
            different.stderr
                == "taxa index add: indices/pbb.json: the publication of 2026-09-17 already records 60000 kr for 2027; use --replace to change it to 60100.50 kr\n"
        )
        let replaced = try root.add(["PBB", "--year", "2027", "--amount", "60100.50", "--published", "2026-09-17", "--replace"])
        #expect(replaced.stdout == "replaced PBB 60000 kr with 60100.50 kr for 2027, published 2026-09-17\n")
        #expect(try root.text("pbb").contains(#""values": { "2027": "60100.50" }"#))
    }

    /// What only the series file can tell (its unit) is refused with exit 1, naming the right
    /// option; nothing is written.
    @Test(arguments: [
        (["PBB", "--percent", "2.9"], "taxa index add: PBB is an amount series (kronor per year); give the value with --amount, not --percent\n"),
        (["PKV", "--amount", "60000"], "taxa index add: PKV is a percent series (yearly percentage changes); give the value with --percent, not --amount\n"),
        (["PBB"], "taxa index add: PBB is an amount series (kronor per year); give the value with --amount\n"),
        (
            ["../indices/pbb", "--amount", "60000"],
            "taxa index add: SERIES must be a series id such as PKV (letters, digits, - and _), got \"../indices/pbb\"\n"
        ),
    ])
    func theWrongOptionOrValueIsRefusedNamingTheRightOne(_ arguments: [String], _ message: String) throws {
        let root = try Root()
        let (pbb, pkv) = (try root.bytes("pbb"), try root.bytes("pkv"))
        let run = try root.add(arguments + ["--year", "2027", "--published", "2026-10-14"])
        #expect(run.status == 1)
        #expect(run.stderr == message)
        #expect(run.stdout.isEmpty)
        #expect(try root.bytes("pbb") == pbb)
        #expect(try root.bytes("pkv") == pkv)
    }

    /// A value that is not one is a wrong command line: exit 64, swift-argument-parser's message
    /// with the usage, before any file is read.
    @Test(arguments: [
        (
            ["PKV", "--percent", "2.9", "--amount", "60000"],
            "Error: give the value with either --percent or --amount, not both"
        ),
        (
            ["PBB", "--amount", "0"],
            "Error: The value '0' is invalid for '--amount <amount>': expected an amount in kronor such as 57300 (at most 2 decimals, greater than 0 and at most 100000000)"
        ),
        (
            ["PBB", "--amount", "60000.001"],
            "Error: The value '60000.001' is invalid for '--amount <amount>': expected an amount in kronor such as 57300 (at most 2 decimals, greater than 0 and at most 100000000)"
        ),
        (
            ["PBB", "--amount", "-60000"],
            "Error: The value '-60000' is invalid for '--amount <amount>': expected an amount in kronor such as 57300 (at most 2 decimals, greater than 0 and at most 100000000)"
        ),
        (
            ["PKV", "--percent", "1e3"],
            "Error: The value '1e3' is invalid for '--percent <percent>': expected a percentage such as 2.9 (at most 4 decimals, between -50 and 50)"
        ),
    ])
    func aValueThatIsNoneIsAUsageError(_ arguments: [String], _ firstLine: String) throws {
        let root = try Root()
        let (pbb, pkv) = (try root.bytes("pbb"), try root.bytes("pkv"))
        let run = try root.add(arguments + ["--year", "2027", "--published", "2026-10-14"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix(firstLine + "\n"))
        #expect(run.stderr.contains("\nUsage: taxa index add <series> --year <year> "))
        #expect(run.stdout.isEmpty)
        #expect(try root.bytes("pbb") == pbb)
        #expect(try root.bytes("pkv") == pkv)
    }

    /// Today's bug: a second value for the same publication silently rewrote the citation the
    /// first value was recorded with.
    @Test func aRecordedCitationChangesOnlyWithReplace() throws {
        let root = try Root()
        let first = try root.add([
            "PKV", "--year", "2025", "--percent", "2.9", "--published", "2024-10-15",
            "--title", "PKV oktober 2024", "--source", "SKR cirkulär A",
        ])
        #expect(first.status == 0, "\(first.stderr)")
        let recorded = try root.bytes("pkv")

        let both = try root.add([
            "PKV", "--year", "2026", "--percent", "3.1", "--published", "2024-10-15",
            "--title", "PKV okt", "--source", "SKR cirkulär B",
        ])
        #expect(both.status == 1)
        #expect(
            both.stderr == """
                taxa index add: indices/pkv.json: the publication of 2024-10-15 is recorded with the title "PKV oktober 2024", but --title gives "PKV okt"; a recorded citation changes only with --replace (leave out --title to keep it)
                taxa index add: indices/pkv.json: the publication of 2024-10-15 is recorded with the source "SKR cirkulär A", but --source gives "SKR cirkulär B"; a recorded citation changes only with --replace (leave out --source to keep it)

                """)
        #expect(try root.bytes("pkv") == recorded)

        // The same citation, or none, adds the value and keeps the citation.
        let same = try root.add(["PKV", "--year", "2026", "--percent", "3.1", "--published", "2024-10-15", "--source", "SKR cirkulär A"])
        #expect(same.status == 0, "\(same.stderr)")
        let none = try root.add(["PKV", "--year", "2027", "--percent", "2.5", "--published", "2024-10-15"])
        #expect(none.status == 0, "\(none.stderr)")
        var pkv = try root.text("pkv")
        #expect(pkv.contains(#""source": "SKR cirkulär A","#))
        #expect(pkv.contains(#""values": { "2025": "2.9", "2026": "3.1", "2027": "2.5" }"#))

        // Even with the value already recorded, a different source is refused without --replace…
        let sourceOnly = try root.add(["PKV", "--year", "2025", "--percent", "2.9", "--published", "2024-10-15", "--source", "SKR cirkulär B"])
        #expect(sourceOnly.status == 1)
        #expect(sourceOnly.stderr.contains(#"recorded with the source "SKR cirkulär A", but --source gives "SKR cirkulär B""#))
        // …and replaced with it, the value untouched.
        let replaced = try root.add(["PKV", "--year", "2025", "--percent", "2.9", "--published", "2024-10-15", "--source", "SKR cirkulär B", "--replace"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout == "already recorded: PKV 2.9 % for 2025, published 2024-10-15\nreplaced the publication's source\n")
        pkv = try root.text("pkv")
        #expect(pkv.contains(#""source": "SKR cirkulär B","#))
        #expect(pkv.contains(#""title": "PKV oktober 2024","#))
        #expect(pkv.contains(#""values": { "2025": "2.9", "2026": "3.1", "2027": "2.5" }"#))
    }

    @Test func valuesAreStoredExactlyAsTyped() throws {
        let root = try Root()
        #expect(try root.add(["PKV", "--year", "2025", "--percent", "3.0", "--published", "2024-10-15"]).status == 0)
        #expect(try root.text("pkv").contains(#""values": { "2025": "3.0" }"#))
        // The same value spelt differently is already recorded; the file keeps the first spelling.
        let same = try root.add(["PKV", "--year", "2025", "--percent", "3", "--published", "2024-10-15"])
        #expect(same.stdout == "already recorded: PKV 3.0 % for 2025, published 2024-10-15\n")
        #expect(try root.text("pkv").contains(#""values": { "2025": "3.0" }"#))
        let replaced = try root.add(["PKV", "--year", "2025", "--percent", "3.10", "--published", "2024-10-15", "--replace"])
        #expect(replaced.stdout == "replaced PKV 3.0 % with 3.10 % for 2025, published 2024-10-15\n")
        #expect(try root.text("pkv").contains(#""values": { "2025": "3.10" }"#))
        #expect(try root.add(["PBB", "--year", "2027", "--amount", "60000.00", "--published", "2026-09-17"]).status == 0)
        #expect(try root.text("pbb").contains(#""values": { "2027": "60000.00" }"#))
    }

    @Test(arguments: [["--percent", "-0.5"], ["--percent=-0.5"]])
    func aNegativeChangeIsAValueNotAnOption(_ value: [String]) throws {
        let root = try Root()
        let run = try root.add(["PKV", "--year", "2027"] + value + ["--published", "2026-10-14", "--source", "EXAMPLE (test)"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "recorded PKV -0.5 % for 2027, published 2026-10-14\n")
        #expect(try root.text("pkv").contains(#""values": { "2027": "-0.5" }"#))
        let series = try #require(TariffLoader.load(root: root.url.path).tariffSet?.indices["PKV"])
        #expect(series.value(forYear: 2027, publishedIn: 2026, month: 10, asOf: nil)?.percent.asWritten == "-0.5")
    }

    @Test func dryRunPrintsTheDiffAndWritesNothing() throws {
        let root = try Root()
        let before = try root.bytes("pbb")
        let run = try root.add(Self.pbb2027 + ["--dry-run"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try root.bytes("pbb") == before)
        #expect(
            run.stdout == """
                would record PBB 60000 kr for 2027, published 2026-09-17
                --- indices/pbb.json
                +++ indices/pbb.json (after taxa index add)
                @@ -71,4 +71,10 @@
                       "source": "SFS 2025:872, Förordning om prisbasbelopp och förhöjt prisbasbelopp för år 2026, daterad 2025-09-18.",
                       "values": { "2026": "59200" }
                +    },
                +    {
                +      "published": "2026-09-17",
                +      "title": "Prisbasbelopp 2027",
                +      "source": "SFS 2026:NNN (test)",
                +      "values": { "2027": "60000" }
                     }
                   ]
                dry run: indices/pbb.json not written

                """)
        // A refused change is refused in a dry run too, and nothing is written.
        let refused = try root.add(["PBB", "--year", "2026", "--amount", "1", "--published", "2025-09-18", "--dry-run"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already records 59200 kr for 2026; use --replace"))
        #expect(try root.bytes("pbb") == before)
        // What is already recorded is reported as unchanged.
        let unchanged = try root.add(["PBB", "--year", "2026", "--amount", "59200", "--published", "2025-09-18", "--dry-run"])
        #expect(unchanged.stdout == "already recorded: PBB 59200 kr for 2026, published 2025-09-18\ndry run: indices/pbb.json unchanged\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.url.appendingPathComponent("indices").path).sorted()
        #expect(leftovers == ["pbb.json", "pkv.json"])
    }

    @Test func theNoValuesNoteGoesWithTheFirstValue() throws {
        let root = try Root()
        let before = try root.text("pkv")
        #expect(before.contains("\"notes_until_first_value\""))
        #expect(before.contains("Inga värden är inlagda ännu."))
        let dry = try root.add(["PKV", "--year", "2025", "--percent", "2.9", "--published", "2024-10-15", "--source", "EXAMPLE (test)", "--dry-run"])
        #expect(
            dry.stdout.contains(
                """
                -  "notes_until_first_value": [
                -    "Inga värden är inlagda ännu.
                """))
        let run = try root.add(["PKV", "--year", "2025", "--percent", "2.9", "--published", "2024-10-15", "--source", "EXAMPLE (test)"])
        #expect(run.status == 0, "\(run.stderr)")
        let after = try root.text("pkv")
        #expect(!after.contains("notes_until_first_value"))
        #expect(!after.contains("Inga värden"))
        // The lasting notes are kept exactly; the new publication has a Swedish default title.
        let lasting = try #require(before.range(of: "  \"notes_until_first_value\""))
        #expect(after.hasPrefix(before[..<lasting.lowerBound]))
        #expect(
            after.hasSuffix(
                """
                  "publications": [
                    {
                      "published": "2024-10-15",
                      "title": "PKV oktober 2024",
                      "source": "EXAMPLE (test)",
                      "values": { "2025": "2.9" }
                    }
                  ]
                }

                """))
        let check = try TestSupport.runTaxa(["check", "--tariffs", root.url.path])
        #expect(check.status == 0, "\(check.stdout)")
    }

    /// With nothing to change, the shipped files stay byte for byte what they are: the rewrite
    /// is canonical.
    @Test func reRecordingAShippedValueLeavesTheFileByteIdentical() throws {
        let root = try Root()
        let before = try root.bytes("pbb")
        for (year, amount, published) in [(2017, "44800", "2016-12-31"), (2024, "57300", "2023-09-30"), (2026, "59200", "2025-09-18")] {
            let run = try root.add(["PBB", "--year", String(year), "--amount", amount, "--published", published])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.hasPrefix("already recorded"))
        }
        #expect(try root.bytes("pbb") == before)
    }
}
