/// `{"max": AMOUNT}`: a ceiling, the highest amount charged ("högst 35 000 kr").
typealias MaxBlock = BoundBlock<Ceiling>

enum Ceiling: BoundSide {
    static let key = "max"
    static let declaration = BlockDeclaration(
        summary: "a ceiling: the amount so far, at most this amount",
        value: .amount,
        doc: "A ceiling: an amount so far above this amount is lowered to it. *\"Högst 35 000 kr\"*.",
        examples: [#"{ "max": "35000.00" }"#, #"{ "max": { "index": "PBB", "percent": "0.5" } }"#])
    static let word = "Högst"
    static func crosses(_ amount: Exact, _ bound: Exact) -> Bool { bound < amount }
    static let moved = "sänks till"
    static let kept = "är inte högre"
    static func step(_ bound: Exact) -> LineSteps.Step { .ceiling(bound) }
}
