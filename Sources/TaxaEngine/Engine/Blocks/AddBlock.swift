import TaxaBase

/// `{"add": AMOUNT}` or `{"add": {"amount": AMOUNT, "text": "kungörelse"}}`: the amount so far
/// plus an amount — a base fee and a per-unit part in one fee ("(mPBB × 5) + 40 kr
/// kungörelse"), written as the tariff prints it.
package struct AddBlock: DeclaredBlock {
    package static let key = "add"
    static let declaration = BlockDeclaration(
        summary: "the amount so far + an amount",
        value: .either([.amount, .object(shape)]),
        doc: """
            The amount so far + an amount, given alone or with a `text` that says what it is, in the line's
            text: `…, + 40,00 kr (kungörelse) = 326,50 kr`. *"(mPBB × 5) + 40 kr kungörelse"*.
            """,
        examples: [#"{ "add": "40.00" }"#, #"{ "add": { "amount": "40.00", "text": "kungörelse" } }"#])
    static let shape = ObjectShape(
        what: "an amount to add",
        keys: [
            DeclaredKey("amount", .amount, .required, "the amount added"),
            DeclaredKey("text", .string(1...200), .optional, "what the added amount is for, as the tariff names it"),
        ])
    let amount: AmountSource
    /// What the added amount is for, as the tariff names it ("kungörelse").
    let text: String?
    /// The same, held for the line's text.
    let label: LineSteps.StepLabel.Words?

    init(amount: AmountSource, text: String?) {
        self.amount = amount
        self.text = text
        label = text.map(LineSteps.StepLabel.Words.init)
    }

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        try context.requireAmount(Self.key)
        if value.kind == .object, value.member("amount") != nil {
            var inner = context
            inner.path = context.path.appending("amount")
            (amount, text) = try DeclaredObject.read(value, Self.shape) { object throws(FieldError) in
                (
                    try object.read("amount") { v throws(FieldError) in try AmountSourceParser.parse(v, context: inner) },
                    try object.readIfPresent("text") { v throws(FieldError) in try Read.string(v, length: 1...200) }
                )
            }
        } else {
            amount = try AmountSourceParser.parse(value, context: context)
            text = nil
        }
        label = text.map(LineSteps.StepLabel.Words.init)
    }

    package func setsAmount(after amountSet: Bool) -> Bool { amountSet }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let added = try line.amount(amount, explain: state.trace != nil)
        state.record(added)
        let before = state.current
        do { state.amount = try before.adding(added.value) } catch { throw .overflow(error) }
        if state.current != before { line.steps?.steps.append(.add(result: state.current, label: label.map(LineSteps.StepLabel.init))) }
        if state.explaining {
            let what = text.map { " (\($0))" } ?? ""
            state.explain(
                "Tillägg\(what): \(SwedishText.kronor(before)) + \(SwedishText.kronor(added.value)) = \(SwedishText.kronor(state.current)).")
        }
    }

    package func describe(_ context: DescribeContext) -> String {
        "plus \(context.amount(amount))" + (text.map { " (\($0))" } ?? "")
    }

    package var amountSources: [(path: JSONPath, source: AmountSource)] {
        [(text == nil ? .root : JSONPath([.key("amount")]), amount)]
    }
}
