import TaxaBase
import TaxaEngine

/// The hourly form (LÅFF): time entries in; one line per version and fee year, and one per free
/// activity, out (see `HourlyFee`).
enum HourlyForm: RequestForm {
    static let kind = TariffRules.Kind.hourly
    static let keys = HourlyRequest.keys

    static func decode(_ fields: ObjectFields, explain: Bool) throws(FieldError) -> HourlyRequest {
        try HourlyRequest.decode(fields, explain: explain)
    }

    static func price(_ request: HourlyRequest, _ envelope: RequestEnvelope, tariffs: TariffSet) throws(RequestError) -> Invoice {
        try HourlyFee.price(
            request, tariff: envelope.tariff, indices: tariffs.indices, asOf: envelope.asOf, cache: tariffs.rateCache)
    }

    static func write(_ invoice: Invoice, _ envelope: RequestEnvelope, into w: inout JSONWriter) {
        ResultWriter.success(envelope, invoice, into: &w)
    }

    /// A line's part is its activities, joined by "+".
    static func amounts(_ invoice: Invoice) -> PricedAmounts {
        var amounts = PricedAmounts(total: invoice.priced.total)
        for index in invoice.lines.indices { amounts.add(invoice.activityKey(index), invoice.amount(index)) }
        return amounts
    }

    /// "Timavgift: …" or "Utan avgift: …" with the activities' names.
    static func partName(_ key: String, in version: TariffVersion) -> String? {
        guard let rules = version.rules.hourly else { return nil }
        let keys = key.split(separator: "+")
        let activities = keys.map { rules.activity(String($0)) }
        let names = zip(keys, activities).map { $1?.name ?? String($0) }.joined(separator: ", ")
        return activities.contains { $0?.charge == .hourly } ? "Timavgift: \(names)" : "Utan avgift: \(names)"
    }

    static func diagnose(_ root: JSONValue, tariff: Tariff, access: IndexAccess?, into collector: inout RequestDiagnosis.Collector) {
        collector.entries(root.member("entries"), tariff: tariff, access: access)
    }

    static func schema(_ body: inout RequestSchema.Body) {
        body.require("entries", RequestSchema.entries(body.versions))
        body.adjustment()
    }

    static func listing(_ version: TariffVersion) -> RequestSchemaList.Listing {
        RequestSchemaList.Listing(noun: "activity", names: (version.rules.hourly?.activities ?? []).map { ($0.key, $0.name, $0.paragraph) })
    }
}
