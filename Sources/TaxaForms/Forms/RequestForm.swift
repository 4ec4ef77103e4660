import TaxaBase
import TaxaEngine

/// A request form: how the requests to one kind of tariff are read, priced and answered.
///
/// The engine prices every kind; a form only translates its request into the engine's items and
/// projects the engine's result onto its contract. Each form is one folder under `Forms/` and
/// one line in `FormRegistry`: nothing outside them branches on a tariff's kind to answer a
/// request, list its errors, measure a proposal's impact or describe its request schema.
protocol RequestForm: SendableMetatype {
    /// The request's body as decoded.
    associatedtype Request
    /// What pricing produced, as the form's result writer reads it.
    associatedtype Priced

    /// The tariff kind whose requests the form reads.
    static var kind: TariffRules.Kind { get }
    /// The body's keys beside the envelope's (`RequestEnvelope.keys`), in the order error
    /// messages list them.
    static var keys: [String] { get }

    /// The result's member that holds what the request costs, which a published example's
    /// `total` is compared with ("total" unless the form's contract names it otherwise).
    static var totalMember: String { get }

    /// Reads a request's body; `explain`: whether texts shown only in explanations are kept.
    static func decode(_ fields: ObjectFields, explain: Bool) throws(FieldError) -> Request
    /// Prices a decoded request with the engine.
    static func price(_ request: Request, _ envelope: RequestEnvelope, tariffs: TariffSet) throws(RequestError) -> Priced
    /// Writes the result record (see `ResultWriter.beginSuccess` and `endSuccess`).
    static func write(_ priced: Priced, _ envelope: RequestEnvelope, into w: inout JSONWriter)
    /// The total and the amount of each part (a fee, a cap, a group), for `taxa impact`.
    static func amounts(_ priced: Priced) -> PricedAmounts
    /// Notes every error of a refused request's body (see `RequestDiagnosis`). `access` is nil
    /// when `as_of` is invalid: the versions that count are then unknown, so only shapes are
    /// checked.
    static func diagnose(_ root: JSONValue, tariff: Tariff, access: IndexAccess?, into collector: inout RequestDiagnosis.Collector)
    /// The Swedish name of the part `key` of `amounts` in `version`, for `taxa impact`'s report;
    /// nil when the version has no such part.
    static func partName(_ key: String, in version: TariffVersion) -> String?
    /// Adds the body's members to a request schema (`taxa schema`).
    static func schema(_ body: inout RequestSchema.Body)
    /// What a request to `version` names, for `taxa schema --list`.
    static func listing(_ version: TariffVersion) -> RequestSchemaList.Listing
}

extension RequestForm {
    static var totalMember: String { "total" }

    /// A fee's name and key (the key alone when the fee is named by it), or a cap's.
    static func partName(_ key: String, in version: TariffVersion) -> String? {
        if let fee = version.rules.fees.fee(key) { return fee.name == key ? key : "\(fee.name) (\(key))" }
        if let cap = version.rules.fees.caps.first(where: { $0.key == key }) { return "\(cap.name) (\(key))" }
        return nil
    }
}

/// A priced request as `taxa impact` compares it: the total and the amount of each part, summed
/// over the result's lines in the order first met (in 128 bits: a part's sum is never checked
/// against 64-bit öre by the engine, only the total is).
package struct PricedAmounts: Sendable {
    package var total: Money
    package private(set) var parts: [(key: String, ore: Int128)] = []

    init(total: Money) { self.total = total }

    mutating func add(_ key: String, _ amount: Money) {
        if let index = parts.firstIndex(where: { $0.key == key }) {
            parts[index].ore += Int128(amount.ore)
        } else {
            parts.append((key: key, ore: Int128(amount.ore)))
        }
    }
}
