import TaxaBase

/// `{"add": AMOUNT}` or `{"add": {"amount": AMOUNT, "text": "kungörelse"}}`: the amount so far
/// plus an amount — a base fee and a per-unit part in one fee ("(mPBB × 5) + 40 kr
/// kungörelse"), written as the tariff prints it.
package struct AddBlock: PriceBlock {
    package static let key = "add"
    package static let summary = "an amount added to the amount so far"
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
            let object = try ObjectFields(value, what: "an amount to add")
            try object.onlyKeys(["amount", "text"])
            var inner = context
            inner.path = context.path.appending("amount")
            amount = try object.read("amount") { v throws(FieldError) in try AmountSourceParser.parse(v, context: inner) }
            text = try object.readIfPresent("text") { v throws(FieldError) in try Read.string(v, length: 1...200) }
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
