import TaxaBase

/// A cap over a group of fees per calendar month (the high-cost protection of elderly care):
/// when the month's lines of the listed fees sum to more than `amount`, a cap line takes off
/// the difference.
package struct CapRule: Sendable {
    package var key: String
    package var name: String
    package var paragraph: String?
    package var text: String
    package var fees: [String]
    package var amount: AmountSource
    /// The office's accounting codes, copied onto every cap line.
    package var accounting: Accounting? = nil
}

/// VAT on a tariff's fees: included in every amount (water tariffs), or added to the total.
package struct VATRule: Sendable, Equatable {
    /// Percent, e.g. 25.
    package var rate: ScaledDecimal
    package var included: Bool
    package var rounding: MoneyRounding
    package var text: String
    /// The office's accounting codes, copied onto the result's VAT entry of this rate.
    package var accounting: Accounting? = nil
}

/// A worked example as published, kept with the tariff so `taxa check` can price it.
package struct FeeExample: Sendable, Equatable {
    package var name: String
    package var source: String
    /// The example's request as compact JSON text, without `id` and `tariff`.
    package var request: String
    package var total: Money
    package var vat: Money?
}
