/// How a quotient that is not exact becomes a whole number. Named rules, because each tariff
/// says (or must be told) which one applies.
@usableFromInline package enum RoundingMode: String, Sendable, CaseIterable {
    /// Ties go towards +∞ (SKR's examples; the LÅFF rate and öre amounts).
    case halfUp = "half_up"
    /// Ties go away from zero (the BEP settlement, whose cells can be negative).
    case halfAwayFromZero = "half_away_from_zero"
    /// Always towards +∞ (started quarter hours).
    case up = "up"
    /// Always towards −∞ (whole increments only: a started one is not billed).
    case down = "down"
}

/// Exact integer division with a named rounding rule, computed in 128 bits so that products of
/// large amounts and rates never overflow silently; the result must fit in 64 bits.
@usableFromInline package func divide(_ numerator: Int128, by denominator: Int128, rounding mode: RoundingMode) throws(ArithmeticOverflow) -> Int64 {
    precondition(denominator > 0, "denominators are positive by construction")
    var quotient: Int128
    let remainder: Int128  // same sign as numerator
    if let n = Int64(exactly: numerator), let d = Int64(exactly: denominator) {
        // Most amounts fit in 64 bits, where this is one machine division, not a library call.
        (quotient, remainder) = (Int128(n / d), Int128(n % d))
    } else {
        (quotient, remainder) = (numerator / denominator, numerator % denominator)
    }
    if remainder != 0 {
        switch mode {
        case .up:
            if remainder > 0 { quotient += 1 }
        case .down:
            if remainder < 0 { quotient -= 1 }
        case .halfUp:
            // Compare 2|r| with d; ties go towards +∞.
            let twice = remainder.magnitude * 2
            if remainder > 0 {
                if twice >= denominator.magnitude { quotient += 1 }
            } else if twice > denominator.magnitude {
                quotient -= 1
            }
        case .halfAwayFromZero:
            if remainder.magnitude * 2 >= denominator.magnitude {
                quotient += remainder > 0 ? 1 : -1
            }
        }
    }
    guard let narrow = Int64(exactly: quotient) else {
        throw ArithmeticOverflow(operation: "\(numerator) / \(denominator)")
    }
    return narrow
}

/// 10^n as a 128-bit integer, for rescaling decimals.
@inlinable package func powerOfTen(_ n: Int) -> Int128 {
    var value: Int128 = 1
    for _ in 0..<n { value *= 10 }
    return value
}
