import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// `taxa run --answer-blank` as a co-process client uses it: it writes a line and waits for
/// one answer before it writes the next, so a blank line must be answered too.
@Suite struct AnswerBlankTests {
    static let request = #"{"id":"po","tariff":"oxelosund/po","date":"2024-03-31","salary_cost":"100000.00"}"#

    /// Writes one line at a time to a running taxa and waits for its answer each time.
    @Test(arguments: [1, 2])
    func aBlankLineGetsAnAnswerBeforeTheNextLineIsWritten(jobs: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.taxaBinary)
        process.arguments = ["--tariffs", TestSupport.path("Tariffs"), "--answer-blank", "--jobs", String(jobs)]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let answers = ReloadTests.Collector(stdout.fileHandleForReading)

        func ask(_ line: String, answersBefore: Int) -> [String: Any]? {
            try? stdin.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
            guard answers.wait(until: { $0.hasSuffix("\n") && $0.split(separator: "\n").count > answersBefore }) else { return nil }
            return TestSupport.json(String(answers.text.split(separator: "\n").last!))
        }

        let first = try #require(ask("", answersBefore: 0), "no answer to an empty line")
        #expect(first["ok"] as? Bool == false)
        #expect(first["line"] as? Int == 1)
        #expect(first["id"] is NSNull)
        #expect((first["error"] as? [String: Any])?["code"] as? String == "empty_line")
        // The digest of the line as received: the empty line's is SHA-256 of no bytes.
        #expect(first["input_sha256"] as? String == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let second = try #require(ask(" \t ", answersBefore: 1), "no answer to a whitespace-only line")
        #expect((second["error"] as? [String: Any])?["code"] as? String == "empty_line")
        #expect(second["line"] as? Int == 2)
        let third = try #require(ask(Self.request, answersBefore: 2), "no answer to the request after the blank lines")
        #expect(third["ok"] as? Bool == true)
        #expect(third["surcharge"] as? String == "47180.00")
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        answers.waitForEnd()
        #expect(process.terminationStatus == 0)
        #expect(answers.text.split(separator: "\n").count == 3)
    }

    /// Without the flag, blank lines are skipped as before and numbered all the same.
    @Test func withoutTheFlagBlankLinesGetNoAnswer() throws {
        let run = try TestSupport.runTaxa(["--tariffs", TestSupport.path("Tariffs")], input: Data("\n  \n\(Self.request)\n\t\n".utf8))
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix(#"{"id":"po","ok":true"#) == true)
    }

    /// With the flag, a whole file: one answer per line, the blank ones `empty_line` with their line numbers.
    @Test func everyLineOfAFileIsAnswered() throws {
        let run = try TestSupport.runTaxa(
            ["--tariffs", TestSupport.path("Tariffs"), "--answer-blank"], input: Data("\n  \r\n\(Self.request)\n\t".utf8))
        #expect(run.status == 0)
        let records = run.stdout.split(separator: "\n").map { TestSupport.json(String($0)) }
        #expect(records.count == 4)
        #expect(records.map { ($0["error"] as? [String: Any])?["code"] as? String ?? "ok" } == ["empty_line", "empty_line", "ok", "empty_line"])
        #expect(records.map { $0["line"] as? Int ?? 0 } == [1, 2, 0, 4])
    }
}
