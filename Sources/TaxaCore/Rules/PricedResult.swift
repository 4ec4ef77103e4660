/// What pricing one request produced, by tariff kind: what `RequestProcessor` hands to
/// `ResultWriter.success`.
public enum PricedResult: Sendable, Equatable {
    case hourly(Invoice)
    case perCapita(Settlement)
    case percentage(Surcharge)
}
