/// `{"min": AMOUNT}`: a floor, the lowest amount charged ("lägst 3 500 kr").
typealias MinBlock = BoundBlock<Floor>

enum Floor: BoundSide {
    static let key = "min"
    static let summary = "a floor (lowest amount)"
    static let word = "Lägst"
    static func crosses(_ amount: Exact, _ bound: Exact) -> Bool { amount < bound }
    static let moved = "höjs till"
    static let kept = "är inte lägre"
    static func step(_ bound: Exact) -> LineSteps.Step { .floor(bound) }
}
