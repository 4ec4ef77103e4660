import ArgumentParser
import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaOffice
import TaxaService

/// `taxa run` (also plain `taxa`): JSON Lines requests on stdin, one result line each on stdout.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Price JSON Lines requests from stdin; one JSON result per line on stdout.")

    @OptionGroup var options: TariffOptions

    @Option(help: "Price with this many workers; answers stay in input order.")
    var jobs: Int = 1

    @Flag(
        name: .customLong("answer-blank"),
        help: "Answer a blank or whitespace-only line with an error record (code empty_line) instead of skipping it.")
    var answerBlank = false

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 64") }
    }

    func run() throws {
        let tariffs = try loadOrExit(options.root)
        let status = StreamService.run(tariffs: tariffs, jobs: jobs, answerBlank: answerBlank)
        if status != 0 { throw ExitCode(status) }
    }
}

/// Loads and validates the tariff root, or prints every error and exits 2: the service's
/// start-up, shared by every command that prices (`taxa run`, `taxa rates`). A SIGTERM or
/// SIGINT that came while it loaded ends the run here (143, 130), before anything is read.
func loadOrExit(_ root: String) throws -> TariffSet {
    let report = TariffLoader.load(root: root)
    for notice in report.ignoredNotices(under: root) { printError(notice) }
    if StopSignal.requested { throw ExitCode(StopSignal.exitStatus) }
    guard let set = report.tariffSet else {
        printError("taxa: the tariff set in \(root) is invalid; nothing was priced:")
        for diagnostic in report.errors { printError("  \(diagnostic.located(under: root))") }
        throw ExitCode(2)
    }
    return set
}

/// Writes a command's report to stdout; a write that fails ends the command with its status
/// (see `StandardStreams.write`).
func printOutput(_ text: String) throws {
    if let status = StandardStreams.write(text) { throw ExitCode(status) }
}

func printError(_ text: String) {
    var stderr = StandardError()
    print(text, to: &stderr)
}
