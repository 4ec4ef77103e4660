/// A rounding rule for a money value: to a multiple of `step` using `mode`.
package struct MoneyRounding: Sendable, Equatable {
    package var step: Money
    package var mode: RoundingMode

    package init(step: Money, mode: RoundingMode) {
        self.step = step
        self.mode = mode
    }
}
