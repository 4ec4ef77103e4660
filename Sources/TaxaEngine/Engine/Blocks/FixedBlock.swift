/// `{"fixed": AMOUNT}`: the amount is this amount (a fixed or annual fee).
struct FixedBlock: PriceBlock {
    static let key = "fixed"
    static let summary = "a fixed amount"
    let amount: AmountSource

    init(amount: AmountSource) { self.amount = amount }

    init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        amount = try AmountSourceParser.parse(value, context: context)
    }

    func setsAmount(after amountSet: Bool) -> Bool { true }

    var discardsAmountSoFar: Bool { true }
    var setsAmountItself: Bool { true }

    func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let value = try line.amount(amount, explain: state.trace != nil)
        state.record(value)
        state.amount = value.value
        line.steps?.started(.fixed, amount: state.current)
        if state.explaining { state.explain("Fast belopp: \(SwedishText.kronor(value.value)).") }
    }

    func describe(_ context: DescribeContext) -> String { "fast belopp \(context.amount(amount))" }

    var amountSources: [(path: JSONPath, source: AmountSource)] { [(.root, amount)] }
}
