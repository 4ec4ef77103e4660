import TaxaBase
import TaxaEngine

/// The per-capita form (barn- och elevpeng): counts per group and month in; each month's cells
/// and totals and the period's total out (see `PerCapitaSettlement`).
enum PerCapitaForm: RequestForm {
    static let kind = TariffRules.Kind.perCapita
    static let keys = PerCapitaRequest.keys

    static func decode(_ fields: ObjectFields, explain: Bool) throws(FieldError) -> PerCapitaRequest {
        try PerCapitaRequest.decode(fields)
    }

    static func price(_ request: PerCapitaRequest, _ envelope: RequestEnvelope, tariffs: TariffSet) throws(RequestError) -> Settlement {
        try PerCapitaSettlement.price(
            request, tariff: envelope.tariff, asOf: envelope.asOf, explain: envelope.explain, cache: tariffs.rateCache)
    }

    static func write(_ settlement: Settlement, _ envelope: RequestEnvelope, into w: inout JSONWriter) {
        ResultWriter.success(envelope, settlement, into: &w)
    }

    /// A part is a group, summed over the months.
    static func amounts(_ settlement: Settlement) -> PricedAmounts {
        var amounts = PricedAmounts(total: settlement.total)
        for month in settlement.months {
            let groups = settlement.versions[month.version].rules.perCapita?.groups ?? []
            for (group, cell) in zip(groups, settlement.cells[month.cells]) { amounts.add(group.key, cell.amount) }
        }
        return amounts
    }

    static func diagnose(_ root: JSONValue, tariff: Tariff, access: IndexAccess?, into collector: inout RequestDiagnosis.Collector) {
        collector.months(root.member("months"), tariff: tariff, access: access)
    }

    static func schema(_ body: inout RequestSchema.Body) {
        body.require("months", RequestSchema.months(body.versions))
    }

    static func listing(_ version: TariffVersion) -> RequestSchemaList.Listing {
        RequestSchemaList.Listing(noun: "group", names: (version.rules.perCapita?.groups ?? []).map { ($0.key, $0.key, nil) })
    }
}
