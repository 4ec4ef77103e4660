import ArgumentParser
import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaOffice
import TaxaService

/// `taxa impact`: what a proposed tariff root does to real requests, priced exactly as the
/// service would price them under the tariffs in force and under the proposal.
struct ImpactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Price JSON Lines requests from stdin with the tariffs in force and with a proposal; one line per request with the change.",
        discussion: """
            Each output line is {"id", "tariff", "before", "after", "change", "change_percent"} with \
            money as decimal strings, and "before_error" / "after_error" with the error code when a \
            side does not price the request; in input order. --summary FILE writes the totals per \
            tariff and per fee, the spread of the changes and the largest increases, as Markdown \
            (or as an HTML page with a histogram when FILE ends in .html).
            """)

    @Option(help: ArgumentHelp("The proposed tariff root: the tariffs as they would be after the decision.", valueName: "dir"))
    var proposal: String

    @Option(help: ArgumentHelp("Write a summary to this file (Markdown; HTML with a histogram if it ends in .html).", valueName: "file"))
    var summary: String?

    @OptionGroup var options: TariffOptions

    func run() throws {
        let before = try loadOrExit(options.root)
        let after = try loadProposal()
        let totals = ImpactSummary()
        if let status = ImpactRun.run(before: before, after: after, into: totals) {
            if status != StandardStreams.brokenPipeStatus {
                printError("taxa impact: not every request was read and answered; no summary written")
            }
            throw ExitCode(status)
        }
        guard let summary else { return }
        let names = ImpactReport.Names(before: before, after: after)
        let roots = (before: options.root, after: proposal)
        let text =
            summary.lowercased().hasSuffix(".html")
            ? ImpactReport.html(totals, names: names, roots: roots) : ImpactReport.markdown(totals, names: names, roots: roots)
        do { try ReportFile.write(text, to: summary) } catch {
            printError("taxa impact: cannot write the summary \(summary): \(error.message)")
            throw ExitCode(1)
        }
    }

    /// The proposal loaded as the service would load it; one that does not load is a bad
    /// argument (exit 2), named as the proposal.
    private func loadProposal() throws -> TariffSet {
        let report = TariffLoader.load(root: proposal)
        guard let set = report.tariffSet else {
            printError("taxa impact: the proposal in \(proposal) is invalid; nothing was priced:")
            for diagnostic in report.errors { printError("  \(diagnostic.located(under: proposal))") }
            throw ExitCode(2)
        }
        return set
    }
}
