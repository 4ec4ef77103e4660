import TaxaBase

/// `{"fixed": AMOUNT}`: the amount is this amount (a fixed or annual fee).
package struct FixedBlock: DeclaredBlock {
    package static let key = "fixed"
    static let declaration = BlockDeclaration(
        summary: "the amount is this amount",
        value: .amount,
        doc: "The amount is this amount. *\"Fast tillsynsavgift 3 450 kr\"*.",
        examples: [#"{ "fixed": "3450.00" }"#, #"{ "fixed": { "index": "PBB", "times": "0.001" } }"#])
    let amount: AmountSource

    init(amount: AmountSource) { self.amount = amount }

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        amount = try AmountSourceParser.parse(value, context: context)
    }

    package func setsAmount(after amountSet: Bool) -> Bool { true }

    package var discardsAmountSoFar: Bool { true }
    package var setsAmountItself: Bool { true }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let value = try line.amount(amount, explain: state.trace != nil)
        state.record(value)
        state.amount = value.value
        line.steps?.started(.fixed, amount: state.current)
        if state.explaining { state.explain("Fast belopp: \(SwedishText.kronor(value.value)).") }
    }

    package func describe(_ context: DescribeContext) -> String { "fast belopp \(context.amount(amount))" }

    package var amountSources: [(path: JSONPath, source: AmountSource)] { [(.root, amount)] }
}
