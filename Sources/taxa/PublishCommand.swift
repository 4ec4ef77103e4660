import ArgumentParser
import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaOffice
import TaxaService

/// `taxa publish`: the year's fees of every tariff as a static Swedish web site (or one JSON
/// document), computed from the tariff files so the published amounts are the billed ones.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the year's fees of every tariff as a static Swedish web site (index and one page per tariff), or as one JSON document.")

    @Option(help: "The fee year (default: the current year, $TAXA_TODAY's if set).", transform: OptionValue.year)
    var year: Int?

    @Option(help: ArgumentHelp("Write the site into this folder (created if missing).", valueName: "dir"))
    var out: String?

    @Option(
        name: .customLong("as-of"), help: ArgumentHelp("Use only versions decided and index values published on or before this day.", valueName: "YYYY-MM-DD"),
        transform: OptionValue.date)
    var asOf: CivilDate?

    @Flag(help: "Print the same content as one JSON document on stdout.")
    var json = false

    @OptionGroup var options: TariffOptions

    @OptionGroup var clock: Clock

    func validate() throws {
        guard out != nil || json else { throw ValidationError("give --out DIR for the web site, --json for the JSON document, or both") }
    }

    func run() throws {
        let cutoff = asOf
        let feeYear = try year ?? clock.today().year
        // In the autumn the office publishes next year's fees: say which year it got.
        if year == nil { printError("taxa publish: no --year: publishing \(feeYear), the current year (--year \(feeYear + 1) for next year's fees)") }
        let set = try loadOrExit(options.root)
        let site: PublishedSite
        switch PublishBuilder.build(set, year: feeYear, asOf: cutoff) {
        case .success(let built): site = built
        case .failure(let failure):
            printError("taxa publish: cannot publish \(feeYear): some amounts cannot be computed; nothing was written:")
            for problem in failure.problems { printError("  \(problem)") }
            throw ExitCode(1)
        }
        let generator = "taxa \(TaxaCommand.version)"
        if let out {
            let pages = PublishSite.pages(site, generator: generator)
            let stale: [String]
            do { stale = try PublishSite.write(pages, to: out) } catch {
                printError("taxa publish: \(error.message)")
                throw ExitCode(1)
            }
            var report = ""
            for page in pages { report += "\(out)/\(page.path)  \(page.bytes.count) bytes\n" }
            report += "\(pages.count) pages, \(pages.reduce(0) { $0 + $1.bytes.count }) bytes, fee year \(feeYear)\n"
            if json { printError(String(report.dropLast())) } else { try printOutput(report) }
            for file in stale { printError("taxa publish: \(out)/\(file) is not part of this site (left as it was); remove it if it is an old page") }
        }
        if json {
            try printOutput(String(decoding: PublishSite.json(site, generator: generator), as: UTF8.self))
        }
    }
}
