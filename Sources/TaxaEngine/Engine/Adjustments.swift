import TaxaBase

/// Reductions and waivers by decision (LÅFF 8 §), the same for every kind of tariff:
/// a reduction is −round_half_up(subtotal × percent / 100) to öre, a waiver −subtotal.
package enum Adjustments {
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

/// An individual reduction or waiver by decision (LÅFF 8 §).
package enum RequestedAdjustment: Sendable, Equatable {
    case reduction(percent: ScaledDecimal, reference: String, reason: String?)
    case waiver(reference: String, reason: String?)
}

/// A reduction or waiver as applied to a subtotal.
package struct AppliedAdjustment: Sendable, Equatable {
    package var request: RequestedAdjustment
    package var paragraph: String
    package var amount: Money
    /// The subtotal it applies to and the paragraph's text, for the Swedish derivation.
    package var subtotal: Money = .zero
    package var text: String = ""
}
