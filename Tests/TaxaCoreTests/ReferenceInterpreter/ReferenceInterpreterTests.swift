import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The reference interpreter checked against facts that do not come from the engine: the totals
/// published with the reference tariffs (their `examples`, each citing its source, or worked by
/// hand where the tariff publishes none, as its file says), every reference tariff.
@Suite struct ReferenceInterpreterTests {
    static let root = TestSupport.path("Fixtures/reference-tariffs")

    static let tariffIDs: [String] = {
        let manager = FileManager.default
        return (try! manager.contentsOfDirectory(atPath: root)).sorted().filter { $0 != "indices" && !$0.hasSuffix(".md") }.flatMap { municipality in
            (try! manager.contentsOfDirectory(atPath: root + "/" + municipality)).sorted().filter { !$0.hasSuffix(".md") }.map { municipality + "/" + $0 }
        }
    }()

    @Test func pricesEveryPublishedExampleOfTheReferenceTariffs() throws {
        var checked = 0
        for id in Self.tariffIDs {
            let tariff = try Reference.Tariff.read(root: Self.root, id: id)
            let interpreter = Reference.Interpreter(tariff: tariff)
            for version in tariff.versions {
                let text = try String(contentsOfFile: "\(Self.root)/\(id)/\(version.name).json", encoding: .utf8)
                for (n, example) in (try Reference.JSON.parse(text))["examples"]?.elements.enumerated() ?? [].enumerated() {
                    guard case .priced(let priced) = interpreter.price(example["request"]!) else {
                        Issue.record("\(id) \(version.name) examples[\(n)]: the interpreter refused it")
                        continue
                    }
                    #expect(priced.total.money == example["total"]!.string!, "\(id) \(version.name) examples[\(n)].total")
                    if let vat = example["vat"]?.string { #expect(priced.vat?.money == vat, "\(id) \(version.name) examples[\(n)].vat") }
                    checked += 1
                }
            }
        }
        #expect(
            Self.tariffIDs == [
                "eksjo/va", "habo/alkohol", "harjedalen/kopior", "livsmedelsverket/kontroll", "mark/alkohol", "sollentuna/aldreomsorg", "umea/miljobalken",
                "vara/bygglov", "vasteras/maxtaxa",
            ])
        #expect(checked == 38)
    }
}
