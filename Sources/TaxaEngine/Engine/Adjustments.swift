/// Reductions and waivers by decision (LÅFF 8 §), the same for every kind of tariff:
/// a reduction is −round_half_up(subtotal × percent / 100) to öre, a waiver −subtotal.
enum Adjustments {
    static func amount(_ adjustment: RequestedAdjustment, subtotal: Money) throws(ArithmeticOverflow) -> Money {
        switch adjustment {
        case .reduction(let percent, _, _):
            let reduction = try divide(
                Int128(subtotal.ore) * Int128(percent.units), by: powerOfTen(percent.scale + 2),
                rounding: .halfUp)
            return try Money(ore: reduction).negated()
        case .waiver:
            return try subtotal.negated()
        }
    }
}
