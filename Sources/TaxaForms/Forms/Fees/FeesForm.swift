import TaxaBase
import TaxaEngine

/// The `items` form of `fees` tariffs: fees, days and inputs in; the engine's lines, caps,
/// adjustment, VAT and total out, each as the engine priced it.
enum FeesForm: RequestForm {
    static let kind = TariffRules.Kind.fees
    static let keys = FeeRequest.keys

    static func decode(_ fields: ObjectFields, explain: Bool) throws(FieldError) -> FeeRequest {
        try FeeRequest.decode(fields)
    }

    static func price(_ request: FeeRequest, _ envelope: RequestEnvelope, tariffs: TariffSet) throws(RequestError) -> FeeInvoice {
        try FeeEngine.price(
            request.items, tariff: envelope.tariff,
            access: IndexAccess(indices: tariffs.indices, asOf: envelope.asOf, rates: tariffs.rateCache),
            adjustment: request.adjustment, explain: envelope.explain, digests: tariffs.rateCache)
    }

    static func write(_ invoice: FeeInvoice, _ envelope: RequestEnvelope, into w: inout JSONWriter) {
        ResultWriter.success(envelope, invoice, into: &w)
    }

    /// A part is a fee or a cap.
    static func amounts(_ invoice: FeeInvoice) -> PricedAmounts {
        var amounts = PricedAmounts(total: invoice.total)
        for line in invoice.lines { amounts.add(line.fee.key, line.amount) }
        for cap in invoice.caps { amounts.add(cap.cap.key, cap.amount) }
        return amounts
    }

    static func diagnose(_ root: JSONValue, tariff: Tariff, access: IndexAccess?, into collector: inout RequestDiagnosis.Collector) {
        collector.items(root.member("items"), tariff: tariff, access: access)
    }

    static func schema(_ body: inout RequestSchema.Body) {
        let items = RequestSchema.items(body.versions, definitions: &body.definitions)
        body.require("items", items)
        body.adjustment()
    }

    static func listing(_ version: TariffVersion) -> RequestSchemaList.Listing {
        RequestSchemaList.Listing(noun: "fee", names: version.rules.fees.fees.map { ($0.key, $0.name, $0.paragraph) })
    }
}
