import TaxaBase

/// The rules of a percentage tariff version (the PO kind): a surcharge of `percent` % on the
/// request's `salary_cost`, rounded by `rounding`.
///
/// Immutable and shared by reference, like every kind's rules.
package final class PercentageRules: Sendable {
    /// Kept as written in the file ("47.18"), so the arithmetic is exact.
    package let percent: ScaledDecimal
    package let rounding: MoneyRounding
    /// What the percentage is and what it is charged on, for explanations.
    package let text: String
    /// The same rule as one fee of the engine: a percentage of the salary cost, then rounded.
    package let fees: FeeRules

    package init(percent: ScaledDecimal, rounding: MoneyRounding, text: String) {
        self.percent = percent
        self.rounding = rounding
        self.text = text
        let salaryCost = FeeInput(
            name: PercentageRules.salaryCostInput,
            kind: .decimal(
                scale: 2, min: ScaledDecimal(units: 0, scale: 0), max: ScaledDecimal(units: .max, scale: 2)), text: nil)
        fees = FeeRules(fees: [
            FeeDefinition(
                key: PercentageRules.feeKey, name: text, paragraph: nil, text: text, inputs: [salaryCost], quantity: nil,
                price: [
                    PercentBlock(input: 0, inputName: PercentageRules.salaryCostInput, percent: percent, ofAtMost: nil),
                    RoundBlock(rounding: rounding),
                ],
                position: 0, path: JSONPath([.key("percentage")]))
        ])
    }

    /// The one fee of a percentage version and its one input (the request's own key).
    static let feeKey = "percentage"
    static let salaryCostInput = "salary_cost"
}
