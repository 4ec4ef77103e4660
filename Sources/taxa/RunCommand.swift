import ArgumentParser
import TaxaCore

/// `taxa run` (also plain `taxa`): JSON Lines requests on stdin, one result line each on stdout.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Price JSON Lines requests from stdin; one JSON result per line on stdout.")

    @OptionGroup var options: TariffOptions

    func run() throws {
        let report = TariffLoader.load(root: options.root)
        guard let tariffs = report.tariffSet else {
            printError("taxa: the tariff set in \(options.root) is invalid; nothing was priced:")
            for diagnostic in report.errors { printError("  \(options.root)/\(diagnostic)") }
            throw ExitCode(2)
        }
        let status = StreamService.run(tariffs: tariffs)
        if status != 0 { throw ExitCode(status) }
    }
}

func printError(_ text: String) {
    var stderr = StandardError()
    print(text, to: &stderr)
}
