import TaxaBase

/// A cap over a group of fees per calendar month (the high-cost protection of elderly care):
/// when the month's lines of the listed fees sum to more than `amount`, a cap line takes off
/// the difference. A class: every cap line refers to its rule, and one reference costs less than
/// a copy of its texts, fees and amount per line.
package final class CapRule: Sendable {
    package let key: String
    package let name: String
    package let paragraph: String?
    package let text: String
    package let fees: [String]
    package let amount: AmountSource
    /// The office's accounting codes, copied onto every cap line.
    package let accounting: Accounting?

    package init(
        key: String, name: String, paragraph: String?, text: String, fees: [String], amount: AmountSource,
        accounting: Accounting? = nil
    ) {
        self.key = key
        self.name = name
        self.paragraph = paragraph
        self.text = text
        self.fees = fees
        self.amount = amount
        self.accounting = accounting
    }
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
