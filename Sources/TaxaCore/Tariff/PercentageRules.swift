/// The rules of a percentage tariff version (the PO kind): a surcharge of `percent` % on the
/// request's `salary_cost`, rounded by `rounding`.
public struct PercentageRules: Sendable, Equatable {
    /// Kept as written in the file ("47.18"), so the arithmetic is exact.
    public var percent: ScaledDecimal
    public var rounding: MoneyRounding
    /// What the percentage is and what it is charged on, for explanations.
    public var text: String
}
