import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

#if canImport(Glibc)
    import Glibc
#endif

/// SIGHUP reloads the tariff root without a restart, through the built binary run as the
/// billing system runs it: a co-process that gets one request at a time.
@Suite struct ReloadTests {
    static let version = "oxelosund/laff/2024-02-01.json"

    static func request(_ id: String) -> String {
        #"{"id":"\#(id)","tariff":"oxelosund/laff","entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":60}]}"#
    }

    /// Bytes arriving on a pipe, collected by a thread, waited for by line or by text.
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread {
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    self.lock.lock(); self.bytes.append(chunk); self.lock.unlock()
                }
                self.done.signal()
            }.start()
        }

        var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: bytes, as: UTF8.self) }

        /// Waits up to 20 s until `condition` holds for the text so far; false if it never did.
        func wait(until condition: (String) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if condition(text) { return true }
                usleep(5_000)
            }
            return condition(text)
        }

        func waitForEnd() { done.wait() }
    }

    /// taxa running on a copy of the shipped tariffs.
    final class CoProcess: @unchecked Sendable {
        let root: URL
        let process = Process()
        let stdin = Pipe()
        let stdout: Collector
        let stderr: Collector

        init(jobs: Int) throws {
            root = try TestSupport.copyOfShippedTariffs("reload")
            // The shipped worked examples hold for 1 201 kr/h only; these tests change the rate.
            try TestSupport.edit(root, ReloadTests.version) { text in
                guard let start = text.range(of: "  \"examples\": ["), let end = text.range(of: "  \"notes\": [") else { return text }
                return String(text[..<start.lowerBound] + text[end.lowerBound...])
            }
            process.executableURL = URL(fileURLWithPath: TestSupport.taxaBinary)
            process.arguments = ["--tariffs", root.path, "--jobs", String(jobs)]
            let out = Pipe()
            let err = Pipe()
            process.standardInput = stdin
            process.standardOutput = out
            process.standardError = err
            try process.run()
            stdout = Collector(out.fileHandleForReading)
            stderr = Collector(err.fileHandleForReading)
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? FileManager.default.removeItem(at: root)
        }

        /// Sends one request and returns its answer (nil if none came within 20 s).
        func ask(_ id: String) -> [String: Any]? {
            let before = stdout.text.split(separator: "\n").count
            try? stdin.fileHandleForWriting.write(contentsOf: Data((ReloadTests.request(id) + "\n").utf8))
            guard stdout.wait(until: { $0.hasSuffix("\n") && $0.split(separator: "\n").count > before }) else { return nil }
            return TestSupport.json(String(stdout.text.split(separator: "\n").last!))
        }

        /// Sends SIGHUP and waits until stderr has reported `count` reloads or refusals in all.
        func hangUp(expectingReport count: Int) -> Bool {
            kill(process.processIdentifier, SIGHUP)
            return stderr.wait { $0.hasSuffix("\n") && $0.components(separatedBy: "taxa: SIGHUP: ").count - 1 >= count }
        }

        /// Ends input and returns the exit status.
        func finish() -> Int32 {
            try? stdin.fileHandleForWriting.close()
            ProcessFaultTests.waitForExit(process, within: 20)
            process.waitUntilExit()
            stdout.waitForEnd()
            stderr.waitForEnd()
            return process.terminationStatus
        }
    }

    /// A valid edit takes effect at the next request; an invalid one is refused, every problem
    /// is named on stderr, and the set loaded before goes on answering.
    @Test(arguments: [1, 2])
    func reloadReplacesAValidSetAndKeepsTheOldOneOtherwise(jobs: Int) throws {
        let taxa = try CoProcess(jobs: jobs)
        let first = try #require(taxa.ask("before"))
        #expect(first["total"] as? String == "1201.00")
        let oldDigest = try #require(first["tariff_digest"] as? String)

        // The office decides a new rate and reloads.
        try TestSupport.edit(taxa.root, Self.version) { $0.replacingOccurrences(of: #""rate": "1201.00""#, with: #""rate": "1300.00""#) }
        #expect(taxa.hangUp(expectingReport: 1), "no report after SIGHUP: \(taxa.stderr.text)")
        #expect(taxa.stderr.text == "taxa: SIGHUP: reloaded the tariff set in \(taxa.root.path): 3 tariff(s), 4 version(s), 2 index series\n")
        let second = try #require(taxa.ask("after"))
        #expect(second["total"] as? String == "1300.00")
        let newDigest = try #require(second["tariff_digest"] as? String)
        #expect(newDigest != oldDigest)

        // Two mistakes at once: the rate as a number, and a version saved as .JSON.
        try TestSupport.edit(taxa.root, Self.version) { $0.replacingOccurrences(of: #""rate": "1300.00""#, with: #""rate": 1400"#) }
        try Data("{}".utf8).write(to: taxa.root.appendingPathComponent("oxelosund/laff/2027-01-01.JSON"))
        #expect(taxa.hangUp(expectingReport: 2), "no report after SIGHUP: \(taxa.stderr.text)")
        let root = taxa.root.path
        #expect(
            taxa.stderr.text.hasSuffix(
                """
                taxa: SIGHUP: the tariff set in \(root) is invalid; still pricing with the set loaded before:
                  \(root)/oxelosund/laff/2027-01-01.JSON: not read: not a tariff version file name; expected <valid_from>.json or <valid_from>+<decided>.json, dates as YYYY-MM-DD and .json in lower case; if it is the version valid from 2027-01-01, rename it 2027-01-01.json
                  \(root)/oxelosund/laff/2024-02-01.json: hourly.rate: expected an amount in kronor as a string with at most 2 decimals, e.g. "12.5", got an integer

                """))
        let third = try #require(taxa.ask("refused"))
        #expect(third["total"] as? String == "1300.00")
        #expect(third["tariff_digest"] as? String == newDigest)

        // Fixed: the next SIGHUP loads it.
        try TestSupport.edit(taxa.root, Self.version) { $0.replacingOccurrences(of: #""rate": 1400"#, with: #""rate": "1400.00""#) }
        try FileManager.default.removeItem(at: taxa.root.appendingPathComponent("oxelosund/laff/2027-01-01.JSON"))
        #expect(taxa.hangUp(expectingReport: 3))
        #expect(try #require(taxa.ask("fixed"))["total"] as? String == "1400.00")

        #expect(taxa.finish() == 0)
        #expect(taxa.stdout.text.split(separator: "\n").count == 4)
    }

    /// Reloads while requests stream in, with the tariff file switching between two rates:
    /// every answer is priced wholly by one set — its amount and its digest belong together —
    /// and none is lost or reordered.
    @Test(arguments: [1, 2])
    func everyAnswerIsPricedByOneSet(jobs: Int) throws {
        let taxa = try CoProcess(jobs: jobs)
        #expect(taxa.ask("n0")?["total"] as? String == "1201.00")  // started, with rate A
        let url = taxa.root.appendingPathComponent(Self.version)
        let rateA = try String(contentsOf: url, encoding: .utf8)
        let rateB = rateA.replacingOccurrences(of: #""rate": "1201.00""#, with: #""rate": "1300.00""#)
        // Requests stream in, whole lines, until the reloads are done. (Non-blocking writes:
        // a taxa that died must fail the test, not hang it.)
        final class Writer: @unchecked Sendable {
            let lock = NSLock()
            var stop = false
            var count = 0
            let done = DispatchSemaphore(value: 0)
        }
        let state = Writer()
        let fd = taxa.stdin.fileHandleForWriting.fileDescriptor
        #expect(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0)
        Thread {
            var number = 0
            writing: while !state.lock.withLock({ state.stop }) {
                number += 1
                let line = Array((Self.request("n\(number)") + "\n").utf8)
                var offset = 0
                while offset < line.count {
                    let written = line.withUnsafeBytes { write(fd, $0.baseAddress! + offset, line.count - offset) }
                    if written > 0 { offset += written; continue }
                    if written < 0 && (errno == EAGAIN || errno == EINTR) { usleep(1_000); continue }
                    number -= 1  // taxa has gone: this line was not sent whole
                    break writing
                }
                if number % 50 == 0 { usleep(1_000) }
            }
            state.lock.withLock { state.count = number }
            state.done.signal()
        }.start()
        for round in 1...8 {
            try TestSupport.replace(url, with: Data((round % 2 == 1 ? rateB : rateA).utf8))
            guard taxa.hangUp(expectingReport: round) else {
                Issue.record("no report after SIGHUP \(round): \(taxa.stderr.text)")
                break
            }
            usleep(20_000)
        }
        state.lock.withLock { state.stop = true }
        state.done.wait()
        let count = state.count
        #expect(taxa.stdout.wait { $0.split(separator: "\n").count >= count + 1 })
        #expect(taxa.finish() == 0)
        #expect(!taxa.stderr.text.contains("invalid"), "\(taxa.stderr.text)")
        let answers = taxa.stdout.text.split(separator: "\n").map { TestSupport.json(String($0)) }
        #expect(answers.compactMap { $0["id"] as? String } == (0...count).map { "n\($0)" })
        var digests: [String: Set<String>] = [:]  // total → the digests it came with
        for answer in answers {
            digests[answer["total"] as? String ?? "none", default: []].insert(answer["tariff_digest"] as? String ?? "none")
        }
        #expect(Set(digests.keys).isSubset(of: ["1201.00", "1300.00"]), "\(digests.keys)")
        #expect(digests.values.allSatisfy { $0.count == 1 }, "an amount came with two digests: \(digests)")
        #expect(digests["1201.00"] != nil && digests["1300.00"] != nil, "both sets priced: \(digests)")
        #expect(digests["1201.00"] != digests["1300.00"])
    }

    /// SIGINT ends the service like SIGTERM — every answer written whole — with status 130.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func stopSignalsWhileIdle(_ signal: Int32, _ status: Int32) throws {
        for jobs in [1, 2] {
            let taxa = try CoProcess(jobs: jobs)
            #expect(taxa.ask("a")?["total"] as? String == "1201.00")
            kill(taxa.process.processIdentifier, signal)
            ProcessFaultTests.waitForExit(taxa.process, within: 20)
            taxa.process.waitUntilExit()
            #expect(taxa.process.terminationReason == .exit)
            #expect(taxa.process.terminationStatus == status, "jobs \(jobs)")
            #expect(taxa.stdout.text.hasSuffix("\n") && taxa.stdout.text.split(separator: "\n").count == 1)
            #expect(taxa.stderr.text.isEmpty)
        }
    }
}
