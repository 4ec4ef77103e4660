import ArgumentParser
import TaxaCore

/// `taxa index add`: the office's yearly step of recording SKR's published index value.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Maintain index series (e.g. PKV).",
        subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one index value as published; the file is rewritten atomically and stays sorted.")

        @Argument(help: "The series, e.g. PKV.")
        var series: String

        @Option(help: "The year the value applies to, e.g. 2025.")
        var year: Int

        @Option(help: "The percentage as published, e.g. 2.9.")
        var percent: String

        @Option(help: ArgumentHelp("The publication date.", valueName: "YYYY-MM-DD"))
        var published: String

        @Option(help: "Where the value was published (title, address) — cite it.")
        var source: String?

        @Option(help: "The publication's title (default: \"<series> <month> <year>\").")
        var title: String?

        @Flag(help: "Replace a different value already recorded for this publication and year.")
        var replace = false

        @OptionGroup var options: TariffOptions

        func run() throws {
            guard let date = CivilDate.parse(published) else {
                printError("taxa index add: --published must be a date as YYYY-MM-DD, got \"\(published)\"")
                throw ExitCode(1)
            }
            do {
                let outcome = try IndexEditor.add(root: options.root, series: series, year: year, percent: percent,
                                                  published: date, title: title, source: source, replace: replace)
                switch outcome {
                case .added: print("recorded \(series) \(percent) % for \(year), published \(date)")
                case .replaced(let previous): print("replaced \(series) \(previous) % with \(percent) % for \(year), published \(date)")
                case .unchanged: print("already recorded: \(series) \(percent) % for \(year), published \(date)")
                }
            } catch {
                printError("taxa index add: \(error.message)")
                throw ExitCode(1)
            }
            // Show what the office just changed does to the set as a whole.
            let report = TariffLoader.load(root: options.root)
            for diagnostic in report.diagnostics where diagnostic.severity == .error { printError("\(options.root)/\(diagnostic)") }
        }
    }
}
