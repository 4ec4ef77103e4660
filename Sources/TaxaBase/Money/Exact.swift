/// An exact amount in öre as a fraction `numerator / denominator` (denominator > 0, reduced),
/// for the values inside a fee's price pipeline: 1.25 % of a turnover, 246 kr ÷ 60 per minute,
/// 0,5392 prisbasbelopp ÷ 12. Nothing is rounded until a block or stage says so, and every
/// operation is overflow-checked in 128 bits: a value that cannot be held is an error.
@usableFromInline package struct Exact: Sendable, Hashable, Comparable {
    @usableFromInline package let numerator: Int128
    @usableFromInline package let denominator: Int128

    /// `numerator / denominator` öre, reduced; `denominator` must be positive.
    @inlinable package init(numerator: Int128, denominator: Int128) {
        precondition(denominator > 0, "denominators are positive by construction")
        if denominator == 1 {
            self.numerator = numerator
            self.denominator = 1
            return
        }
        let divisor = Exact.gcd(numerator.magnitude, denominator.magnitude)
        if divisor > 1 {
            self.numerator = numerator / Int128(divisor)
            self.denominator = denominator / Int128(divisor)
        } else {
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    /// `numerator / denominator` when they are known to have no common factor (the results of
    /// the operations below, which cancel before they multiply): no gcd to compute.
    @inlinable init(reduced numerator: Int128, _ denominator: Int128) {
        self.numerator = numerator
        self.denominator = denominator
    }

    @inlinable package init(_ money: Money) {
        numerator = Int128(money.ore)
        denominator = 1
    }

    /// An amount in kronor written as a decimal ("1.25" kr is 125 öre).
    @inlinable package init(kronor: ScaledDecimal) {
        self.init(numerator: Int128(kronor.units) * 100, denominator: powerOfTen(kronor.scale))
    }

    @usableFromInline package static let zero = Exact(numerator: 0, denominator: 1)

    @inlinable package var isWholeOre: Bool { denominator == 1 }

    @inlinable package static func < (a: Exact, b: Exact) -> Bool {
        less(a.numerator, a.denominator, b.numerator, b.denominator)
    }

    /// n1/d1 < n2/d2 without cross products (which could overflow): compare the floors, then
    /// the fractional parts by their reciprocals, as in Euclid's algorithm.
    @inlinable static func less(_ n1: Int128, _ d1: Int128, _ n2: Int128, _ d2: Int128) -> Bool {
        var (q1, r1) = n1.quotientAndRemainder(dividingBy: d1)
        if r1 < 0 { q1 -= 1; r1 += d1 }
        var (q2, r2) = n2.quotientAndRemainder(dividingBy: d2)
        if r2 < 0 { q2 -= 1; r2 += d2 }
        if q1 != q2 { return q1 < q2 }
        if r1 == 0 { return r2 != 0 }
        if r2 == 0 { return false }
        return less(d2, r2, d1, r1)
    }

    @inlinable package func adding(_ other: Exact) throws(ArithmeticOverflow) -> Exact {
        if denominator == 1 && other.denominator == 1 {
            let (sum, overflow) = numerator.addingReportingOverflow(other.numerator)
            guard !overflow else { throw ArithmeticOverflow(operation: "a sum of exact amounts") }
            return Exact(numerator: sum, denominator: 1)
        }
        let common = Exact.gcd(denominator.magnitude, other.denominator.magnitude)
        let scaleA = other.denominator / Int128(common)
        let scaleB = denominator / Int128(common)
        let a = try Exact.multiply(numerator, scaleA)
        let b = try Exact.multiply(other.numerator, scaleB)
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw ArithmeticOverflow(operation: "a sum of exact amounts") }
        return Exact(numerator: sum, denominator: try Exact.multiply(denominator, scaleA))
    }

    /// This amount × `factor` (a decimal such as "0.30" or "1.25").
    @inlinable package func multiplied(by factor: ScaledDecimal) throws(ArithmeticOverflow) -> Exact {
        try multiplied(by: Int128(factor.units), dividedBy: powerOfTen(factor.scale))
    }

    /// This amount × `multiplier` ÷ `divisor` (`divisor` > 0).
    @inlinable package func multiplied(by multiplier: Int128, dividedBy divisor: Int128 = 1) throws(ArithmeticOverflow) -> Exact {
        precondition(divisor > 0, "divisors are positive by construction")
        if divisor == 1 && denominator == 1 { return Exact(reduced: try Exact.multiply(numerator, multiplier), 1) }
        // Cancel first so that products stay small. With this value reduced, each factor
        // cancelled against the other side leaves a reduced result: no gcd of the product.
        let g0 = Int128(Exact.gcd(multiplier.magnitude, divisor.magnitude))
        let (multiplier, divisor) = (Exact.cancel(multiplier, g0), Exact.cancel(divisor, g0))
        let g1 = Int128(Exact.gcd(multiplier.magnitude, denominator.magnitude))
        let g2 = Int128(Exact.gcd(numerator.magnitude, divisor.magnitude))
        let top = try Exact.multiply(Exact.cancel(numerator, g2), Exact.cancel(multiplier, g1))
        let bottom = try Exact.multiply(Exact.cancel(denominator, g1), Exact.cancel(divisor, g2))
        return top == 0 ? .zero : Exact(reduced: top, bottom)
    }

    /// The product of two exact values: a quantity (a plain number held as an `Exact`) times a
    /// price in öre.
    @inlinable package func times(_ other: Exact) throws(ArithmeticOverflow) -> Exact {
        if denominator == 1 && other.denominator == 1 { return Exact(reduced: try Exact.multiply(numerator, other.numerator), 1) }
        let g1 = Int128(Exact.gcd(numerator.magnitude, other.denominator.magnitude))
        let g2 = Int128(Exact.gcd(other.numerator.magnitude, denominator.magnitude))
        let top = try Exact.multiply(Exact.cancel(numerator, g1), Exact.cancel(other.numerator, g2))
        let bottom = try Exact.multiply(Exact.cancel(denominator, g2), Exact.cancel(other.denominator, g1))
        return top == 0 ? .zero : Exact(reduced: top, bottom)
    }

    /// `a / b` for a divisor that divides `a`, skipping the 128-bit division for 1.
    @inline(__always)
    @inlinable package static func cancel(_ a: Int128, _ b: Int128) -> Int128 {
        b == 1 ? a : a / b
    }

    /// Rounded to a multiple of `step` by `mode`.
    @inlinable package func rounded(to step: Money, _ mode: RoundingMode) throws(ArithmeticOverflow) -> Money {
        let steps = try divide(numerator, by: try Exact.multiply(denominator, Int128(step.ore)), rounding: mode)
        let (ore, overflow) = steps.multipliedReportingOverflow(by: step.ore)
        guard !overflow else { throw ArithmeticOverflow(operation: "\(steps) × \(step)") }
        return Money(ore: ore)
    }

    /// The amount as `Money` when it is whole öre, else rounded to öre half up.
    @inlinable package func money() throws(ArithmeticOverflow) -> Money {
        try rounded(to: Money(ore: 1), .halfUp)
    }

    /// Exact kronor for auditors: "1235.829" when the decimal ends, else the fraction of öre
    /// in kronor with the rest shown as a quotient ("2460/12"), never a rounded figure.
    @inlinable package var kronorText: String {
        var ten: Int128 = 1
        for scale in 0...30 {
            if ten % denominator == 0 {
                let (units, overflow) = numerator.multipliedReportingOverflow(by: ten / denominator)
                if !overflow { return decimalText(units, scale: scale + 2) }
                break
            }
            let (next, overflow) = ten.multipliedReportingOverflow(by: 10)
            if overflow { break }
            ten = next
        }
        return decimalText(numerator, scale: 2) + "/" + String(denominator)
    }

    @inlinable package static func multiply(_ a: Int128, _ b: Int128) throws(ArithmeticOverflow) -> Int128 {
        // Factors that fit in 64 bits cannot overflow 128: one machine multiplication.
        if let x = Int64(exactly: a), let y = Int64(exactly: b) { return Int128(x) * Int128(y) }
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw ArithmeticOverflow(operation: "a product of exact amounts") }
        return product
    }

    @inlinable package static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        if a == 1 || b == 1 { return 1 }
        var (x, y) = (a, b)
        // Amounts are mostly far below 2⁶⁴, where the remainder is one machine division.
        while y != 0 {
            if x <= UInt64.max && y <= UInt64.max {
                var (small, rest) = (UInt64(x), UInt64(y))
                while rest != 0 { (small, rest) = (rest, small % rest) }
                return UInt128(small)
            }
            (x, y) = (y, x % y)
        }
        return x
    }
}
