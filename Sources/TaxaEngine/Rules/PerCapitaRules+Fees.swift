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

/// A group's fee as the engine runs it without explanation: the quantity step (the actual
/// count less the budgeted count) and the load-time linear price (`LinearPrice`). A month prices
/// its cells by these values, with no pricing state and no copy of the fee.
@usableFromInline package struct CellPrice: Sendable {
    @usableFromInline let less: Int64?
    @usableFromInline let price: LinearPrice

    /// Every fee's cell price, in the groups' order, when every fee is an integer input's count,
    /// less a constant, priced linearly (the compiled fees are); nil otherwise.
    static func compiled(_ fees: FeeRules) -> [CellPrice]? {
        var prices: [CellPrice] = []
        for fee in fees.fees {
            guard let price = fee.linear, let rule = fee.quantity, rule.inputIndex == 0, rule.increment == nil || rule.rounding == nil
            else { return nil }
            prices.append(CellPrice(less: rule.less, price: price))
        }
        return prices
    }

    /// The cell of an actual count, as `FeeEngine.priceAlone` prices the group's fee: the exact
    /// amount before rounding (the amount itself without a rounding) and the rounded amount in
    /// öre; nil on an overflow, which the engine's own pricing then reports and locates.
    @inlinable package func cell(_ actual: Int64) -> (exact: Exact, amount: Money)? {
        do throws(ArithmeticOverflow) {
            var billed = Exact(numerator: Int128(actual), denominator: 1)
            if let less { billed = try billed.adding(Exact(numerator: -Int128(less), denominator: 1)) }
            let (amount, beforeRounding) = try price.amounts(billed)
            return (beforeRounding ?? amount, try amount.money())
        } catch {
            return nil
        }
    }
}
