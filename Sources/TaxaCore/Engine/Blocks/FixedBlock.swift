/// `{"fixed": AMOUNT}`: the amount is this amount (a fixed or annual fee).
struct FixedBlock: DeclaredBlock {
    static let key = "fixed"
    static let declaration = BlockDeclaration(
        summary: "the amount is this amount",
        value: .amount,
        doc: "The amount is this amount. *\"Fast tillsynsavgift 3 450 kr\"*.",
        examples: [#"{ "fixed": "3450.00" }"#, #"{ "fixed": { "index": "PBB", "times": "0.001" } }"#])
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
