import ArgumentParser
import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaOffice
import TaxaService

/// `taxa check`: validates every tariff and index file the way the service does at start-up,
/// printing every problem as `FILE: JSON.PATH: message`, and warns about what it can foresee.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every tariff and index file; exit 1 on any error. Warnings foresee problems from today ($TAXA_TODAY).")

    @Flag(help: "Print the findings as one JSON object instead of text.")
    var json = false

    @OptionGroup var options: TariffOptions

    @OptionGroup var clock: Clock

    func run() throws {
        let report = CheckReport(root: options.root, today: try clock.today())
        try printOutput(json ? report.json : report.text)
        if report.errorCount > 0 { throw ExitCode(1) }
    }
}
