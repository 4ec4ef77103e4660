import TaxaBase
import TaxaEngine

/// The percentage form (personalomkostnadspålägg): a day and a salary cost in; the surcharge at
/// the rate in force that day out (see `PercentageSurcharge`).
enum PercentageForm: RequestForm {
    static let kind = TariffRules.Kind.percentage
    static let keys = PercentageRequest.keys
    /// The contract's name for what a percentage request costs.
    static let totalMember = "surcharge"

    static func decode(_ fields: ObjectFields, explain: Bool) throws(FieldError) -> PercentageRequest {
        try PercentageRequest.decode(fields)
    }

    static func price(_ request: PercentageRequest, _ envelope: RequestEnvelope, tariffs: TariffSet) throws(RequestError) -> Surcharge {
        try PercentageSurcharge.price(
            request, tariff: envelope.tariff, asOf: envelope.asOf, explain: envelope.explain, cache: tariffs.rateCache)
    }

    static func write(_ surcharge: Surcharge, _ envelope: RequestEnvelope, into w: inout JSONWriter) {
        ResultWriter.success(envelope, surcharge, into: &w)
    }

    /// The one part is the tariff's one fee.
    static func amounts(_ surcharge: Surcharge) -> PricedAmounts {
        var amounts = PricedAmounts(total: surcharge.amount)
        amounts.add(surcharge.version.rules.fees.fees.first?.key ?? "", surcharge.amount)
        return amounts
    }

    /// The one part is named by the tariff's title.
    static func partName(_ key: String, in version: TariffVersion) -> String? { version.title }

    /// The body is two members: each read as decoding reads it.
    static func diagnose(_ root: JSONValue, tariff: Tariff, access: IndexAccess?, into collector: inout RequestDiagnosis.Collector) {
        _ = collector.read(root.member("date"), "date", at: .root, Read.date)
        _ = collector.read(root.member("salary_cost"), "salary_cost", at: .root, PercentageRequest.salaryCost)
    }

    static func schema(_ body: inout RequestSchema.Body) {
        body.require("date", .object(RequestSchema.text("Dag", "ÅÅÅÅ-MM-DD: dagen vars procentsats gäller.") + [("$ref", .string("#/$defs/date"))]))
        body.require(
            "salary_cost",
            .object(
                RequestSchema.text("Lönekostnad", "Kronor som decimalsträng med högst två decimaler, t.ex. \"100000.00\": beloppet som procentsatsen tas på.")
                    + [("type", .string("string")), ("pattern", .string(SchemaPatterns.decimal(0, Int128(Int64.max), scale: 2, negative: false)!))]))
    }

    static func listing(_ version: TariffVersion) -> RequestSchemaList.Listing {
        RequestSchemaList.Listing(noun: "fee", names: [], note: "one amount: date and salary_cost")
    }
}
