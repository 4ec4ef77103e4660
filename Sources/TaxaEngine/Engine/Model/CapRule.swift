/// A cap over a group of fees per calendar month (the high-cost protection of elderly care):
/// when the month's lines of the listed fees sum to more than `amount`, a cap line takes off
/// the difference.
public struct CapRule: Sendable {
    public var key: String
    public var name: String
    public var paragraph: String?
    public var text: String
    public var fees: [String]
    public var amount: AmountSource
    /// The office's accounting codes, copied onto every cap line.
    public var accounting: Accounting? = nil
}

/// VAT on a tariff's fees: included in every amount (water tariffs), or added to the total.
public struct VATRule: Sendable, Equatable {
    /// Percent, e.g. 25.
    public var rate: ScaledDecimal
    public var included: Bool
    public var rounding: MoneyRounding
    public var text: String
    /// The office's accounting codes, copied onto the result's VAT entry of this rate.
    public var accounting: Accounting? = nil
}

/// A worked example as published, kept with the tariff so `taxa check` can price it.
public struct FeeExample: Sendable, Equatable {
    public var name: String
    public var source: String
    /// The example's request as compact JSON text, without `id` and `tariff`.
    public var request: String
    public var total: Money
    public var vat: Money?
}
