/// `{"max": AMOUNT}`: a ceiling, the highest amount charged ("högst 35 000 kr").
typealias MaxBlock = BoundBlock<Ceiling>

enum Ceiling: BoundSide {
    static let key = "max"
    static let summary = "a ceiling (highest amount)"
    static let word = "Högst"
    static func crosses(_ amount: Exact, _ bound: Exact) -> Bool { bound < amount }
    static let moved = "sänks till"
    static let kept = "är inte högre"
    static func step(_ bound: Exact) -> LineSteps.Step { .ceiling(bound) }
}
