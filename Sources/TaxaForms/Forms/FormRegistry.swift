import TaxaBase
import TaxaEngine

/// Every request form, one line each, chosen by an exhaustive switch: a new tariff kind does not
/// compile until its form is named here. Adding a form is its folder under `Forms/` and its
/// line below.
package enum FormRegistry {
    static let hourly = RegisteredForm(HourlyForm.self)
    static let perCapita = RegisteredForm(PerCapitaForm.self)
    static let percentage = RegisteredForm(PercentageForm.self)
    static let fees = RegisteredForm(FeesForm.self)

    /// The form that reads requests to tariffs of `kind`.
    package static func form(_ kind: TariffRules.Kind) -> RegisteredForm {
        switch kind {
        case .hourly: hourly
        case .perCapita: perCapita
        case .percentage: percentage
        case .fees: fees
        }
    }

    /// Every form, in the kinds' order.
    static var forms: [RegisteredForm] { TariffRules.Kind.allCases.map(form) }

    /// The form of `tariff` (by its latest version's kind), or the error a request to it gets.
    static func form(of tariff: Tariff) throws(RequestError) -> RegisteredForm {
        guard let kind = tariff.versions.last?.rules.kind else {
            throw RequestError(.unknownTariff, "\(tariff.id) has no versions", at: JSONPath([.key("tariff")]))
        }
        return form(kind)
    }
}

/// A form with its request and result types closed over, so that callers need not know them.
/// Each closure is the form's generic code specialised for it. A class: a request takes its
/// form by one reference, not by a copy of every closure (each a reference to count).
package final class RegisteredForm: Sendable {
    package let kind: TariffRules.Kind
    /// The body's keys beside the envelope's.
    package let keys: [String]
    /// The result's member holding what the request costs.
    let totalMember: String
    /// Decodes, prices and writes the result record.
    let answer: @Sendable (RequestEnvelope, TariffSet, inout JSONWriter) throws(RequestError) -> Void
    /// Decodes and prices, for `taxa impact`.
    let amounts: @Sendable (RequestEnvelope, TariffSet) throws(RequestError) -> PricedAmounts
    /// Notes every error of a refused request's body.
    let diagnose: @Sendable (JSONValue, Tariff, IndexAccess?, inout RequestDiagnosis.Collector) -> Void
    /// The Swedish name of a part of the amounts in a version, or nil.
    package let partName: @Sendable (String, TariffVersion) -> String?
    /// Adds the body's members to a request schema.
    let schema: @Sendable (inout RequestSchema.Body) -> Void
    /// What a request to a version names.
    let listing: @Sendable (TariffVersion) -> RequestSchemaList.Listing

    init<Form: RequestForm>(_ form: Form.Type) {
        kind = Form.kind
        keys = Form.keys
        totalMember = Form.totalMember
        answer = { envelope, tariffs, w throws(RequestError) in
            Form.write(try Self.price(Form.self, envelope, tariffs), envelope, into: &w)
        }
        amounts = { envelope, tariffs throws(RequestError) in Form.amounts(try Self.price(Form.self, envelope, tariffs)) }
        diagnose = { root, tariff, access, collector in Form.diagnose(root, tariff: tariff, access: access, into: &collector) }
        partName = { key, version in Form.partName(key, in: version) }
        schema = { body in Form.schema(&body) }
        listing = { version in Form.listing(version) }
    }

    private static func price<Form: RequestForm>(
        _ form: Form.Type, _ envelope: RequestEnvelope, _ tariffs: TariffSet
    ) throws(RequestError) -> Form.Priced {
        let request: Form.Request
        do { request = try Form.decode(envelope.fields, explain: envelope.explain) } catch { throw RequestError(error) }
        return try Form.price(request, envelope, tariffs: tariffs)
    }
}
