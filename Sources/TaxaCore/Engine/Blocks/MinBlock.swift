/// `{"min": AMOUNT}`: a floor, the lowest amount charged ("lägst 3 500 kr").
typealias MinBlock = BoundBlock<Floor>

enum Floor: BoundSide {
    static let key = "min"
    static let declaration = BlockDeclaration(
        summary: "a floor: the amount so far, at least this amount",
        value: .amount,
        doc: "A floor: an amount so far below this amount is raised to it. *\"Lägst 3 500 kr\"*.",
        examples: [#"{ "min": "3500.00" }"#])
    static let word = "Lägst"
    static func crosses(_ amount: Exact, _ bound: Exact) -> Bool { amount < bound }
    static let moved = "höjs till"
    static let kept = "är inte lägre"
    static func step(_ bound: Exact) -> LineSteps.Step { .floor(bound) }
}
