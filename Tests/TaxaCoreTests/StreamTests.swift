import Foundation
import Testing

/// The service's stream contract, through the built binary: one answer per non-blank line, in
/// order, with line numbers; long lines skipped; exit 0 however many lines were rejected.
@Suite struct StreamTests {
    static let good = #"{"id":"g","tariff":"oxelosund/laff","entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":15}]}"#

    @Test func tooLongLineIsAnsweredAndSkipped() throws {
        let long = #"{"id":"long","tariff":"oxelosund/laff","meta":""# + String(repeating: "x", count: (1 << 20) + 10) + #""}"#
        let input = [Self.good, long, "", Self.good].joined(separator: "\n")   // last line without newline
        let run = try TestSupport.runTaxa(["--tariffs", TestSupport.path("Tariffs")], input: Data(input.utf8))
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map { TestSupport.json(String($0)) }
        #expect(lines.count == 3)
        #expect(lines[0]["total"] as? String == "300.25")
        #expect((lines[1]["error"] as? [String: Any])?["code"] as? String == "line_too_long")
        #expect(lines[1]["line"] as? Int == 2)
        #expect(lines[2]["total"] as? String == "300.25")
    }

    @Test func crlfAndBlankLines() throws {
        let input = Self.good + "\r\n\r\n   \n" + Self.good + "\r\n"
        let run = try TestSupport.runTaxa(["--tariffs", TestSupport.path("Tariffs")], input: Data(input.utf8))
        #expect(run.stdout.split(separator: "\n").count == 2)
        #expect(!run.stdout.contains("\"ok\":false"))
    }

    @Test func emptyInputGivesNoOutputAndExitZero() throws {
        let run = try TestSupport.runTaxa(["--tariffs", TestSupport.path("Tariffs")])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
    }

    @Test func runSubcommandAndEnvironmentRoot() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["TAXA_TARIFFS"] = TestSupport.path("Tariffs")
        let run = try TestSupport.runTaxa(["run"], input: Data((Self.good + "\n").utf8), environment: environment)
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"total\":\"300.25\""))
    }

    @Test func invalidTariffSetStopsWithExitTwoNamingFileAndField() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-bad-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: TestSupport.path("Tariffs")), to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("oxelosund/laff/2024-02-01.json")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\"increment_minutes\": 15", with: "\"increment_minutes\": 0")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.runTaxa(["--tariffs", root.path], input: Data((Self.good + "\n").utf8))
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("oxelosund/laff/2024-02-01.json: hourly.increment_minutes: expected an integer from 1 to 1440, got 0"))
    }
}
