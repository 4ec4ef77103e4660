import TaxaBase

/// `{"max": AMOUNT}`: a ceiling, the highest amount charged ("högst 35 000 kr").
package typealias MaxBlock = BoundBlock<Ceiling>

package enum Ceiling: BoundSide {
    package static let key = "max"
    package static let declaration = BlockDeclaration(
        summary: "a ceiling: the amount so far, at most this amount",
        value: .amount,
        doc: "A ceiling: an amount so far above this amount is lowered to it. *\"Högst 35 000 kr\"*.",
        examples: [#"{ "max": "35000.00" }"#, #"{ "max": { "index": "PBB", "percent": "0.5" } }"#])
    package static let word = "Högst"
    package static func crosses(_ amount: Exact, _ bound: Exact) -> Bool { bound < amount }
    package static let moved = "sänks till"
    package static let kept = "är inte högre"
    package static func step(_ bound: Exact) -> LineSteps.Step { .ceiling(bound) }
}
