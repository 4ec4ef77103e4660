import TaxaBase
import TaxaEngine

/// The body of a request to a percentage tariff: the day whose rate applies and the amount
/// the percentage is charged on, `{"date": "2024-03-31", "salary_cost": "100000.00"}`.
package struct PercentageRequest: Sendable, Equatable {
    package static let keys = ["date", "salary_cost"]
    /// Every key a request of this kind may have (computed once, not per request).
    static let allowedKeys = ByteKeys(RequestEnvelope.keys + keys)

    package var date: CivilDate
    package var salaryCost: Money

    package static func decode(_ fields: ObjectFields) throws(FieldError) -> PercentageRequest {
        try fields.onlyKeys(allowedKeys)
        return PercentageRequest(
            date: try fields.read("date", Read.date),
            salaryCost: try fields.read("salary_cost", salaryCost))
    }

    /// The amount the percentage is charged on: kronor with at most 2 decimals, in 64-bit öre.
    static func salaryCost(_ value: JSONValue) throws(FieldError) -> Money {
        let amount = try Read.decimal(value, maxScale: 2, what: "a salary cost in kronor")
        guard let ore = amount.rescaled(to: 2) else {
            throw FieldError("expected a salary cost in kronor that fits in 64-bit öre, got \"\(amount)\"")
        }
        return Money(ore: ore)
    }
}
