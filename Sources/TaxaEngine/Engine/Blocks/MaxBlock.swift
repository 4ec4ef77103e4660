import TaxaBase

/// `{"max": AMOUNT}`: a ceiling, the highest amount charged ("högst 35 000 kr").
package typealias MaxBlock = BoundBlock<Ceiling>

package enum Ceiling: BoundSide {
    package static let key = "max"
    package static let summary = "a ceiling (highest amount)"
    package static let word = "Högst"
    package static func crosses(_ amount: Exact, _ bound: Exact) -> Bool { bound < amount }
    package static let moved = "sänks till"
    package static let kept = "är inte högre"
    package static func step(_ bound: Exact) -> LineSteps.Step { .ceiling(bound) }
}
