/// `{"max": AMOUNT}`: a ceiling, the highest amount charged ("högst 35 000 kr").
struct MaxBlock: PriceBlock {
    static let key = "max"
    static let summary = "a ceiling (highest amount)"
    let amount: AmountSource

    init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        try context.requireAmount(Self.key)
        amount = try AmountSourceParser.parse(value, context: context)
    }

    func setsAmount(after amountSet: Bool) -> Bool { amountSet }

    func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let ceiling = try line.amount(amount, explain: state.trace != nil)
        state.record(ceiling)
        if ceiling.value < state.current {
            if state.explaining { state.explain("Högst \(SwedishText.kronor(ceiling.value)): \(SwedishText.kronor(state.current)) sänks till \(SwedishText.kronor(ceiling.value)).") }
            state.amount = ceiling.value
        } else {
            if state.explaining { state.explain("Högst \(SwedishText.kronor(ceiling.value)): \(SwedishText.kronor(state.current)) är inte högre.") }
        }
    }

    func describe(_ context: DescribeContext) -> String { "högst \(context.amount(amount))" }

    var amountSources: [(path: JSONPath, source: AmountSource)] { [(.root, amount)] }
}
