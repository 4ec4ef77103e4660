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

/// Faults around the process: a reader that goes away, SIGTERM in the middle of a stream, and
/// tariff roots that cannot be loaded.
@Suite struct ProcessFaultTests {
    static let root = TestSupport.path("Tariffs")

    static func request(_ id: String) -> String {
        HostileSupport.request(id: id, entries: [HostileSupport.entry(minutes: 47)])
    }

    /// A scratch directory removed when the test ends.
    final class Scratch {
        let path: String
        init(_ name: String) {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-\(name)-\(UUID().uuidString)").path
            try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit {
            // Make everything removable again (some tests take permissions away).
            _ = try? HostileSupport.shell(#"chmod -R u+rwx "$1" 2>/dev/null; rm -rf "$1""#, path)
        }
    }

    // MARK: - The reader goes away

    /// `taxa < big.jsonl | head -1`: taxa ends quietly as a Unix filter does (SIGPIPE: 141, so
    /// `set -o pipefail` sees that input went unpriced), says nothing on stderr, and head got
    /// one whole answer.
    @Test(arguments: [1, 2])
    func downstreamClosingEarly(jobs: Int) throws {
        let scratch = Scratch("head")
        let big = "\(scratch.path)/big.jsonl"
        let lines = (1...100_000).map { Self.request("r\($0)") + "\n" }.joined()
        try Data(lines.utf8).write(to: URL(fileURLWithPath: big))
        // (`timeout`: a taxa that never noticed would fail the test with 137, not hang it.)
        let script = #"timeout -s KILL 60 "$1" --tariffs "$2" --jobs "$6" < "$3" 2> "$4" | head -1 > "$5"; echo "${PIPESTATUS[0]}""#
        let result = try HostileSupport.shell(
            script, TestSupport.taxaBinary, Self.root, big,
            "\(scratch.path)/stderr", "\(scratch.path)/stdout", String(jobs))
        let status = result.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status == "141", "taxa exited \(status)")
        let stderr = try String(contentsOfFile: "\(scratch.path)/stderr", encoding: .utf8)
        #expect(stderr.isEmpty, "stderr: \(stderr.prefix(2000))")
        let head = try String(contentsOfFile: "\(scratch.path)/stdout", encoding: .utf8)
        #expect(head.hasSuffix("\n") && head.dropLast().split(separator: "\n").count == 1)
        #expect(TestSupport.json(String(head.dropLast()))["id"] as? String == "r1")
    }

    /// The reader goes away while taxa waits for input (a co-process): the next answer meets
    /// a closed pipe and taxa ends quietly, with SIGPIPE's 141.
    @Test func downstreamClosingWhileIdle() throws {
        let scratch = Scratch("idle")
        let line = Self.request("idle")
        let script =
            #"{ printf '%s\n' "$1"; sleep 0.3; printf '%s\n' "$1"; sleep 0.3; printf '%s\n' "$1"; } 2>/dev/null | timeout -s KILL 60 "$2" --tariffs "$3" 2> "$4" | head -1 > "$5"; echo "${PIPESTATUS[1]}""#
        let result = try HostileSupport.shell(
            script, line, TestSupport.taxaBinary, Self.root,
            "\(scratch.path)/stderr", "\(scratch.path)/stdout")
        let status = result.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status == "141", "taxa exited \(status)")
        #expect(try String(contentsOfFile: "\(scratch.path)/stderr", encoding: .utf8).isEmpty)
        #expect(try String(contentsOfFile: "\(scratch.path)/stdout", encoding: .utf8).split(separator: "\n").count == 1)
    }

    // MARK: - Non-blocking pipes (regression)

    static func setNonBlocking(_ fd: Int32) {
        #expect(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0)
    }

    /// A parent that made taxa's stdin non-blocking: a pause in the input is not its end.
    /// (Found by this suite: taxa took the first EAGAIN for the end of input, exited 0 and
    /// dropped every later request.)
    @Test(arguments: [1, 2])
    func nonBlockingStdinWaitsForInput(jobs: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.taxaBinary)
        process.arguments = ["--tariffs", Self.root, "--jobs", String(jobs)]
        let stdin = Pipe()
        let stdout = Pipe()
        Self.setNonBlocking(stdin.fileHandleForReading.fileDescriptor)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        for id in ["a", "b", "c"] {
            #expect(HostileSupport.writeAll(Data((Self.request(id) + "\n").utf8), to: stdin.fileHandleForWriting.fileDescriptor))
            usleep(150_000)
        }
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(HostileSupport.records(output).compactMap { $0["id"] as? String } == ["a", "b", "c"])
    }

    /// A non-blocking stdout whose reader is slow: taxa waits for it instead of dropping answers.
    /// (Found by this suite: the first EAGAIN was taken for a closed reader; taxa exited 0
    /// after a few hundred of 5 000 answers.)
    @Test(arguments: [1, 2])
    func nonBlockingStdoutLosesNothing(jobs: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.taxaBinary)
        process.arguments = ["--tariffs", Self.root, "--jobs", String(jobs)]
        let stdin = Pipe()
        let stdout = Pipe()
        Self.setNonBlocking(stdout.fileHandleForWriting.fileDescriptor)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let count = 5_000  // ≈ 2 MB of answers: far more than a pipe holds
        let input = Data((1...count).map { Self.request("n\($0)") + "\n" }.joined().utf8)
        let writer = Thread {
            HostileSupport.writeAll(input, to: stdin.fileHandleForWriting.fileDescriptor)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        usleep(500_000)  // let taxa fill the pipe and meet EAGAIN
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let ids = HostileSupport.records(output).compactMap { $0["id"] as? String }
        #expect(ids.count == count)
        #expect(ids == (1...count).map { "n\($0)" })
    }

    // MARK: - SIGTERM

    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes = Data()
        var stop = false
        func append(_ data: Data) { lock.lock(); bytes.append(data); lock.unlock() }
        var data: Data { lock.lock(); defer { lock.unlock() }; return bytes }
        var shouldStop: Bool { lock.lock(); defer { lock.unlock() }; return stop }
        func requestStop() { lock.lock(); stop = true; lock.unlock() }
    }

    /// Starts taxa and streams numbered requests into it slowly, in writes that end in the
    /// middle of a request, until told to stop; stdout is collected as it arrives.
    struct Streaming {
        let process: Process
        let output = Collected()
        let errors = Collected()
        let finished = DispatchGroup()
        let writer = Collected()

        init(jobs: Int) throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: TestSupport.taxaBinary)
            process.arguments = ["--tariffs", ProcessFaultTests.root, "--jobs", String(jobs)]
            let stdin = Pipe()
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            let (output, errors, writer, finished) = (output, errors, writer, finished)
            for (pipe, sink) in [(stdout, output), (stderr, errors)] {
                finished.enter()
                Thread {
                    let handle = pipe.fileHandleForReading
                    while true {
                        let chunk = handle.availableData
                        if chunk.isEmpty { break }
                        sink.append(chunk)
                    }
                    finished.leave()
                }.start()
            }
            finished.enter()
            Thread {
                let fd = stdin.fileHandleForWriting.fileDescriptor
                var pending = Data()
                var number = 0
                while !writer.shouldStop {
                    while pending.count < 40_000 {
                        number += 1
                        pending.append(Data((ProcessFaultTests.request("s\(number)") + "\n").utf8))
                    }
                    // 3 001 bytes at a time: almost every write ends inside a request.
                    guard HostileSupport.writeAll(pending.prefix(3_001), to: fd) else { break }
                    pending.removeFirst(Swift.min(3_001, pending.count))
                    usleep(1_000)
                }
                // End with a whole line, so that a taxa that missed the signal and reads to
                // the end answers only whole requests.
                if let newline = pending.firstIndex(of: 0x0A) {
                    HostileSupport.writeAll(pending[...newline], to: fd)
                }
                try? stdin.fileHandleForWriting.close()
                finished.leave()
            }.start()
        }

        /// Waits until taxa has answered at least `lines` requests (or 30 s have passed).
        func waitForAnswers(_ lines: Int) {
            let deadline = Date().addingTimeInterval(30)
            while output.data.count(where: { $0 == 0x0A }) < lines && Date() < deadline { usleep(5_000) }
        }

        /// Stops writing once taxa has ended (or after `seconds`, when it ignored the signal).
        func finish(within seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) {
            ProcessFaultTests.waitForExit(process, within: seconds, sourceLocation: sourceLocation)
            writer.requestStop()
            process.waitUntilExit()
            finished.wait()
        }
    }

    /// SIGTERM in the middle of a stream: taxa stops between lines with exit 143, and stdout
    /// holds only whole answers, in order, for a prefix of the requests.
    /// Waits up to `seconds` for `process` to end; if it is still running, that is a failure
    /// and it is killed (it is ours), so that a missed signal fails the test instead of hanging it.
    static func waitForExit(_ process: Process, within seconds: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            Issue.record("taxa still runs \(seconds) s after SIGTERM", sourceLocation: sourceLocation)
            kill(process.processIdentifier, SIGKILL)
        }
    }

    @Test(arguments: [1, 2])
    func sigtermMidStreamLeavesNoHalfLine(jobs: Int) throws {
        let stream = try Streaming(jobs: jobs)
        stream.waitForAnswers(500)
        kill(stream.process.processIdentifier, SIGTERM)
        stream.finish()
        #expect(stream.process.terminationReason == .exit)
        #expect(stream.process.terminationStatus == 128 + SIGTERM)
        let stdout = stream.output.data
        let stderr = String(decoding: stream.errors.data, as: UTF8.self)
        #expect(stderr.isEmpty, "stderr: \(stderr.prefix(2000))")
        #expect(stdout.last == 0x0A, "stdout ends in half a line: …\(String(decoding: stdout.suffix(200), as: UTF8.self))")
        let records = HostileSupport.records(stdout)
        #expect(records.count >= 500)
        for (index, record) in records.enumerated() {
            #expect(record["id"] as? String == "s\(index + 1)" && record["total"] as? String == "1201.00", "answer \(index + 1): \(record)")
        }
    }

    /// SIGTERM while taxa waits for input: it ends at once with exit 143 after every answer.
    @Test func sigtermWhileIdle() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.taxaBinary)
        process.arguments = ["--tariffs", Self.root]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        HostileSupport.writeAll(Data((Self.request("a") + "\n" + Self.request("b") + "\n").utf8), to: stdin.fileHandleForWriting.fileDescriptor)
        var received = Data()
        while received.count(where: { $0 == 0x0A }) < 2 {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        kill(process.processIdentifier, SIGTERM)
        Self.waitForExit(process, within: 20)
        received.append(stdout.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        try? stdin.fileHandleForWriting.close()
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + SIGTERM)
        #expect(HostileSupport.records(received).compactMap { $0["id"] as? String } == ["a", "b"])
    }

    // MARK: - Tariff roots that cannot be loaded

    /// Runs taxa on `root` with a request waiting on stdin; it must refuse to start (exit 2),
    /// price nothing, and name `file` (a path under the root, or the root) in its message.
    static func expectStartupError(
        root: String, naming file: String, message: String, dropPrivileges: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var arguments = ["--tariffs", root]
        var executable = TestSupport.taxaBinary
        if dropPrivileges && geteuid() == 0 {
            // root reads any file; without these two capabilities it obeys the permission bits.
            arguments = ["--bounding-set=-dac_override,-dac_read_search", executable] + arguments
            executable = "/usr/bin/setpriv"
            #expect(
                FileManager.default.isExecutableFile(atPath: executable),
                "running as root needs setpriv (util-linux) to test unreadable files", sourceLocation: sourceLocation)
        }
        let run = try HostileSupport.runTaxaBytes(arguments, input: Data((request("waiting") + "\n").utf8), executable: executable)
        #expect(run.status == 2, "exit \(run.status); stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, "priced with a broken tariff root", sourceLocation: sourceLocation)
        #expect(
            run.stderr.hasPrefix("taxa: the tariff set in \(root) is invalid; nothing was priced:\n"), "\(run.stderr)",
            sourceLocation: sourceLocation)
        #expect(run.stderr.contains("  \(file): \(message)"), "expected “\(file): \(message)” in: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"), sourceLocation: sourceLocation)
    }

    static func copyOfTariffs(_ scratch: Scratch) throws -> String {
        let copy = "\(scratch.path)/Tariffs"
        try FileManager.default.copyItem(atPath: root, toPath: copy)
        return copy
    }

    static let version = "oxelosund/laff/2024-02-01.json"

    @Test func missingRoot() throws {
        let scratch = Scratch("missing")
        let missing = "\(scratch.path)/no-such-folder"
        // Regression: the root used to be named twice ("R/R: cannot read the tariff root").
        try Self.expectStartupError(root: missing, naming: missing, message: "cannot read the tariff root: No such file or directory")
    }

    @Test func rootIsAFile() throws {
        let scratch = Scratch("file-root")
        let file = "\(scratch.path)/tariffs.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: file))
        try Self.expectStartupError(root: file, naming: file, message: "the tariff root is not a directory")
    }

    @Test func rootIsASymlinkLoop() throws {
        let scratch = Scratch("root-loop")
        let a = "\(scratch.path)/a"
        let b = "\(scratch.path)/b"
        try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: b)
        try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: a)
        try Self.expectStartupError(root: a, naming: a, message: "cannot read the tariff root: Too many levels of symbolic links")
    }

    /// A file or folder of the tariff root that cannot be read stops start-up, naming it.
    @Test(arguments: [
        (version, "cannot read the file: Permission denied"),
        ("indices/pkv.json", "cannot read the file: Permission denied"),
        ("oxelosund", "cannot read the folder: Permission denied"),
    ])
    func unreadablePart(_ part: String, _ message: String) throws {
        let scratch = Scratch("unreadable")
        let copy = try Self.copyOfTariffs(scratch)
        #expect(chmod("\(copy)/\(part)", 0) == 0)
        try Self.expectStartupError(root: copy, naming: "\(copy)/\(part)", message: message, dropPrivileges: true)
    }

    @Test(arguments: [version, "indices/pkv.json"])
    func fileCutOffMidJSON(_ file: String) throws {
        let scratch = Scratch("cut")
        let copy = try Self.copyOfTariffs(scratch)
        let path = "\(copy)/\(file)"
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        try Self.expectStartupError(root: copy, naming: path, message: "not valid JSON at line")
        try Data().write(to: URL(fileURLWithPath: path))  // and cut off before the first byte
        try Self.expectStartupError(root: copy, naming: path, message: "not valid JSON at line")
    }

    /// A version file that is a symlink loop or points nowhere stops start-up, naming it.
    @Test(arguments: [
        ("2025-01-01.json", "cannot read: Too many levels of symbolic links"),
        ("gone.json", "cannot read: No such file or directory"),
    ])
    func versionFileThatIsABadSymlink(_ target: String, _ message: String) throws {
        let scratch = Scratch("bad-link")
        let copy = try Self.copyOfTariffs(scratch)
        let link = "\(copy)/oxelosund/laff/2025-01-01.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try Self.expectStartupError(root: copy, naming: link, message: message)
    }

    @Test func folderThatLinksBackUp() throws {
        let scratch = Scratch("folder-loop")
        let copy = try Self.copyOfTariffs(scratch)
        try FileManager.default.createSymbolicLink(atPath: "\(copy)/oxelosund/laff/again", withDestinationPath: "..")
        try Self.expectStartupError(
            root: copy, naming: "\(copy)/oxelosund/laff/again",
            message: "a folder that links back to one already read (symbolic link loop)")
    }

    /// `taxa check` names a missing root once, too.
    @Test func checkNamesAMissingRootOnce() throws {
        let scratch = Scratch("check-missing")
        let missing = "\(scratch.path)/no-such-folder"
        let run = try TestSupport.runTaxa(["check", "--tariffs", missing])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("\(missing): cannot read the tariff root: No such file or directory\n"), "\(run.stdout)")
    }
}
