import ArgumentParser
import TaxaCore

/// The `taxa` command: a thin shell over TaxaCore. Each subcommand parses its arguments and
/// calls one library entry point.
@main
struct TaxaCommand: ParsableCommand {
    /// taxa's version, printed by `taxa --version`; defined here only. Raise it with every
    /// change to the contract or the tariff format (and say so in the README's change log).
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "taxa",
        abstract: "Exact fee and tariff calculation for Swedish municipal tariffs (taxor).",
        // Shown by --help and in the generated man page (scripts/package).
        discussion: """
            Without a subcommand, taxa runs `taxa run`: one JSON request per line on stdin, one \
            JSON result (or error record) per non-blank line on stdout, in input order. It exits 0 \
            when input ends however many lines were refused, 2 if the tariff root is invalid \
            (nothing is read), 143 after SIGTERM, 130 after SIGINT; SIGHUP reloads the tariff root. The tariff root is --tariffs DIR, else \
            $TAXA_TARIFFS, else ./Tariffs. The contract and the tariff format are in the README \
            (/usr/share/doc/taxa/README.md.gz when installed from the Debian package).
            """,
        version: version,
        subcommands: [RunCommand.self, CheckCommand.self, RatesCommand.self, IndexCommand.self, SchemaCommand.self],
        defaultSubcommand: RunCommand.self)
}

/// Options shared by every command that reads tariffs.
struct TariffOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The tariff root (default: $TAXA_TARIFFS, else ./Tariffs).", valueName: "dir"))
    var tariffs: String?

    var root: String { TariffRoot.resolve(tariffs) }
}
