import Foundation
import Testing

/// End-to-end golden tests: the built `taxa` runs every request file in `Fixtures/golden/` and
/// its stdout must equal the expected file byte for byte.
/// - `Fixtures/golden/shipped/NAME.jsonl` runs against the shipped `Tariffs/`;
/// - `Fixtures/golden/example-pkv/NAME.jsonl` against `Tariffs/` with the labelled example PKV
///   values of `Fixtures/indices/pkv-example.json`;
/// - `Fixtures/golden/reference/NAME.jsonl` against `Fixtures/reference-tariffs/`;
/// - `Fixtures/golden/billing/NAME.jsonl` against `Fixtures/billing-example/` (VAT per rate,
///   accounting codes, the rounding of the total).
/// Each has `NAME.expected.jsonl` beside it.
@Suite struct GoldenTests {
    static func cases(_ folder: String) -> [String] {
        let directory = TestSupport.path("Fixtures/golden/\(folder)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasSuffix(".expected.jsonl") }.sorted()
    }

    static func check(_ folder: String, _ name: String, root: String) throws {
        let directory = TestSupport.path("Fixtures/golden/\(folder)")
        let input = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)"))
        let expectedPath = "\(directory)/\(name.dropLast(6)).expected.jsonl"
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        let run = try TestSupport.runTaxa(["--tariffs", root], input: input)
        #expect(run.status == 0, "taxa exited \(run.status): \(run.stderr)")
        let actualLines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(actualLines.count == expectedLines.count, "\(name): line count differs")
        for (index, (actual, wanted)) in zip(actualLines, expectedLines).enumerated() {
            #expect(actual == wanted, "\(name) output line \(index + 1) differs")
        }
    }

    @Test(arguments: cases("shipped"))
    func shipped(_ name: String) throws {
        try Self.check("shipped", name, root: TestSupport.path("Tariffs"))
    }

    @Test(arguments: cases("example-pkv"))
    func examplePKV(_ name: String) throws {
        try Self.check("example-pkv", name, root: TestSupport.exampleRoot)
    }

    @Test(arguments: cases("reference"))
    func reference(_ name: String) throws {
        try Self.check("reference", name, root: TestSupport.path("Fixtures/reference-tariffs"))
    }

    @Test(arguments: cases("billing"))
    func billing(_ name: String) throws {
        try Self.check("billing", name, root: TestSupport.path("Fixtures/billing-example"))
    }

    @Test func everyGoldenFolderHasCases() {
        #expect(!Self.cases("billing").isEmpty)
        #expect(!Self.cases("shipped").isEmpty)
        #expect(!Self.cases("example-pkv").isEmpty)
        #expect(Self.cases("reference").count >= 7)
    }
}
