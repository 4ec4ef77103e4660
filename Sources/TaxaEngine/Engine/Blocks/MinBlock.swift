import TaxaBase

/// `{"min": AMOUNT}`: a floor, the lowest amount charged ("lägst 3 500 kr").
package typealias MinBlock = BoundBlock<Floor>

package enum Floor: BoundSide {
    package static let key = "min"
    package static let summary = "a floor (lowest amount)"
    package static let word = "Lägst"
    package static func crosses(_ amount: Exact, _ bound: Exact) -> Bool { amount < bound }
    package static let moved = "höjs till"
    package static let kept = "är inte lägre"
    package static func step(_ bound: Exact) -> LineSteps.Step { .floor(bound) }
}
