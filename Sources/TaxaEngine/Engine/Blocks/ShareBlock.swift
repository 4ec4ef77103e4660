import TaxaBase

/// `{"share": "0.30"}`: a share of the amount so far (water only pays 30 %).
package struct ShareBlock: DeclaredBlock {
    package static let key = "share"
    static let declaration = BlockDeclaration(
        summary: "the amount so far × a factor (texts say \"30 %\")",
        value: .ratio,
        doc: """
            The amount so far × the factor; the texts say "30 %". *"För vatten betalas 30 %"*.
            """,
        examples: [#"{ "share": "0.30" }"#])
    let factor: ScaledDecimal

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        try context.requireAmount(Self.key)
        factor = try Read.factor(value, what: "a factor")
    }

    package func setsAmount(after amountSet: Bool) -> Bool { amountSet }

    package func describe(_ context: DescribeContext) -> String { "andel \(SwedishText.decimal(factor))" }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let before = state.current
        do { state.amount = try before.multiplied(by: factor) } catch { throw .overflow(error) }
        if state.current != before { line.steps?.steps.append(.share(factor, result: state.current)) }
        if state.explaining { state.explain("Andel \(SwedishText.decimal(factor)) av \(SwedishText.kronor(before)) = \(SwedishText.kronor(state.current)).") }
    }
}
