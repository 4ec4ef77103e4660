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

/// Nothing lost, nothing silent: a failed write or read of the standard streams, a closed one,
/// a signal while the tariff root loads, and what `--version` says. Each case runs the built
/// taxa as a user would (through bash for the redirections) and checks its exit status and
/// its one stderr line (docs/contract.md, "Exit status").
@Suite struct StreamFailureTests {
    static let root = TestSupport.path("Tariffs")
    static let requests = TestSupport.path("Fixtures/sample-requests.jsonl")

    struct Outcome {
        var status: String
        var stdout: String
        var stderr: String
    }

    /// Runs `redirections` (bash, e.g. `> /dev/full`) around taxa with `arguments` and returns
    /// its exit status as bash saw it, its stdout (if not redirected) and its stderr. taxa is
    /// killed after 20 s, so a hang fails (137) instead of stopping the suite.
    static func run(_ arguments: [String], _ redirections: String, input: String = "/dev/null") throws -> Outcome {
        let scratch = ProcessFaultTests.Scratch("stream")
        let out = "\(scratch.path)/stdout"
        let err = "\(scratch.path)/stderr"
        let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
        let script = #"exec 3>"$3" 4>"$4"; timeout -s KILL 20 "$1" \#(quoted) < "$2" >&3 2>&4 \#(redirections); echo $?"#
        let status = try HostileSupport.shell(script, TestSupport.taxaBinary, input, out, err)
        return Outcome(
            status: status.trimmingCharacters(in: .whitespacesAndNewlines),
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    static let writeFailed = "taxa: writing the output failed: No space left on device\n"

    /// Every command's stdout on a full device: exit 74 and one line saying so, never exit 0.
    /// (Found by the issue: the service exited 0 with 2 257 of 20 000 answers on a full tmpfs.)
    @Test(arguments: [
        (["--tariffs", root], requests, "taxa: writing the answers failed: No space left on device\n"),
        (["--tariffs", root, "--jobs", "2"], requests, "taxa: writing the answers failed: No space left on device\n"),
        (["check", "--tariffs", root], "/dev/null", writeFailed),
        (["check", "--json", "--tariffs", root], "/dev/null", writeFailed),
        (["rates", "oxelosund/laff", "--tariffs", root], "/dev/null", writeFailed),
        (
            ["index", "add", "PKV", "--year", "2025", "--percent", "2.9", "--published", "2024-10-15", "--dry-run", "--tariffs", root],
            "/dev/null", writeFailed
        ),
        (["--help"], "/dev/null", writeFailed),
        (["check", "--help"], "/dev/null", writeFailed),
        (["--version"], "/dev/null", writeFailed),
        (["schema", "--list", "--tariffs", root], "/dev/null", writeFailed),
        (["schema", "oxelosund/laff", "--all", "--tariffs", root], "/dev/null", writeFailed),
        (["publish", "--json", "--year", "2024", "--tariffs", root], "/dev/null", writeFailed),
        (
            ["impact", "--proposal", root, "--tariffs", root], requests,
            "taxa: writing the impact lines failed: No space left on device\ntaxa impact: not every request was read and answered; no summary written\n"
        ),
    ])
    func writeToAFullDevice(_ arguments: [String], _ input: String, _ message: String) throws {
        let outcome = try Self.run(arguments, "3>&- >/dev/full", input: input)
        #expect(outcome.status == "74", "\(arguments): exit \(outcome.status)")
        #expect(outcome.stderr == message, "\(arguments): \(outcome.stderr)")
    }

    /// A read of stdin that fails (a directory: EISDIR) is not the end of input.
    @Test(arguments: [1, 2])
    func unreadableInput(jobs: Int) throws {
        let outcome = try Self.run(["--tariffs", Self.root, "--jobs", String(jobs)], "", input: "/")
        #expect(outcome.status == "74")
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "taxa: reading the requests failed: Is a directory\n")
    }

    /// A closed standard descriptor is refused at once, naming it; nothing is priced. (Found by
    /// the issue: with stdin closed, the signal pipe became descriptor 0 and taxa waited on it
    /// for ever.)
    @Test(arguments: [
        ("<&-", "standard input (descriptor 0)"),
        ("3>&- >&-", "standard output (descriptor 1)"),
    ])
    func closedDescriptor(_ redirection: String, _ name: String) throws {
        let outcome = try Self.run(["--tariffs", Self.root], redirection, input: Self.requests)
        #expect(outcome.status == "74")
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("taxa: the \(name) is closed; "), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
    }

    /// With stderr closed there is nowhere to say why: the exit status says it.
    @Test func closedStandardError() throws {
        let outcome = try Self.run(["--tariffs", Self.root], "4>&- 2>&-", input: Self.requests)
        #expect(outcome.status == "74")
        #expect(outcome.stdout.isEmpty)
    }

    // MARK: - Signals while the tariff root loads

    /// A tariff root large enough that loading it takes a while: the shipped one plus `copies`
    /// more municipalities with the same tariffs.
    static func largeRoot(_ scratch: ProcessFaultTests.Scratch, copies: Int) throws -> String {
        let copy = try ProcessFaultTests.copyOfTariffs(scratch)
        let fm = FileManager.default
        let shipped = "\(root)/oxelosund"
        for number in 1...copies {
            for tariff in try fm.contentsOfDirectory(atPath: shipped) {
                let folder = "\(copy)/kommun\(number)/\(tariff)"
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for file in try fm.contentsOfDirectory(atPath: "\(shipped)/\(tariff)") {
                    let text = try String(contentsOfFile: "\(shipped)/\(tariff)/\(file)", encoding: .utf8)
                    let renamed = text.replacingOccurrences(of: "\"oxelosund/\(tariff)\"", with: "\"kommun\(number)/\(tariff)\"")
                    try renamed.write(toFile: "\(folder)/\(file)", atomically: false, encoding: .utf8)
                }
            }
        }
        return copy
    }

    /// Waits until `pid` has a file or folder under `root` open, i.e. is loading the tariff
    /// root (or fails after 60 s).
    static func waitUntilLoading(_ pid: Int32, root: String) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        let fds = "/proc/\(pid)/fd"
        while Date() < deadline {
            for fd in (try? FileManager.default.contentsOfDirectory(atPath: fds)) ?? [] {
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fds)/\(fd)"), target.hasPrefix(root) {
                    return true
                }
            }
            usleep(100)
        }
        return false
    }

    /// Starts taxa on a large root with one request waiting on stdin, sends `signal` while the
    /// root is loading, and returns how it ended, its stdout and its stderr.
    ///
    /// taxa is started with posix_spawn and every signal unblocked and at its default action, as
    /// a shell or a service manager starts it: `Process` passes on the test runner's thread's
    /// mask, in which these signals can be blocked, and a blocked signal would only wait until
    /// taxa unblocks it (so even a taxa that installed its handlers late would pass).
    static func signalWhileLoading(_ signal: Int32) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = ProcessFaultTests.Scratch("loading")
        let large = try largeRoot(scratch, copies: 150)
        var pipes: [[Int32]] = []
        for _ in 0..<3 {
            var ends: [Int32] = [-1, -1]
            #expect(pipe(&ends) == 0)
            pipes.append(ends)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes[0][0], 0)
        posix_spawn_file_actions_adddup2(&actions, pipes[1][1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipes[2][1], 2)
        for ends in pipes { for end in ends { posix_spawn_file_actions_addclose(&actions, end) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var stops = sigset_t()
        sigemptyset(&stops)
        for stop in [SIGHUP, SIGTERM, SIGINT, SIGPIPE] { sigaddset(&stops, stop) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &stops)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = [TestSupport.taxaBinary, "--tariffs", large]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, TestSupport.taxaBinary, &actions, &attributes, argv, environ)
        #expect(spawned == 0)
        close(pipes[0][0])
        close(pipes[1][1])
        close(pipes[2][1])
        let loading = waitUntilLoading(pid, root: URL(fileURLWithPath: large).resolvingSymlinksInPath().path)
        #expect(loading, "never saw taxa read the tariff root")
        kill(pid, signal)
        HostileSupport.writeAll(Data((ProcessFaultTests.request("after") + "\n").utf8), to: pipes[0][1])
        close(pipes[0][1])
        let errors = TestSupport.ErrorCollector()
        let stderr = pipes[2][0]
        Thread {
            errors.data = FileHandle(fileDescriptor: stderr, closeOnDealloc: true).readDataToEndOfFile()
            errors.done.signal()
        }.start()
        let output = FileHandle(fileDescriptor: pipes[1][0], closeOnDealloc: true).readDataToEndOfFile()
        errors.done.wait()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status, String(decoding: output, as: UTF8.self), String(decoding: errors.data, as: UTF8.self))
    }

    /// A wait status as a shell shows it: the exit status, or 128 + the signal that ended it.
    static func shellStatus(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
    }

    /// SIGHUP before the set has loaded means "load the newest": taxa is not killed (it was,
    /// 5 times of 5), reloads once loaded, and answers.
    @Test func hangupWhileLoading() throws {
        let run = try Self.signalWhileLoading(SIGHUP)
        #expect(Self.shellStatus(run.status) == 0, "taxa ended with \(Self.shellStatus(run.status)): \(run.stderr)")
        #expect(run.stderr.hasPrefix("taxa: SIGHUP: reloaded the tariff set in "), "\(run.stderr)")
        #expect(TestSupport.json(String(run.stdout.dropLast()))["total"] as? String == "1201.00", "\(run.stdout)")
    }

    /// SIGTERM or SIGINT before the set has loaded: 143 or 130, quietly, nothing priced.
    @Test(arguments: [SIGTERM, SIGINT])
    func stopWhileLoading(_ signal: Int32) throws {
        let run = try Self.signalWhileLoading(signal)
        // Exited with 128 + the signal (status & 0x7f == 0), not killed by it.
        #expect(run.status & 0x7f == 0 && Self.shellStatus(run.status) == 128 + signal, "wait status \(run.status)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    // MARK: - --version

    /// `taxa --version` names the commit it was built from (the checkout's HEAD, as `swift
    /// test` builds it) and the package version scripts/package gives it.
    @Test func versionNamesTheCommit() throws {
        let version = try TestSupport.runTaxa(["--version"])
        #expect(version.status == 0)
        let commit = try HostileSupport.shell(
            #"git -C "$1" rev-parse --short=7 HEAD 2>/dev/null || echo unknown"#, TestSupport.packageRoot.path
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        if commit == "unknown" {
            #expect(version.stdout == "0.1.0 (built outside a git checkout: commit unknown)\n")
        } else {
            let package = try HostileSupport.shell(#"bash "$1/scripts/version""#, TestSupport.packageRoot.path)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(version.stdout.hasPrefix("0.1.0 (commit \(commit) of "), "\(version.stdout)")
            #expect(version.stdout.hasSuffix("; package \(package))\n"), "\(version.stdout)")
            #expect(package.hasSuffix(".\(commit)"))
        }
    }
}
