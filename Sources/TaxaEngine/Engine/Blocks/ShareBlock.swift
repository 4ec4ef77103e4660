/// `{"share": "0.30"}`: a share of the amount so far (water only pays 30 %).
struct ShareBlock: PriceBlock {
    static let key = "share"
    static let summary = "a share (factor) of the amount so far"
    let factor: ScaledDecimal

    init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        try context.requireAmount(Self.key)
        factor = try Read.factor(value, what: "a factor")
    }

    func setsAmount(after amountSet: Bool) -> Bool { amountSet }

    func describe(_ context: DescribeContext) -> String { "andel \(SwedishText.decimal(factor))" }

    func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let before = state.current
        do { state.amount = try before.multiplied(by: factor) } catch { throw .overflow(error) }
        if state.current != before { line.steps?.steps.append(.share(factor, result: state.current)) }
        if state.explaining { state.explain("Andel \(SwedishText.decimal(factor)) av \(SwedishText.kronor(before)) = \(SwedishText.kronor(state.current)).") }
    }
}
