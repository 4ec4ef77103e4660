import TaxaBase

/// `{"round": {"step": "100.00", "mode": "half_up"}}`: the amount so far rounded to a multiple
/// of the step, at this point of the pipeline (the stage the tariff names).
package struct RoundBlock: DeclaredBlock {
    package static let key = "round"
    static let declaration = BlockDeclaration(
        summary: "the amount so far rounded to a step",
        value: .rounding,
        doc: """
            The amount so far rounded to a multiple of `step` by `mode`: `up` towards +∞, `down` towards
            −∞, `half_up` ties towards +∞, `half_away_from_zero` ties away from zero. The rounding stage is
            where the block stands.
            """,
        examples: [#"{ "round": { "step": "100.00", "mode": "half_up" } }"#])
    let rounding: MoneyRounding

    init(rounding: MoneyRounding) { self.rounding = rounding }

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        try context.requireAmount(Self.key)
        rounding = try TariffVersionParser.moneyRounding(value)
    }

    package func setsAmount(after amountSet: Bool) -> Bool { amountSet }

    package func describe(_ context: DescribeContext) -> String { SwedishText.rounding(rounding) }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let before = state.current
        state.beforeRounding = before
        do { state.amount = Exact(try before.rounded(to: rounding.step, rounding.mode)) } catch { throw .overflow(error) }
        if state.current != before { line.steps?.steps.append(.round(rounding, result: state.current)) }
        if state.explaining { state.explain("\(SwedishText.kronor(before)) \(SwedishText.rounding(rounding)) = \(SwedishText.kronor(state.current)).") }
    }
}
