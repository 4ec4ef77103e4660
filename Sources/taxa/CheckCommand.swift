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
        for diagnostic in report.diagnostics { print("\(options.root)/\(diagnostic)") }
        if report.tariffSet == nil {
            print("\(report.errors.count) error(s), \(report.warnings.count) warning(s)")
            throw ExitCode(1)
        }
        let tariffs = report.tariffSet!.tariffs.values.sorted { $0.id < $1.id }
        for tariff in tariffs {
            print("ok: \(tariff.id): \(tariff.versions.count) version(s), from \(tariff.versions.map(\.name).joined(separator: ", "))")
        }
        print("0 errors, \(report.warnings.count) warning(s)")
    }
}
