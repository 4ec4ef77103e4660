import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms

/// The registry of request forms: every tariff kind the loader accepts has exactly one form, and
/// a form's body keys never shadow the envelope's (a request's keys are checked as one set).
@Suite struct FormRegistryTests {
    @Test func everyKindHasExactlyOneForm() {
        for kind in TariffRules.Kind.allCases {
            #expect(FormRegistry.forms.filter { $0.kind == kind }.count == 1, "\(kind.rawValue)")
            #expect(FormRegistry.form(kind).kind == kind)
        }
    }

    @Test func bodyKeysAreDisjointFromTheEnvelope() {
        for form in FormRegistry.forms {
            #expect(!form.keys.isEmpty, "\(form.kind.rawValue)")
            #expect(Set(form.keys).isDisjoint(with: RequestEnvelope.keys), "\(form.kind.rawValue)")
            #expect(Set(form.keys).count == form.keys.count, "\(form.kind.rawValue)")
        }
    }

    /// Regression, found by trying to add a form: a published example of a percentage tariff was
    /// compared with the result's `total`, which a percentage result does not have (it has
    /// `surcharge`), so the tariff could not load with any example. Each form names its total.
    @Test(arguments: [("47180.00", nil), ("47000.00", "is priced at 47180.00, but the tariff publishes 47000.00")])
    func aPercentageExampleIsComparedWithTheSurcharge(total: String, error: String?) throws {
        let root = try TestSupport.copyOfShippedTariffs("po-example")
        defer { try? FileManager.default.removeItem(at: root) }
        try TestSupport.edit(root, "oxelosund/po/2024-01-01+2024-02-07.json") {
            $0.replacingOccurrences(
                of: #""currency": "SEK","#,
                with:
                    #""currency": "SEK", "examples": [{"name": "PO på 100 000 kr", "source": "handräknat: 47,18 % av 100 000,00 kr", "request": {"date": "2024-03-31", "salary_cost": "100000.00"}, "total": "\#(total)"}],"#
            )
        }
        let report = TariffLoader.load(root: root.path)
        let messages = report.diagnostics.filter { $0.severity == .error }.map(\.description)
        if let error {
            #expect(report.tariffSet == nil)
            #expect(messages.count == 1 && messages[0].contains(error), "\(messages)")
        } else {
            #expect(report.tariffSet != nil, "\(messages)")
        }
    }

    /// The percentage form's one fee is priced at load as one multiplication (`PercentPrice`),
    /// and each per-capita group by a linear price (`LinearPrice`): the shapes the load-time
    /// prices replace (`PipelineShape`) are the shapes the older kinds compile to.
    @Test func theOlderKindsCompileToTheLoadTimePrices() throws {
        let set = TestSupport.shippedTariffs
        for tariff in set.tariffs.values {
            for version in tariff.versions {
                switch version.rules.kind {
                case .percentage: #expect(version.rules.fees.fees.allSatisfy { $0.percentOf != nil }, "\(version.file)")
                case .perCapita: #expect(version.rules.fees.fees.allSatisfy { $0.linear != nil }, "\(version.file)")
                case .hourly, .fees: break
                }
            }
        }
    }
}
