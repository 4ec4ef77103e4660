import TaxaBase

/// `{"multiply": FACTOR}`: the amount so far × a factor — a constant (`"52"`, "52 veckor"), an
/// input the case officer gives (`{"input": "n"}`), or a factor read from the tariff's
/// tables (`{"bands": …}`, `{"lookup": …}`, `{"table": …}`), optionally named as the tariff
/// names it (`"name": "OF"`). SKR's mPBB × OF × HF × N is one fee: an amount and three of these.
package struct MultiplyBlock: PriceBlock {
    package static let key = "multiply"
    package static let summary = "the amount so far × a factor (constant, input or from a table)"
    let factor: FactorSource
    /// The factor's name in the tariff ("OF", "HF", "N"), for texts.
    let name: String?
    /// The same, held for the line's text.
    let label: LineSteps.StepLabel.Words?

    init(factor: FactorSource, name: String?) {
        self.factor = factor
        self.name = name
        label = name.map(LineSteps.StepLabel.Words.init)
    }

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        try context.requireAmount(Self.key)
        factor = try FactorParser.parse(value, context: context, keys: ["name"])
        name =
            value.kind == .object
            ? try ObjectFields(value, what: "a factor").readIfPresent("name") { v throws(FieldError) in try Read.string(v, length: 1...60) }
            : nil
        label = name.map(LineSteps.StepLabel.Words.init)
    }

    package func setsAmount(after amountSet: Bool) -> Bool { amountSet }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let (value, choice) = try factor.evaluate(line, explain: state.explaining)
        let before = state.current
        do { state.amount = try before.times(value) } catch { throw .overflow(error) }
        if state.current != before { line.steps?.steps.append(.multiply(result: state.current, label: label.map(LineSteps.StepLabel.init))) }
        if state.explaining {
            let label = name ?? "Faktor"
            let chosen = choice.map { " (\($0))" } ?? ""
            state.explain(
                "\(label) \(SwedishText.number(value))\(chosen): \(SwedishText.kronor(before)) × \(SwedishText.number(value)) = \(SwedishText.kronor(state.current))."
            )
        }
    }

    /// "× 52", "× OF efter area [till och med 50: 4; …]".
    package func describe(_ context: DescribeContext) -> String {
        "× " + (name.map { "\($0) " } ?? "") + factor.description
    }
}
