import ArgumentParser
import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaOffice
import TaxaService

/// `taxa rates TARIFF`: the hourly rate per fee year and how it was derived.
struct RatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates",
        abstract: "Show, per fee year, what every fee of a tariff charges and how it is derived (hourly rates, prisbasbelopp-derived amounts, caps, VAT).")

    @Argument(help: "The tariff id, as its folder under the tariff root (<municipality>/<tariff>).")
    var tariff: String

    @Option(help: "First fee year (default: the first version's year).", transform: OptionValue.year)
    var from: Int?

    @Option(help: "Last fee year (default: next year; $TAXA_TODAY's if set).", transform: OptionValue.year)
    var to: Int?

    @Option(
        name: .customLong("as-of"), help: ArgumentHelp("Use only versions decided and index values published on or before this day.", valueName: "YYYY-MM-DD"),
        transform: OptionValue.date)
    var asOf: CivilDate?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var options: TariffOptions

    @OptionGroup var clock: Clock

    func validate() throws {
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    func run() throws {
        let set = try loadOrExit(options.root)
        guard let tariff = set.tariffs[tariff] else {
            printError("taxa rates: no tariff \"\(tariff)\"; known: \(set.tariffs.keys.sorted().joined(separator: ", "))")
            throw ExitCode(1)
        }
        let cutoff = asOf
        let thisYear = try clock.today().year
        let first = from ?? tariff.versions.first?.validFrom.year ?? thisYear
        let last = to ?? max(thisYear + 1, first)
        guard first <= last else {
            // Only --to before the first version's year (the default --from) meets this.
            printError("taxa rates: \(tariff.id) has no version before \(first); --to \(last) asks for no year of it")
            throw ExitCode(1)
        }
        let failed: Bool
        if tariff.versions.last?.rules.kind == .hourly {
            let rows = RateTable.rows(tariff, years: first...last, indices: set.indices, asOf: cutoff)
            try printOutput(json ? RateReport.json(tariff, rows: rows) : RateReport.text(tariff, rows: rows))
            // No version in force in the years asked for is nothing computed, not success.
            failed = rows.isEmpty || rows.contains { if case .failure = $0.result { true } else { false } }
        } else {
            let rows = FeeRateTable.rows(tariff, years: first...last, indices: set.indices, asOf: cutoff)
            try printOutput(json ? FeeRateReport.json(tariff, rows: rows) : FeeRateReport.text(tariff, rows: rows))
            failed = rows.isEmpty || rows.contains { !$0.failures.isEmpty }
        }
        if let cutoff {
            for hidden in tariff.versions(decidedAfter: cutoff) {
                printError("taxa rates: version \(hidden.name) (decided \(hidden.decided)) is not counted: it was decided after --as-of \(cutoff)")
            }
        }
        // A year the office asked for by name that cannot be computed is a failure.
        if failed && (from != nil || to != nil) {
            printError("taxa rates: some of the years asked for cannot be computed (see above)")
            throw ExitCode(1)
        }
    }
}
