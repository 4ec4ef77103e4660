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
            #expect(FormRegistry.form(kind)?.kind == kind)
        }
        #expect(FormRegistry.forms.count == TariffRules.Kind.allCases.count)
        #expect(TariffRules.Kind.allCases.map(\.ordinal) == Array(TariffRules.Kind.allCases.indices))
    }

    @Test func bodyKeysAreDisjointFromTheEnvelope() {
        for form in FormRegistry.forms {
            #expect(!form.keys.isEmpty, "\(form.kind.rawValue)")
            #expect(Set(form.keys).isDisjoint(with: RequestEnvelope.keys), "\(form.kind.rawValue)")
            #expect(Set(form.keys).count == form.keys.count, "\(form.kind.rawValue)")
        }
    }
}
