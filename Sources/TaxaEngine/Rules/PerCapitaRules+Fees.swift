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
