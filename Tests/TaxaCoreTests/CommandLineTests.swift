import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Small contract points through the built binary: `meta` keeps its numbers' values,
/// `taxa --version`, and `taxa rates` failing on a tariff root exactly as the service does.
@Suite struct CommandLineTests {
    static let entries = #""entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":1}]"#

    /// Reals come back as the shortest text with the same value (jansson's own dump would
    /// write 0.1 as 0.10000000000000001); integers, strings and structure as before.
    @Test(arguments: [
        ("0.1", "0.1"),
        (
            #"{"belopp":0.1,"andel":[2.50,1e-7,100.0,-0.0,1E300,0.30000000000000004]}"#,
            #"{"belopp":0.1,"andel":[2.5,1e-07,100.0,-0.0,1e+300,0.30000000000000004]}"#
        ),
        (
            #"{"n":-9223372036854775808,"s":"å\"\\\u0001","t":[true,false,null,{},[]]}"#,
            #"{"n":-9223372036854775808,"s":"å\"\\\u0001","t":[true,false,null,{},[]]}"#
        ),
    ])
    func metaNumbersKeepTheirValues(_ meta: String, _ echoed: String) throws {
        let line = #"{"id":"m","tariff":"oxelosund/laff",\#(Self.entries),"meta":\#(meta)}"#
        let run = try TestSupport.runTaxa(["--tariffs", TestSupport.path("Tariffs")], input: Data((line + "\n").utf8))
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix(#","meta":\#(echoed)}"# + "\n"), "\(run.stdout)")
        // …and every number reads back as the value sent.
        func canonical(_ json: String) throws -> Data {
            let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
            return try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        }
        #expect(try canonical(meta) == canonical(echoed))
    }

    /// The version and what it was built from (see StreamFailureTests.versionNamesTheCommit).
    @Test func versionIsPrinted() throws {
        let run = try TestSupport.runTaxa(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("0.1.0 ("), "\(run.stdout)")
    }

    /// `taxa rates` on a root it cannot load says what the service says, once, with exit 2.
    @Test func ratesFailsOnABadRootAsTheServiceDoes() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-none-\(UUID().uuidString)").path
        let rates = try TestSupport.runTaxa(["rates", "oxelosund/laff", "--tariffs", missing])
        let service = try TestSupport.runTaxa(["--tariffs", missing])
        #expect(rates.status == 2 && service.status == 2)
        #expect(rates.stdout.isEmpty)
        #expect(
            rates.stderr == """
                taxa: the tariff set in \(missing) is invalid; nothing was priced:
                  \(missing): cannot read the tariff root: No such file or directory

                """)
        #expect(rates.stderr == service.stderr)
    }
}
