/// A rounding rule for a money value: to a multiple of `step` using `mode`.
@usableFromInline package struct MoneyRounding: Sendable, Equatable {
    @usableFromInline package var step: Money
    @usableFromInline package var mode: RoundingMode

    package init(step: Money, mode: RoundingMode) {
        self.step = step
        self.mode = mode
    }
}
