import ArgumentParser
import TaxaCore

/// `taxa check`: validates every tariff and index file the way the service does at start-up,
/// printing every problem as `FILE: JSON.PATH: message`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every tariff and index file; exit 1 on any error.")

    @OptionGroup var options: TariffOptions

    func run() throws {
        let report = TariffLoader.load(root: options.root)
        for diagnostic in report.diagnostics { print(diagnostic.located(under: options.root)) }
        if report.tariffSet == nil {
            print("\(report.errors.count) error(s), \(report.warnings.count) warning(s)")
            throw ExitCode(1)
        }
        let set = report.tariffSet!
        let foreseen = Foresight.warnings(set, throughYear: RateTable.currentYear() + 1)
        for warning in foreseen { print("\(options.root)/\(warning)") }
        for tariff in set.tariffs.values.sorted(by: { $0.id < $1.id }) {
            print("ok: \(tariff.id): \(tariff.versions.count) version(s): \(tariff.versions.map(\.file).joined(separator: ", "))")
        }
        for series in set.indices.values.sorted(by: { $0.id < $1.id }) {
            print("ok: index \(series.id): \(series.publications.count) publication(s)")
        }
        print("0 errors, \(report.warnings.count + foreseen.count) warning(s)")
    }
}
