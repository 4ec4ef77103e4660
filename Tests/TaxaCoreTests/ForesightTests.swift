import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

extension TestSupport {
    /// This process's environment with `TAXA_TODAY` fixed, so foresight is the same every day.
    static func environment(today: String) -> [String: String] {
        ProcessInfo.processInfo.environment.merging(["TAXA_TODAY": today]) { $1 }
    }

    /// A fresh copy of the shipped `Tariffs/`, removed by the caller.
    static func copyOfShippedTariffs(_ label: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-\(label)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: path("Tariffs")), to: root)
        return root
    }

    /// Rewrites the text file at `relative` under `root` with `edit`, failing the test when the
    /// edit changed nothing (a fixture that no longer matches would otherwise test nothing).
    static func edit(
        _ root: URL, _ relative: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (String) -> String
    ) throws {
        let url = root.appendingPathComponent(relative)
        let before = try String(contentsOf: url, encoding: .utf8)
        let after = body(before)
        #expect(after != before, "the edit of \(relative) changed nothing", sourceLocation: sourceLocation)
        try replace(url, with: Data(after.utf8))
    }

    /// Replaces a file in one step, as a careful editor saves: written beside the tariff root
    /// and renamed over the old file. (Foundation's `.atomic` writes a hidden temporary file
    /// in the same folder, which a reload at that moment rightly reports.)
    static func replace(_ url: URL, with data: Data) throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-edit-\(UUID().uuidString)")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}

/// `taxa check` foresees what will go wrong, as warnings naming file and field, judged from
/// `TAXA_TODAY`; `--json` prints the same findings.
@Suite struct ForesightTests {
    static let today = "2026-11-25"
    static let laff = "oxelosund/laff/2024-02-01.json"

    static func check(_ root: URL, json: Bool = false, today: String = today) throws -> TestSupport.Run {
        try TestSupport.runTaxa(
            ["check", "--tariffs", root.path] + (json ? ["--json"] : []),
            environment: TestSupport.environment(today: today))
    }

    /// The warning lines of a text report, without the root.
    static func warnings(_ run: TestSupport.Run, root: URL) -> [String] {
        run.stdout.split(separator: "\n").map(String.init).filter { $0.contains(": warning: ") }
            .map { $0.hasPrefix(root.path + "/") ? String($0.dropFirst(root.path.count + 1)) : $0 }
    }

    /// A tariff set with one of each foreseeable problem.
    static func troubledTariffs() throws -> URL {
        let root = try TestSupport.copyOfShippedTariffs("foresight")
        // A 2027 version decided after today, without the activity "avfallshanteringsplan"
        // and with its decision left uncited.
        let version = try String(contentsOf: root.appendingPathComponent(laff), encoding: .utf8)
        var next = version.replacingOccurrences(of: #""valid_from": "2024-02-01""#, with: #""valid_from": "2027-01-01""#)
            .replacingOccurrences(of: #""decided": "2024-02-07""#, with: #""decided": "2026-12-09""#)
            .replacingOccurrences(of: #""reference": "KF 2024-02-07, ärende 17, Dnr KS.2024.34""#, with: #""reference": "unspecified""#)
        let start = try #require(next.range(of: #"    "avfallshanteringsplan": {"#))
        let end = try #require(next.range(of: #"    "tillsyn": {"#))
        next.removeSubrange(start.lowerBound..<end.lowerBound)
        try Data(next.utf8).write(to: root.appendingPathComponent("oxelosund/laff/2027-01-01.json"))
        // PKV typed as published in January instead of October, one dated in the future, and
        // citations left as placeholders.
        try TestSupport.edit(root, "indices/pkv.json") { text in
            // The notes that hold only while no value is recorded go with the first value.
            var text = text
            if let start = text.range(of: "  \"notes_until_first_value\": ["), let end = text.range(of: "  \"publications\"") {
                text.removeSubrange(start.lowerBound..<end.lowerBound)
            }
            return text.replacingOccurrences(
                of: #""publications": []"#,
                with: """
                    "publications": [
                        { "published": "2024-10-15", "title": "PKV oktober 2024", "source": "SKR, test", "values": { "2025": "2.9" } },
                        { "published": "2025-01-15", "title": "PKV oktober 2025", "source": "unspecified", "values": { "2026": "3.1" } },
                        { "published": "2027-10-14", "title": " ", "source": "SKR, test", "values": { "2028": "2.8" } }
                      ]
                    """)
        }
        // A per-capita version for 2024 that drops the group "Gymn".
        let bep = try String(contentsOf: root.appendingPathComponent("oxelosund/bep/2023-01-01.json"), encoding: .utf8)
        let gymn = #"      "Gymn": { "yearly_amount": "137946.00", "budgeted_count": 393 },"# + "\n"
        #expect(bep.contains(gymn))
        let bep2024 = bep.replacingOccurrences(of: #""valid_from": "2023-01-01""#, with: #""valid_from": "2024-01-01""#)
            .replacingOccurrences(of: #""valid_until": "2023-12-31""#, with: #""valid_until": "2024-12-31""#)
            .replacingOccurrences(of: gymn, with: "")
        try Data(bep2024.utf8).write(to: root.appendingPathComponent("oxelosund/bep/2024-01-01.json"))
        return root
    }

    @Test func everyForeseeableProblemIsAWarningWithFileAndField() throws {
        let root = try Self.troubledTariffs()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.check(root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(
            Self.warnings(run, root: root) == [
                "oxelosund/bep/2024-01-01.json: per_capita.groups: warning: drops the group \"Gymn\" that version 2023-01-01 has; requests naming it dated from 2024-01-01 will be rejected",
                "oxelosund/bep/2024-01-01.json: valid_until: warning: oxelosund/bep has no version in force today (2026-11-25) or in the coming year: its latest version ended 2024-12-31; requests dated from 2026-11-25 through 2027-11-25 will fail with no_tariff_in_force",
                "oxelosund/laff/2027-01-01.json: decided: warning: is 2026-12-09, after today (2026-11-25): requests without as_of are already priced by this version from 2027-01-01 as if it were decided; add it once the decision is taken",
                "oxelosund/laff/2027-01-01.json: activities: warning: drops the activity \"avfallshanteringsplan\" that version 2024-02-01 has; requests naming it dated from 2027-01-01 will be rejected",
                "oxelosund/laff/2027-01-01.json: decision.reference: warning: is \"unspecified\", not a citation; cite the decision (body, date, paragraph or case number) so every price can be traced to it",
                "oxelosund/laff/2024-02-01.json: indexation.series: warning: oxelosund/laff: no PKV for 2026 recorded (published in October 2025); requests dated 2026 will fail with index_missing",
                "oxelosund/po/2024-01-01+2024-02-07.json: valid_until: warning: oxelosund/po has no version in force today (2026-11-25) or in the coming year: its latest version ended 2024-12-31; requests dated from 2026-11-25 through 2027-11-25 will fail with no_tariff_in_force",
                "indices/pkv.json: publications[1].published: warning: is 2025-01-15, in January, but the tariffs read PKV as published in October (oxelosund/laff); its values are never used — is the date right?",
                "indices/pkv.json: publications[1].source: warning: is \"unspecified\", not a citation; cite the publication of 2025-01-15 (title, date, address) so every indexed rate can be traced to it",
                "indices/pkv.json: publications[2].published: warning: is 2027-10-14, after today (2026-11-25); record a value once it is published",
                "indices/pkv.json: publications[2].title: warning: is empty; cite the publication of 2027-10-14 (title, date, address) so every indexed rate can be traced to it",
            ])
        #expect(run.stdout.hasSuffix("0 errors, 11 warning(s)\n"))
    }

    /// `--json` prints the same findings, in the same order, as one JSON object.
    @Test func jsonHasTheSameFindings() throws {
        let root = try Self.troubledTariffs()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try Self.check(root)
        let json = try Self.check(root, json: true)
        #expect(json.status == 0)
        #expect(json.stdout.hasSuffix("}\n") && json.stdout.split(separator: "\n").count == 1)
        let report = TestSupport.json(json.stdout)
        #expect(report["root"] as? String == root.path)
        #expect(report["today"] as? String == Self.today)
        #expect(report["valid"] as? Bool == true)
        #expect(report["errors"] as? Int == 0)
        #expect(report["warnings"] as? Int == 11)
        let findings = try #require(report["findings"] as? [[String: Any]])
        let rendered = findings.map { finding in
            let path = finding["path"] as? String ?? "?"
            return
                "\(finding["file"] as? String ?? "?")\(path.isEmpty ? "" : ": " + path): \(finding["severity"] as? String ?? "?"): \(finding["message"] as? String ?? "?")"
        }
        #expect(rendered == Self.warnings(text, root: root))
        let tariffs = try #require(report["tariffs"] as? [[String: Any]])
        #expect(tariffs.map { $0["tariff"] as? String } == ["oxelosund/bep", "oxelosund/laff", "oxelosund/po"])
        #expect(tariffs[1]["versions"] as? [String] == [Self.laff, "oxelosund/laff/2027-01-01.json"])
        #expect(report["documentation"] as? [String] == ["README.md"])
        let indices = try #require(report["indices"] as? [[String: Any]])
        #expect(indices.map { $0["series"] as? String } == ["PBB", "PKV"])
        #expect(indices.last?["publications"] as? Int == 3)
    }

    /// Errors come out as JSON too, with exit 1; a problem of the root itself has file ".".
    @Test func jsonReportsErrors() throws {
        let root = try TestSupport.copyOfShippedTariffs("foresight-errors")
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("{}".utf8).write(to: root.appendingPathComponent("oxelosund/laff/2027-01-01.JSON"))
        let run = try Self.check(root, json: true)
        #expect(run.status == 1)
        let report = TestSupport.json(run.stdout)
        #expect(report["valid"] as? Bool == false)
        #expect(report["errors"] as? Int == 1)
        let findings = report["findings"] as? [[String: Any]] ?? []
        #expect(findings.first?["severity"] as? String == "error")
        #expect(findings.first?["file"] as? String == "oxelosund/laff/2027-01-01.JSON")
        #expect(findings.first?["path"] as? String == "")
        #expect(report["tariffs"] as? [Any] != nil && (report["tariffs"] as? [Any])?.isEmpty == true)

        let missing = try Self.check(root.appendingPathComponent("nowhere"), json: true)
        #expect(missing.status == 1)
        let problem = (TestSupport.json(missing.stdout)["findings"] as? [[String: Any]])?.first
        #expect(problem?["file"] as? String == ".")
        #expect(problem?["message"] as? String == "cannot read the tariff root: No such file or directory")
    }

    /// The shipped set on a fixed day: only the gaps that are really there.
    @Test func shippedTariffsOnAFixedDay() throws {
        let root = URL(fileURLWithPath: TestSupport.path("Tariffs"))
        let run = try Self.check(root, today: "2025-06-30")
        #expect(run.status == 0)
        #expect(
            Self.warnings(run, root: root) == [
                "oxelosund/bep/2023-01-01.json: valid_until: warning: oxelosund/bep has no version in force today (2025-06-30) or in the coming year: its latest version ended 2023-12-31; requests dated from 2025-06-30 through 2026-06-30 will fail with no_tariff_in_force",
                "oxelosund/laff/2024-02-01.json: indexation.series: warning: oxelosund/laff: no PKV for 2025 recorded (published in October 2024); requests dated 2025 will fail with index_missing",
                "oxelosund/laff/2024-02-01.json: indexation.series: warning: oxelosund/laff: no PKV for 2026 recorded (published in October 2025); requests dated 2026 will fail with index_missing",
                "oxelosund/po/2024-01-01+2024-02-07.json: valid_until: warning: oxelosund/po has no version in force today (2025-06-30) or in the coming year: its latest version ended 2024-12-31; requests dated from 2025-06-30 through 2026-06-30 will fail with no_tariff_in_force",
                // Seen from that day, the prisbasbelopp for 2026 (SFS 2025:872 of 2025-09-18) is not published yet.
                "indices/pbb.json: publications[9].published: warning: is 2025-09-18, after today (2025-06-30); record a value once it is published",
            ])
        #expect(run.stdout.contains("documentation (not read): README.md\n"))
        // On 2024-03-01 LÅFF and PO are in force (BEP 2023 has ended) and PKV for 2025 is due next year.
        let early = try Self.check(root, today: "2024-03-01")
        #expect(
            Self.warnings(early, root: root) == [
                "oxelosund/bep/2023-01-01.json: valid_until: warning: oxelosund/bep has no version in force today (2024-03-01) or in the coming year: its latest version ended 2023-12-31; requests dated from 2024-03-01 through 2025-03-01 will fail with no_tariff_in_force",
                "oxelosund/laff/2024-02-01.json: indexation.series: warning: oxelosund/laff: no PKV for 2025 recorded (published in October 2024); requests dated 2025 will fail with index_missing",
                "indices/pbb.json: publications[8].published: warning: is 2024-09-30, after today (2024-03-01); record a value once it is published",
                "indices/pbb.json: publications[9].published: warning: is 2025-09-18, after today (2024-03-01); record a value once it is published",
            ])
    }

    /// Tariffs of the rule vocabulary: every amount taken from the prisbasbelopp is evaluated for
    /// this year and the next; one not recorded yet is foreseen, naming the file and the block.
    @Test func prisbasbeloppNotRecordedForNextYear() throws {
        let root = URL(fileURLWithPath: TestSupport.path("Fixtures/reference-tariffs"))
        let run = try Self.check(root, today: "2026-11-25")
        #expect(run.status == 0)
        #expect(
            Self.warnings(run, root: root) == [
                "habo/alkohol/2017-01-01.json: fees.tillsynsavgift.price[0].bands.bands[0].price[0].fixed: warning: habo/alkohol: no PBB value for 2027 is recorded in indices/pbb.json; it is needed by habo/alkohol (version 2017-01-01) in 2027; requests dated 2027 will fail with index_missing",
                "sollentuna/aldreomsorg/2024-01-01.json: caps[0].amount: warning: sollentuna/aldreomsorg: no PBB value for 2027 is recorded in indices/pbb.json; it is needed by sollentuna/aldreomsorg (version 2024-01-01) in 2027; requests dated 2027 will fail with index_missing",
                "umea/miljobalken/2024-01-01.json: valid_until: warning: umea/miljobalken has no version in force today (2026-11-25) or in the coming year: its latest version ended 2024-12-31; requests dated from 2026-11-25 through 2027-11-25 will fail with no_tariff_in_force",
                // An amount written once is foreseen where it is written, not at each fee using it.
                "vara/bygglov/2024-01-01.json: definitions.mpbb.amount: warning: vara/bygglov: no PBB value for 2027 is recorded in indices/pbb.json; it is needed by vara/bygglov (version 2024-01-01) in 2027; requests dated 2027 will fail with index_missing",
            ])
        // A year earlier, 2026 is recorded: nothing to foresee but Umeå's 2024 version having ended.
        #expect(
            Self.warnings(try Self.check(root, today: "2025-11-25"), root: root) == [
                "umea/miljobalken/2024-01-01.json: valid_until: warning: umea/miljobalken has no version in force today (2025-11-25) or in the coming year: its latest version ended 2024-12-31; requests dated from 2025-11-25 through 2026-11-25 will fail with no_tariff_in_force"
            ])
    }

    @Test(arguments: ["2026-13-01", "tomorrow", "2026-1-1", "9999-12-31", "1899-12-31"])
    func anInvalidTodayIsRefused(_ value: String) throws {
        let run = try Self.check(URL(fileURLWithPath: TestSupport.path("Tariffs")), today: value)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr
                == "Error: TAXA_TODAY must be a date as YYYY-MM-DD from 1900 to 2200, got \"\(value)\"\nUsage: taxa check [--json] [--tariffs <dir>]\n  See 'taxa check --help' for more information.\n"
        )
    }

    /// A file saved with a UTF-8 byte order mark is read like one without (as request lines
    /// are); the service prices with it.
    @Test(arguments: [laff, "indices/pkv.json"])
    func byteOrderMarkIsAccepted(_ file: String) throws {
        let root = try TestSupport.copyOfShippedTariffs("bom")
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent(file)
        try (Data([0xEF, 0xBB, 0xBF]) + Data(contentsOf: url)).write(to: url)
        let run = try Self.check(root)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("0 errors"))
        let request = #"{"id":"b","tariff":"oxelosund/laff","entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":60}]}"#
        let priced = try TestSupport.runTaxa(["--tariffs", root.path], input: Data((request + "\n").utf8))
        #expect(priced.status == 0)
        #expect(TestSupport.json(priced.stdout)["total"] as? String == "1201.00")
    }

    /// Unit checks of the UTF-8 validator behind "not UTF-8 text".
    @Test func utf8Validation() {
        func first(_ bytes: [UInt8]) -> Int? { TariffFileText.firstInvalidUTF8(bytes[...]) }
        #expect(first(Array("å ä ö € 𝄞 {}".utf8)) == nil)
        #expect(first([0x7B, 0xE5, 0x7D]) == 1)  // Latin-1 å
        #expect(first([0xC0, 0xAF]) == 0)  // overlong "/"
        #expect(first([0xED, 0xA0, 0x80]) == 0)  // a surrogate
        #expect(first([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
        #expect(first([0x61, 0xE2, 0x82]) == 1)  // cut off
        #expect(
            TariffFileText.encodingProblem(Array("{\n  \"a\": \"\u{e5}".utf8 + [0xE5])[...])
                == "not UTF-8 text: byte 0xE5 at line 2, column 10 is not UTF-8 (was the file saved as Latin-1 or Windows-1252?); save it as UTF-8")
    }
}
