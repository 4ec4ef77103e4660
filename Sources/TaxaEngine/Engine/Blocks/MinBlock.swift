import TaxaBase

/// `{"min": AMOUNT}`: a floor, the lowest amount charged ("lägst 3 500 kr").
package typealias MinBlock = BoundBlock<Floor>

package enum Floor: BoundSide {
    package static let key = "min"
    package static let declaration = BlockDeclaration(
        summary: "a floor: the amount so far, at least this amount",
        value: .amount,
        doc: "A floor: an amount so far below this amount is raised to it. *\"Lägst 3 500 kr\"*.",
        examples: [#"{ "min": "3500.00" }"#])
    package static let word = "Lägst"
    package static func crosses(_ amount: Exact, _ bound: Exact) -> Bool { amount < bound }
    package static let moved = "höjs till"
    package static let kept = "är inte lägre"
    package static func step(_ bound: Exact) -> LineSteps.Step { .floor(bound) }
}
