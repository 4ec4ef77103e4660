import ArgumentParser
import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaOffice
import TaxaService

/// The `taxa` command: a thin shell over TaxaCore. Each subcommand parses its arguments and
/// calls one library entry point.
@main
struct TaxaCommand: ParsableCommand {
    /// taxa's version; defined here only. Raise it with every change to the contract or the
    /// tariff format (and say so in CHANGELOG.md).
    static let version = "0.1.0"

    /// What `taxa --version` prints: the version, and the commit it was built from with its
    /// date and the Debian package version it makes (`BuildInfo`, written at build time).
    static let versionText: String = {
        guard BuildInfo.commit != "unknown" else { return "\(version) (built outside a git checkout: commit unknown)" }
        let modified = BuildInfo.modified ? ", with uncommitted changes" : ""
        return "\(version) (commit \(BuildInfo.commit) of \(BuildInfo.commitDate)\(modified); package \(BuildInfo.packageVersion))"
    }()

    static let configuration = CommandConfiguration(
        commandName: "taxa",
        abstract: "Exact fee and tariff calculation for Swedish municipal tariffs (taxor).",
        // Shown by --help and in the generated man page (scripts/package).
        discussion: """
            Without a subcommand, taxa runs `taxa run`: one JSON request per line on stdin, one \
            JSON result (or error record) per non-blank line on stdout, in input order. It exits 0 \
            when input ends however many lines were refused, 2 if the tariff root is invalid \
            (nothing is read), 143 after SIGTERM, 130 after SIGINT; SIGHUP reloads the tariff root. The tariff root is --tariffs DIR, else \
            $TAXA_TARIFFS, else ./Tariffs. The contract is in docs/contract.md, the tariff files in \
            docs/tariff-files.md (/usr/share/doc/taxa/docs/ when installed from the Debian package).
            """,
        version: versionText,
        subcommands: [RunCommand.self, CheckCommand.self, RatesCommand.self, IndexCommand.self, SchemaCommand.self, PublishCommand.self, ImpactCommand.self],
        defaultSubcommand: RunCommand.self)

    /// swift-argument-parser's `main`, with taxa's edges: the standard descriptors are checked
    /// and the signals handled before anything else happens, and everything written to stdout
    /// (help and version texts too) goes through `StandardStreams`, so a failed write is
    /// reported and never exits 0.
    static func main() {
        if let status = StandardStreams.closedStatus() { StandardStreams.exit(status) }
        ServiceSignals.install()
        var status: Int32 = 0
        do {
            var command = try parseAsRoot()
            if !(command is RunCommand) { ServiceSignals.restoreDefaults() }
            try command.run()
        } catch {
            status = exitCode(for: error).rawValue
            let text = fullMessage(for: error)
            if !text.isEmpty {
                if status == 0 {
                    status = StandardStreams.write(text + "\n") ?? 0
                } else {
                    printError(text)
                }
            }
        }
        StandardStreams.exit(status)
    }
}

/// Options shared by every command that reads tariffs.
struct TariffOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The tariff root (default: $TAXA_TARIFFS, else ./Tariffs).", valueName: "dir"))
    var tariffs: String?

    var root: String { TariffRoot.resolve(tariffs) }
}
