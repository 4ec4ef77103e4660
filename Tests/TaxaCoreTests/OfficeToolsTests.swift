import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The office's tools through the built binary: `taxa check`, `taxa rates`, `taxa index add`.
@Suite struct OfficeToolsTests {

    static var brokenCases: [String] {
        let directory = TestSupport.path("Fixtures/broken-tariffs")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test func thereAreAtLeastTenBrokenFileFixtures() {
        #expect(Self.brokenCases.count >= 10)
    }

    /// Each case overlays broken files on a copy of `Tariffs/`; `taxa check` must exit 1 and
    /// print exactly the expected `FILE: PATH: message` lines.
    @Test(arguments: brokenCases)
    func checkNamesFileAndPath(_ name: String) throws {
        let root = try TestSupport.copyOfTariffs()
        defer { try? FileManager.default.removeItem(at: root) }
        let overlay = URL(fileURLWithPath: TestSupport.path("Fixtures/broken-tariffs/\(name)"))
        // Every file of the case but its ABOUT and expected.txt, whatever its name (hidden,
        // `.JSON`, `.json.txt`): those are the point of some cases.
        let files = try Self.overlayFiles(overlay)
        #expect(!files.isEmpty)
        for relative in files {
            let target = root.appendingPathComponent(relative)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: overlay.appendingPathComponent(relative), to: target)
        }
        let run = try TestSupport.runTaxa(["check", "--tariffs", root.path])
        #expect(run.status == 1)
        let printed = run.stdout.split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("ok:") && !$0.hasSuffix("warning(s)") && !$0.hasPrefix("documentation (not read):") }
            .map { $0.hasPrefix(root.path + "/") ? String($0.dropFirst(root.path.count + 1)) : $0 }
        let expected = try String(contentsOfFile: overlay.appendingPathComponent("expected.txt").path, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(!expected.isEmpty)
        #expect(printed == expected)
        // The service refuses the same set at start-up, naming the same problems.
        let service = try TestSupport.runTaxa(["--tariffs", root.path], input: Data("{}\n".utf8))
        #expect(service.status == 2)
        #expect(service.stdout.isEmpty)
        for line in expected { #expect(service.stderr.contains(line)) }
    }

    /// The files of a broken-tariff case, relative to it, hidden ones included.
    static func overlayFiles(_ overlay: URL) throws -> [String] {
        var files: [String] = []
        let base = overlay.standardizedFileURL.path
        for case let url as URL in FileManager.default.enumerator(at: overlay, includingPropertiesForKeys: [.isRegularFileKey])! {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            if relative != "ABOUT" && relative != "expected.txt" { files.append(relative) }
        }
        return files.sorted()
    }

    @Test func shippedTariffsPassAndWarnAboutMissingPKV() throws {
        let run = try TestSupport.runTaxa(["check", "--tariffs", TestSupport.path("Tariffs")])
        #expect(run.status == 0)
        #expect(run.stdout.contains("0 errors"))
        #expect(run.stdout.contains("oxelosund/laff: no PKV for 2025 recorded (published in October 2024); requests dated 2025 will fail with index_missing"))
    }

    @Test func indexAddThenRatesShowsTheChainedRates() throws {
        let root = try TestSupport.copyOfTariffs()
        defer { try? FileManager.default.removeItem(at: root) }
        let pkv = root.appendingPathComponent("indices/pkv.json")
        let before = try String(contentsOf: pkv, encoding: .utf8)
        var run = try TestSupport.runTaxa([
            "index", "add", "PKV", "--year", "2025", "--percent", "2.9", "--published", "2024-10-15",
            "--source", "EXAMPLE (test)", "--tariffs", root.path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        run = try TestSupport.runTaxa([
            "index", "add", "PKV", "--year", "2026", "--percent", "3.1", "--published", "2025-10-15",
            "--source", "EXAMPLE (test)", "--tariffs", root.path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let after = try String(contentsOf: pkv, encoding: .utf8)
        // Everything before the notes that held only until the first value is kept as it was.
        let lasting = try #require(before.range(of: "  \"notes_until_first_value\""))
        #expect(after.hasPrefix(before[..<lasting.lowerBound]))
        #expect(after.contains("\"values\": { \"2025\": \"2.9\" }"))

        let rates = try TestSupport.runTaxa(["rates", "oxelosund/laff", "--from", "2024", "--to", "2027", "--json", "--tariffs", root.path])
        // 2027 was asked for by name and cannot be computed (no PKV for it): the table is printed, exit 1.
        #expect(rates.status == 1)
        #expect(rates.stderr.contains("cannot be computed"))
        let table = TestSupport.json(rates.stdout)["rates"] as? [[String: Any]] ?? []
        #expect(table.map { $0["hourly_rate"] as? String } == ["1201.00", "1236.00", "1274.00", nil])
        try #require(table.count == 4)
        #expect((table[3]["error"] as? [String: Any])?["code"] as? String == "index_missing")
        let steps = table[2]["steps"] as? [[String: Any]] ?? []
        #expect(steps.map { $0["unrounded"] as? String } == ["1235.829", "1274.316"])

        let text = try TestSupport.runTaxa(["rates", "oxelosund/laff", "--from", "2024", "--to", "2026", "--tariffs", root.path])
        #expect(text.stdout.contains("2026  1274.00 kr/h"))
        #expect(text.stdout.contains("1236.00 × (1 + 3.1/100) = 1274.316 → 1274.00"))

        // Requests dated in those years are charged at those rates.
        let request =
            #"{"id":"r","tariff":"oxelosund/laff","entries":[{"date":"2024-06-01","activity":"tillsyn","minutes":60},{"date":"2025-06-01","activity":"tillsyn","minutes":60},{"date":"2026-06-01","activity":"tillsyn","minutes":60}]}"#
        let priced = try TestSupport.runTaxa(["--tariffs", root.path], input: Data((request + "\n").utf8))
        let lines = TestSupport.json(priced.stdout)["lines"] as? [[String: Any]] ?? []
        #expect(lines.map { $0["amount"] as? String } == ["1201.00", "1236.00", "1274.00"])
        // The digest names the index values used, and matches `taxa rates` for the last year.
        let digest = try #require(TestSupport.json(priced.stdout)["tariff_digest"] as? String)
        #expect(digest.hasPrefix("sha256:") && digest.count == 7 + 64)
        #expect(digest == table[2]["tariff_digest"] as? String)
        #expect(digest != table[1]["tariff_digest"] as? String)
    }

    @Test func indexAddRefusesToOverwriteWithoutReplace() throws {
        let root = try TestSupport.copyOfTariffs()
        defer { try? FileManager.default.removeItem(at: root) }
        func add(_ percent: String, _ extra: [String] = []) throws -> TestSupport.Run {
            try TestSupport.runTaxa(
                [
                    "index", "add", "PKV", "--year", "2025", "--percent", percent, "--published", "2024-10-15",
                    "--tariffs", root.path,
                ] + extra)
        }
        #expect(try add("2.9").status == 0)
        let same = try add("2.90")
        #expect(same.status == 0)
        #expect(same.stdout.contains("already recorded"))
        let different = try add("3.0")
        #expect(different.status == 1)
        #expect(different.stderr.contains("already records 2.9 % for 2025; use --replace"))
        let replaced = try add("3.0", ["--replace"])
        #expect(replaced.status == 0)
        #expect(try String(contentsOf: root.appendingPathComponent("indices/pkv.json"), encoding: .utf8).contains("\"2025\": \"3.0\""))
        // A value that is not a number is a wrong command line (exit 64, before any file is read).
        #expect(try add("abc").status == 64)
        #expect(try add("1e3").status == 64)
        // No temporary file is left behind by the atomic rewrite.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("indices").path)
        #expect(leftovers.sorted() == ["pbb.json", "pkv.json"])
    }

    @Test func canonicalLayoutOfTheShippedIndexFileIsStable() throws {
        // Rendering the shipped file must reproduce it byte for byte, so `index add` diffs are minimal.
        let path = TestSupport.path("Tariffs/indices/pkv.json")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let series = TestSupport.shippedTariffs.indices["PKV"]!
        #expect(IndexEditor.render(series) == text)
    }

    @Test func ratesForUnknownTariffFails() throws {
        let run = try TestSupport.runTaxa(["rates", "oxelosund/nope", "--tariffs", TestSupport.path("Tariffs")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no tariff \"oxelosund/nope\""))
    }
}

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.tagged("") == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.tagged("abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.tagged("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.tagged(String(repeating: "a", count: 1000)) == "sha256:" + "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func digestChangesWithTheRuleData() throws {
        let tariffs = TestSupport.exampleTariffs
        func digest(_ date: String, _ tariffs: TariffSet) throws -> String {
            let answer = TestSupport.answer(
                #"{"id":"a","tariff":"oxelosund/laff","entries":[{"date":"\#(date)","activity":"tillsyn","minutes":60}]}"#, tariffs: tariffs)
            return try #require(TestSupport.json(answer)["tariff_digest"] as? String, "no digest in \(answer)")
        }
        let year2024 = try digest("2024-06-01", tariffs)
        #expect(year2024 != (try digest("2025-06-01", tariffs)))
        // 2024 uses no index value: the same digest whatever PKV values are recorded.
        #expect(year2024 == (try digest("2024-06-01", TestSupport.shippedTariffs)))
    }
}
