import TaxaBase
import TaxaEngine

/// What pricing one request produced, by tariff kind: what `RequestProcessor` hands to
/// `ResultWriter.success`.
package enum PricedResult: Sendable {
    case hourly(Invoice)
    case perCapita(Settlement)
    case percentage(Surcharge)
    case fees(FeeInvoice)
}
