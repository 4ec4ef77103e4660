import ArgumentParser
import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaOffice
import TaxaService

/// `taxa schema TARIFF`: the JSON Schema of a request to a tariff; `taxa schema --list`: the
/// tariffs with their fees.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of a request to a tariff as in force on a day, or list the tariffs with their fees.")

    @Argument(help: "The tariff id (<municipality>/<tariff>); not with --list.")
    var tariff: String?

    @Option(
        help: ArgumentHelp("The day whose version the schema describes (default: today, $TAXA_TODAY).", valueName: "YYYY-MM-DD"),
        transform: OptionValue.date)
    var date: CivilDate?

    @Flag(help: "Describe every version of the tariff: an item is accepted when any version accepts it.")
    var all = false

    @Flag(help: "List every tariff with the fees (activities, groups) of the version in force on the day.")
    var list = false

    @Flag(help: "With --list: print JSON instead of text.")
    var json = false

    @OptionGroup var options: TariffOptions

    @OptionGroup var clock: Clock

    func validate() throws {
        if list && tariff != nil { throw ValidationError("--list lists every tariff; give no TARIFF") }
        if !list && tariff == nil { throw ValidationError("give a TARIFF, or --list") }
        if json && !list { throw ValidationError("--json goes with --list (a schema is JSON already)") }
        if all && date != nil { throw ValidationError("--all describes every version; give no --date") }
    }

    func run() throws {
        let set = try loadOrExit(options.root)
        let day = try date ?? clock.today()
        if list {
            try printOutput(json ? RequestSchemaList.json(set, on: day) : RequestSchemaList.text(set, on: day))
            return
        }
        guard let id = tariff, let found = set.tariffs[id] else {
            printError("taxa schema: no tariff \"\(tariff ?? "")\"; known: \(set.tariffs.keys.sorted().joined(separator: ", "))")
            throw ExitCode(1)
        }
        if all {
            try printOutput(RequestSchema.schema(found, versions: found.versions))
            return
        }
        let schema: String
        do { schema = try RequestSchema.schema(found, on: day) } catch {
            printError("taxa schema: \(error.message); give --date a day in force, or --all")
            throw ExitCode(1)
        }
        try printOutput(schema)
    }
}
