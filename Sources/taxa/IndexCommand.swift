import ArgumentParser
import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaOffice
import TaxaService

/// `taxa index add`: the office's yearly step of recording a published index value.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Maintain index series (e.g. PKV, PBB).",
        subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one index value as published; the file is rewritten atomically under a lock and stays sorted.",
            discussion: """
                The value is judged first (from today: $TAXA_TODAY, else the calendar): one that is certainly \
                wrong is refused (a year more than 5 years after its publication, or for a percent series \
                more than 5 before it; a publication more than a year ahead; a value with which the tariff \
                set would not load); one it doubts (a percent series beyond ±10 %, exactly 0 %, or more \
                than 5 points from the year before; an amount more than 20 % above or below the year \
                before, or for a year more than 5 before its publication; another value for the year in \
                a publication read in this one's place) is recorded only with --confirm; one no \
                tariff reads, a publication after today or no --source is recorded with a warning on stderr. \
                Exit 0 recorded (or already recorded), 1 refused, 64 a wrong command line.
                """)

        @Argument(help: "The series, e.g. PKV or PBB.")
        var series: String

        @Option(help: "The year the value applies to, e.g. 2025.", transform: OptionValue.year)
        var year: Int

        // `.unconditional`: a negative change such as -0.5 is the value, not an option.
        @Option(
            parsing: .unconditional, help: "For a percent series: the percentage as published, e.g. 2.9 or -0.5.",
            transform: OptionValue.percent)
        var percent: ScaledDecimal?

        @Option(
            parsing: .unconditional, help: "For an amount series: the amount in kronor as published, e.g. 57300.",
            transform: OptionValue.amount)
        var amount: ScaledDecimal?

        @Option(help: ArgumentHelp("The publication date.", valueName: "YYYY-MM-DD"), transform: OptionValue.date)
        var published: CivilDate

        @Option(help: "Where the value was published (title, address) — cite it.")
        var source: String?

        @Option(help: "The publication's title (default: \"PKV oktober 2026\" for a percent series, \"<name> <year>\" for an amount series).")
        var title: String?

        @Flag(help: "Replace a different value, title or source already recorded for this publication.")
        var replace = false

        @Flag(help: "Record a value taxa doubts (an unusual jump from the year before), after checking it again.")
        var confirm = false

        @Flag(help: "Print the change to the file as a diff and write nothing.")
        var dryRun = false

        @OptionGroup var options: TariffOptions

        @OptionGroup var clock: Clock

        func validate() throws {
            if percent != nil && amount != nil { throw ValidationError("give the value with either --percent or --amount, not both") }
        }

        func run() throws {
            let date = published
            let value = percent.map { (value: $0, unit: IndexUnit.percent) } ?? amount.map { (value: $0, unit: IndexUnit.amount) }
            let entry = IndexEditor.Entry(
                series: series, year: year, value: value, published: date,
                title: title, source: source, replace: replace, today: try clock.today(), confirm: confirm)
            let change: IndexEditor.Change
            do {
                change = dryRun ? try IndexEditor.prepare(root: options.root, entry) : try IndexEditor.add(root: options.root, entry)
            } catch {
                // Each finding of a refusal names the command, as a log reader filtering by it
                // expects; indented lines continue the finding above them.
                for line in error.message.split(separator: "\n", omittingEmptySubsequences: false) {
                    printError(line.hasPrefix(" ") ? String(line) : "taxa index add: \(line)")
                }
                throw ExitCode(1)
            }
            for path in change.removedTemporaries {
                printError("taxa index add: removed \(path), left by a taxa index add that did not finish")
            }
            let symbol = change.unit == .percent ? "%" : "kr"
            let shown = "\(series) \(change.value.asWritten) \(symbol) for \(year), published \(date)"
            func verb(_ present: String, _ past: String) -> String { dryRun ? "would \(present)" : past }
            var text: String
            switch change.outcome {
            case .added: text = "\(verb("record", "recorded")) \(shown)\n"
            case .replaced(let previous):
                text =
                    "\(verb("replace", "replaced")) \(series) \(previous.asWritten) \(symbol) with \(change.value.asWritten) \(symbol) for \(year), published \(date)\n"
            case .unchanged: text = "already recorded: \(shown)\n"
            }
            if !change.replacedCitation.isEmpty {
                text += "\(verb("replace", "replaced")) the publication's \(change.replacedCitation.joined(separator: " and "))\n"
            }
            if dryRun {
                text += change.changesFile ? change.diff + "dry run: \(change.relative) not written\n" : "dry run: \(change.relative) unchanged\n"
                try printOutput(text)
                for warning in change.warnings { printError("taxa index add: \(warning)") }
                return
            }
            // Without --dry-run the file is written: a failed write of this report loses only
            // the report (its status says so), and the set's errors still go to stderr.
            let written = Result { try printOutput(text) }
            for warning in change.warnings { printError("taxa index add: \(warning)") }
            // Show what the office just changed does to the set as a whole.
            for diagnostic in change.setErrors { printError(diagnostic.located(under: options.root)) }
            try written.get()
        }
    }
}
