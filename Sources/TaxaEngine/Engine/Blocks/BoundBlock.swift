import TaxaBase

/// Which side a bound limits: a floor raises an amount below it, a ceiling lowers one above it.
package protocol BoundSide: Sendable {
    static var key: String { get }
    static var declaration: BlockDeclaration { get }
    /// "Lägst", "Högst".
    static var word: String { get }
    /// Whether `amount` must be replaced by `bound`.
    static func crosses(_ amount: Exact, _ bound: Exact) -> Bool
    /// "höjs till", "är inte lägre".
    static var moved: String { get }
    static var kept: String { get }
    /// The step a line's text shows when the bound applies.
    static func step(_ bound: Exact) -> LineSteps.Step
}

/// `{"min": AMOUNT}` and `{"max": AMOUNT}`: the lowest or highest amount charged ("lägst
/// 3 500 kr", "högst 35 000 kr"), applied to the amount so far. One type for both, since they
/// differ only in direction (`MinBlock`, `MaxBlock`).
package struct BoundBlock<Side: BoundSide>: DeclaredBlock {
    package static var key: String { Side.key }
    static var declaration: BlockDeclaration { Side.declaration }
    let amount: AmountSource

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        try context.requireAmount(Self.key)
        amount = try AmountSourceParser.parse(value, context: context)
    }

    package func setsAmount(after amountSet: Bool) -> Bool { amountSet }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let bound = try line.amount(amount, explain: state.explaining)
        state.record(bound)
        let crosses = Side.crosses(state.current, bound.value)
        if state.explaining {
            let action = crosses ? "\(Side.moved) \(SwedishText.kronor(bound.value))" : Side.kept
            state.explain("\(Side.word) \(SwedishText.kronor(bound.value)): \(SwedishText.kronor(state.current)) \(action).")
        }
        if crosses {
            state.amount = bound.value
            line.steps?.steps.append(Side.step(bound.value))
        }
    }

    package func describe(_ context: DescribeContext) -> String { "\(Side.word.lowercased()) \(context.amount(amount))" }

    package var amountSources: [(path: JSONPath, source: AmountSource)] { [(.root, amount)] }
}
