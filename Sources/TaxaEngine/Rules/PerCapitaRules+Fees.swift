import TaxaBase

/// The per-capita kind (BEP) as a composition of the engine's blocks: every group is a fee whose
/// input is the month's actual count, less the budgeted count, priced at the yearly amount per
/// 12 months and rounded by the tariff's rule. Month and period totals are the unrounded cells
/// summed and then rounded, which `PerCapitaSettlement` does from the engine's exact values.
extension PerCapitaRules {
    static let actualInput = "actual"

    static func compile(groups: [CapitaGroup], rounding: MoneyRounding, text: String) -> FeeRules {
        let actual = FeeInput(name: actualInput, kind: .integer(0...Limits.groupCount), text: nil)
        var fees: [FeeDefinition] = []
        for (position, group) in groups.enumerated() {
            fees.append(
                FeeDefinition(
                    key: group.key, name: group.key, paragraph: nil, text: text, inputs: [actual],
                    quantity: QuantityRule(
                        input: actualInput, inputIndex: 0, unit: "barnmånader", increment: nil, rounding: nil,
                        less: group.budgetedCount, scope: .item, group: nil),
                    price: [PerUnitBlock(price: .constant(group.yearlyAmount), per: monthsPerYear), RoundBlock(rounding: rounding)],
                    position: position, path: JSONPath([.key("per_capita"), .key("groups"), .key(group.key)])))
        }
        return FeeRules(fees: fees)
    }
}

/// A group's fee as the engine prices it without explanation, reduced at load to its figures:
/// the budgeted count the quantity step takes from the actual count, the yearly amount in öre
/// of the linear price (`LinearPrice`, per 12) and its rounding. A month prices its cells from
/// these with no pricing state, no copy of the fee and no reduced fractions: the cell's exact
/// value is the yearly value ÷ 12, rounded as the month's and the period's sums are
/// (`MoneyRounding.round(ore:over:)`, written out here so that a month's loop inlines it).
@usableFromInline package struct CellPrice: Sendable {
    @usableFromInline let less: Int64
    @usableFromInline let yearlyAmount: Int64
    /// The pipeline's rounding; without one, the engine's rounding of an amount to öre.
    @usableFromInline let mode: RoundingMode
    @usableFromInline let step: Int64
    /// 12 × the step: a rounded cell is a whole number of steps of this yearly value.
    @usableFromInline let divisor: Int128

    init(less: Int64, yearlyAmount: Int64, rounding: MoneyRounding) {
        self.less = less
        self.yearlyAmount = yearlyAmount
        mode = rounding.mode
        step = rounding.step.ore
        divisor = Int128(PerCapitaRules.monthsPerYear) * Int128(rounding.step.ore)
    }

    /// Every fee's cell price, in the groups' order, when every fee is its integer input less a
    /// constant at a whole price in öre per 12 (the compiled fees are); nil otherwise.
    static func compiled(_ fees: FeeRules) -> [CellPrice]? {
        var prices: [CellPrice] = []
        for fee in fees.fees {
            guard let price = fee.linear, price.per == PerCapitaRules.monthsPerYear, price.price.denominator == 1,
                let yearlyAmount = Int64(exactly: price.price.numerator), let rule = fee.quantity, rule.inputIndex == 0,
                rule.increment == nil || rule.rounding == nil
            else { return nil }
            prices.append(
                CellPrice(
                    less: rule.less ?? 0, yearlyAmount: yearlyAmount,
                    rounding: price.rounding ?? MoneyRounding(step: Money(ore: 1), mode: .halfUp)))
        }
        return prices
    }

    /// The cell of an actual count, as `FeeEngine.priceAlone` prices the group's fee: the yearly
    /// value (the count less the budgeted count, × the yearly amount; the exact cell is this ÷ 12)
    /// and the rounded amount; nil when the amount is beyond 64-bit öre, which the engine's
    /// pipeline then reports and locates.
    @inlinable package func cell(_ actual: Int64) -> (yearlyValue: Int128, amount: Money)? {
        let (count, overflow) = actual.subtractingReportingOverflow(less)
        if overflow { return nil }
        // Two 64-bit factors: the 128-bit product cannot overflow.
        let yearlyValue = Int128(count) &* Int128(yearlyAmount)
        guard let steps = try? divide(yearlyValue, by: divisor, rounding: mode) else { return nil }
        let (ore, tooLarge) = steps.multipliedReportingOverflow(by: step)
        if tooLarge { return nil }
        return (yearlyValue, Money(ore: ore))
    }
}
