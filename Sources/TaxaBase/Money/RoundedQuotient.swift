extension MoneyRounding {
    /// `numerator / denominator` öre, rounded to a multiple of `step` by `mode`: the one way
    /// the per-capita and percentage rules turn an exact quotient into money.
    package func round(ore numerator: Int128, over denominator: Int128) throws(ArithmeticOverflow) -> Money {
        let steps = try divide(numerator, by: denominator * Int128(step.ore), rounding: mode)
        let (ore, overflow) = steps.multipliedReportingOverflow(by: step.ore)
        guard !overflow else { throw ArithmeticOverflow(operation: "\(steps) × \(step)") }
        return Money(ore: ore)
    }
}
