import Foundation
import Testing

/// The service's stream contract, through the built binary: one answer per non-blank line, in
/// order, with line numbers; long lines skipped; exit 0 however many lines were rejected.
@Suite struct StreamTests {
    static let good = #"{"id":"g","tariff":"oxelosund/laff","entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":15}]}"#

    @Test func tooLongLineIsAnsweredAndSkipped() throws {
        let long = #"{"id":"long","tariff":"oxelosund/laff","meta":""# + String(repeating: "x", count: (1 << 20) + 10) + #""}"#
        let input = [Self.good, long, "", Self.good].joined(separator: "\n")  // last line without newline
        let run = try TestSupport.runTaxa(["--tariffs", TestSupport.path("Tariffs")], input: Data(input.utf8))
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map { TestSupport.json(String($0)) }
        try #require(lines.count == 3, "\(run.stdout.prefix(2000))")
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

    /// A billing system that writes one request and waits for its answer (a co-process) must get
    /// it while stdin is still open: output is flushed whenever no more input is available.
    @Test(arguments: [1, 2])
    func coProcessGetsEachAnswerBeforeSendingTheNext(jobs: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.taxaBinary)
        process.arguments = ["--tariffs", TestSupport.path("Tariffs"), "--jobs", String(jobs)]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let reader = LineCollector(output.fileHandleForReading)
        for round in 1...3 {
            let request = Self.good.replacingOccurrences(of: "\"id\":\"g\"", with: "\"id\":\"round-\(round)\"")
            input.fileHandleForWriting.write(Data((request + "\n").utf8))
            let answer = reader.nextLine(timeout: 20)
            #expect(answer?.contains("\"id\":\"round-\(round)\"") == true, "no answer to request \(round) while stdin stayed open")
            if answer == nil { return }
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// `--jobs 2` writes exactly what one worker writes, in input order.
    @Test func jobsKeepInputOrderAndBytes() throws {
        var lines: [String] = []
        for index in 0..<3000 {
            let minutes = (index * 37) % 500
            lines.append(
                index % 97 == 0
                    ? "not json \(index)"
                    : #"{"id":"r\#(index)","tariff":"oxelosund/laff","entries":[{"date":"2024-0\#(index % 9 + 1)-15","activity":"tillsyn","minutes":\#(minutes)}]}"#
            )
        }
        let input = Data((lines.joined(separator: "\n") + "\n").utf8)
        let one = try TestSupport.runTaxa(["--tariffs", TestSupport.path("Tariffs")], input: input)
        let two = try TestSupport.runTaxa(["--tariffs", TestSupport.path("Tariffs"), "--jobs", "2"], input: input)
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout.split(separator: "\n").count == 3000)
        #expect(one.stdout == two.stdout)
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

/// Reads lines from a pipe on a background thread, so a test can wait for one with a timeout.
final class LineCollector: @unchecked Sendable {
    private var lines: [String] = []
    private let lock = NSLock()
    private let available = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    lock.lock(); lines.append(line); lock.unlock()
                    available.signal()
                }
            }
        }
        thread.start()
    }

    func nextLine(timeout seconds: Double) -> String? {
        guard available.wait(timeout: .now() + seconds) == .success else { return nil }
        lock.lock(); defer { lock.unlock() }
        return lines.removeFirst()
    }
}
