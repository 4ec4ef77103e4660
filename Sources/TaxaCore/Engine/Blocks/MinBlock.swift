/// `{"min": AMOUNT}`: a floor, the lowest amount charged ("lägst 3 500 kr").
struct MinBlock: PriceBlock {
    static let key = "min"
    static let summary = "a floor (lowest amount)"
    let amount: AmountSource

    init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        try context.requireAmount(Self.key)
        amount = try AmountSourceParser.parse(value, context: context)
    }

    func setsAmount(after amountSet: Bool) -> Bool { amountSet }

    func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let floor = try line.amount(amount, explain: state.trace != nil)
        state.record(floor)
        if state.current < floor.value {
            if state.explaining { state.explain("Lägst \(SwedishText.kronor(floor.value)): \(SwedishText.kronor(state.current)) höjs till \(SwedishText.kronor(floor.value)).") }
            state.amount = floor.value
        } else {
            if state.explaining { state.explain("Lägst \(SwedishText.kronor(floor.value)): \(SwedishText.kronor(state.current)) är inte lägre.") }
        }
    }

    func describe(_ context: DescribeContext) -> String { "lägst \(context.amount(amount))" }

    var amountSources: [(path: JSONPath, source: AmountSource)] { [(.root, amount)] }
}
