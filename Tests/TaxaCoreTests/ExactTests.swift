import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// `Exact`, the rational öre amounts inside a fee's price pipeline: always reduced, compared
/// without overflowing cross products, every operation overflow-checked (an error, never a
/// trap), rounded by the named modes, shown exactly to auditors. Expected values were worked out
/// by hand (or with Python's `fractions`), not with the code under test.
@Suite struct ExactTests {
    static func x(_ numerator: Int128, _ denominator: Int128 = 1) -> Exact { Exact(numerator: numerator, denominator: denominator) }

    // MARK: - Reduction

    @Test func valuesAreReducedAndSignLivesInTheNumerator() {
        let half = Self.x(50, 100)
        #expect(half.numerator == 1 && half.denominator == 2)
        let negative = Self.x(-246000, 60)
        #expect(negative.numerator == -4100 && negative.denominator == 1)
        #expect(negative.isWholeOre)
        let zero = Self.x(0, 17)
        #expect(zero.numerator == 0 && zero.denominator == 1)
        #expect(zero == Exact.zero)
        // 7 × 1970 kr ÷ 60 = 1 379 000 öre ÷ 60 = 68 950/3 öre.
        let perMinute = Self.x(7 * 197_000, 60)
        #expect(perMinute.numerator == 68_950 && perMinute.denominator == 3)
        #expect(!perMinute.isWholeOre)
        // Equal values built differently are equal and hash alike.
        #expect(Self.x(2, 4) == Self.x(1, 2))
        #expect(Set([Self.x(2, 4), Self.x(3, 6), Self.x(1, 2)]).count == 1)
        // Already coprime values at the edge of 128 bits stay as they are.
        let edge = Self.x(.max, .max - 1)
        #expect(edge.numerator == .max && edge.denominator == .max - 1)
    }

    @Test func fromMoneyAndKronor() throws {
        #expect(Exact(Money(ore: 120_100)) == Self.x(120_100))
        #expect(Exact(kronor: try #require(ScaledDecimal.parse("1.25", maxScale: 4))) == Self.x(125))
        // 1,2345 kr is 123,45 öre.
        #expect(Exact(kronor: try #require(ScaledDecimal.parse("1.2345", maxScale: 4))) == Self.x(12_345, 100))
        #expect(Exact(kronor: try #require(ScaledDecimal.parse("-3", maxScale: 4, allowNegative: true))) == Self.x(-300))
    }

    // MARK: - Comparison

    @Test func comparisonOfSmallValues() {
        #expect(Self.x(1, 3) < Self.x(1, 2))
        #expect(!(Self.x(1, 2) < Self.x(1, 3)))
        #expect(Self.x(-1, 2) < Self.x(-1, 3))
        #expect(Self.x(-1, 3) < Self.x(0))
        #expect(Self.x(0) < Self.x(1, 1_000_000))
        #expect(!(Self.x(1, 2) < Self.x(2, 4)))
        #expect(!(Self.x(2, 4) < Self.x(1, 2)))
        // 1/3 is above 0.33333 but below 0.33334: equal floors, decided by the remainders.
        #expect(Self.x(33_333, 100_000) < Self.x(1, 3))
        #expect(Self.x(1, 3) < Self.x(33_334, 100_000))
        // Negative values with equal floors: −7/3 (floor −3, remainder 2/3) < −9/4 (floor −3, remainder 3/4).
        #expect(Self.x(-7, 3) < Self.x(-9, 4))
        #expect(!(Self.x(-9, 4) < Self.x(-7, 3)))
    }

    /// Every ordering of small fractions agrees with cross multiplication (which cannot overflow
    /// for these).
    @Test func comparisonAgreesWithCrossProductsForSmallFractions() {
        var checked = 0
        for n1 in Int128(-12)...12 {
            for d1 in Int128(1)...9 {
                for n2 in Int128(-12)...12 {
                    for d2 in Int128(1)...9 {
                        let expected = n1 * d2 < n2 * d1
                        if (Self.x(n1, d1) < Self.x(n2, d2)) != expected {
                            Issue.record("\(n1)/\(d1) < \(n2)/\(d2) should be \(expected)")
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 25 * 9 * 25 * 9)
    }

    /// Values whose cross products do not fit in 128 bits are still ordered exactly.
    @Test func comparisonWhereCrossProductsWouldOverflow() {
        let max = Int128.max
        // 1 + 1/(max−1) < 1 + 1/(max−2).
        let a = Self.x(max, max - 1)
        let b = Self.x(max - 1, max - 2)
        #expect(a < b)
        #expect(!(b < a))
        #expect(b.negated() < a.negated())
        #expect(!(a.negated() < b.negated()))
        // Consecutive Fibonacci quotients F(184)/F(183) and F(183)/F(182) straddle the golden
        // ratio (the even one is below); cross products are ~10^76 and the comparison needs
        // some 180 Euclid steps.
        var fibonacci: [Int128] = [0, 1]
        while fibonacci.count <= 184 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
        #expect(fibonacci[184] == 127_127_879_743_834_334_146_972_278_486_287_885_163)
        let even = Self.x(fibonacci[184], fibonacci[183])
        let odd = Self.x(fibonacci[183], fibonacci[182])
        #expect(even < odd)
        #expect(!(odd < even))
        #expect(odd.negated() < even.negated())
        // The largest magnitudes on either side of zero.
        #expect(Self.x(.min) < Self.x(.max))
        #expect(Self.x(.min, .max) < Self.x(-1, .max))
        #expect(Self.x(.max - 1, .max) < Self.x(.max, .max - 1))
    }

    // MARK: - Adding

    @Test func addingStaysExactAndReduced() throws {
        #expect(try Self.x(1, 3).adding(Self.x(1, 6)) == Self.x(1, 2))
        #expect(try Self.x(1, 3).adding(Self.x(-1, 3)) == .zero)
        #expect(try Self.x(-5, 4).adding(Self.x(1, 4)) == Self.x(-1))
        #expect(try Self.x(7).adding(Self.x(7)).adding(Self.x(7)) == Self.x(21))
        let sum = try Self.x(1, 6).adding(Self.x(1, 10))
        #expect(sum.numerator == 4 && sum.denominator == 15)
    }

    @Test func addingThatOverflowsThrows() throws {
        #expect(throws: ArithmeticOverflow.self) { try Self.x(.max).adding(Self.x(1)) }
        #expect(throws: ArithmeticOverflow.self) { try Self.x(.min).adding(Self.x(-1)) }
        // The common denominator 2^100 × 3^60 does not fit.
        #expect(throws: ArithmeticOverflow.self) {
            try Self.x(1, Int128(1) << 100).adding(Self.x(1, powerOf(3, 60)))
        }
        // At the edge but representable.
        #expect(try Self.x(.max - 1).adding(Self.x(1)) == Self.x(.max))
        #expect(try Self.x(.max, 2).adding(Self.x(.min + 1, 2)) == .zero)
    }

    // MARK: - Multiplying

    @Test func multipliedByAndDividedBy() throws {
        // 1,25 % of 1 kr: 100 öre × 125 ÷ 10 000 = 5/4 öre.
        #expect(try Self.x(100).multiplied(by: 125, dividedBy: 10_000) == Self.x(5, 4))
        // 0,5392 × 57 300 kr ÷ 12 = 2 574,68 kr exactly.
        let pbb = Self.x(5_730_000)
        #expect(try pbb.multiplied(by: 5392, dividedBy: 10_000 * 12) == Self.x(257_468))
        // A factor given as a decimal.
        #expect(try Self.x(113_300).multiplied(by: try #require(ScaledDecimal.parse("0.30", maxScale: 6))) == Self.x(33_990))
        #expect(try Self.x(10_000).multiplied(by: try #require(ScaledDecimal.parse("0.333333", maxScale: 6))) == Self.x(3_333_330, 1000))
        #expect(try Self.x(-3, 7).multiplied(by: -7) == Self.x(3))
        #expect(try Self.x(5, 9).multiplied(by: 0, dividedBy: 11) == .zero)
        // Cancelling first keeps the products small: max/7 × 7 is max, not an overflow.
        #expect(try Self.x(.max, 7).multiplied(by: 7) == Self.x(.max))
        // Quantity × price: 7 min × 1 970 kr ÷ 60.
        #expect(try Self.x(7).times(Self.x(197_000)).multiplied(by: 1, dividedBy: 60) == Self.x(68_950, 3))
        #expect(try Self.x(2, 3).times(Self.x(9, 4)) == Self.x(3, 2))
    }

    @Test func multiplyingThatOverflowsThrows() {
        #expect(throws: ArithmeticOverflow.self) { try Self.x(.max).multiplied(by: 2) }
        #expect(throws: ArithmeticOverflow.self) { try Self.x(1, .max).multiplied(by: 1, dividedBy: 2) }
        #expect(throws: ArithmeticOverflow.self) { try Self.x(Int128(1) << 64).times(Self.x(Int128(1) << 64)) }
        #expect(throws: ArithmeticOverflow.self) { try Self.x(1, Int128(1) << 64).times(Self.x(1, (Int128(1) << 64) + 1)) }
        #expect(throws: ArithmeticOverflow.self) { try Self.x(Int128(1) << 120).multiplied(by: ScaledDecimal(units: 1000, scale: 0)) }
    }

    // MARK: - Rounding

    /// Rounding to a step in every mode, for values on both sides of zero. Ties go towards +∞
    /// (half_up) or away from zero; `up` is towards +∞ and `down` towards −∞ for negative values too.
    @Test(arguments: [
        // value in öre (numerator, denominator), step in öre, half_up, half_away_from_zero, up, down
        (Int128(15_000), Int128(1), Int64(10_000), Int64(20_000), Int64(20_000), Int64(20_000), Int64(10_000)),
        (14_999, 1, 10_000, 10_000, 10_000, 20_000, 10_000),
        (25_000, 1, 10_000, 30_000, 30_000, 30_000, 20_000),
        (-15_000, 1, 10_000, -10_000, -20_000, -10_000, -20_000),
        (-14_999, 1, 10_000, -10_000, -10_000, -10_000, -20_000),
        (-25_001, 1, 10_000, -30_000, -30_000, -20_000, -30_000),
        (-1, 1, 10_000, 0, 0, 0, -10_000),
        (1, 1, 10_000, 0, 0, 10_000, 0),
        (20_000, 1, 10_000, 20_000, 20_000, 20_000, 20_000),
        (-20_000, 1, 10_000, -20_000, -20_000, -20_000, -20_000),
        (0, 1, 10_000, 0, 0, 0, 0),
        (5, 4, 1, 1, 1, 2, 1),
        (-5, 4, 1, -1, -1, -1, -2),
        (3, 2, 1, 2, 2, 2, 1),
        (-3, 2, 1, -1, -2, -1, -2),
        (257_468, 1, 100, 257_500, 257_500, 257_500, 257_400),
        (68_950, 3, 1, 22_983, 22_983, 22_984, 22_983),
        (-68_950, 3, 1, -22_983, -22_983, -22_983, -22_984),
    ])
    func roundedInEveryMode(
        _ numerator: Int128, _ denominator: Int128, _ step: Int64,
        _ halfUp: Int64, _ halfAway: Int64, _ up: Int64, _ down: Int64
    ) throws {
        let value = Self.x(numerator, denominator)
        let stepMoney = Money(ore: step)
        #expect(try value.rounded(to: stepMoney, .halfUp) == Money(ore: halfUp))
        #expect(try value.rounded(to: stepMoney, .halfAwayFromZero) == Money(ore: halfAway))
        #expect(try value.rounded(to: stepMoney, .up) == Money(ore: up))
        #expect(try value.rounded(to: stepMoney, .down) == Money(ore: down))
    }

    @Test func roundedAmountsAsTheContractWritesThem() throws {
        #expect(try Self.x(-15_000).rounded(to: Money(ore: 10_000), .down).description == "-200.00")
        #expect(try Self.x(-15_000).rounded(to: Money(ore: 10_000), .halfUp).description == "-100.00")
        #expect(try Self.x(68_950, 3).money().description == "229.83")
        #expect(try Self.x(1, 2).money().description == "0.01")
        #expect(try Self.x(-1, 2).money().description == "0.00")
        #expect(try Self.x(-3, 2).money().description == "-0.01")
        #expect(try Self.x(1, 3).money().description == "0.00")
    }

    @Test func roundingThatOverflowsThrows() throws {
        let max = Int128(Int64.max)
        // A value beyond 64-bit öre.
        #expect(throws: ArithmeticOverflow.self) { try Self.x(max + 1).rounded(to: Money(ore: 1), .halfUp) }
        #expect(throws: ArithmeticOverflow.self) { try Self.x(.max).money() }
        #expect(throws: ArithmeticOverflow.self) { try Self.x(.min).money() }
        // Fits as öre, but rounding up to whole kronor goes past Int64.max.
        #expect(throws: ArithmeticOverflow.self) { try Self.x(max).rounded(to: Money(ore: 100), .up) }
        #expect(try Self.x(max).rounded(to: Money(ore: 100), .down) == Money(ore: Int64.max - 7))
        // denominator × step does not fit in 128 bits.
        #expect(throws: ArithmeticOverflow.self) { try Self.x(1, .max).rounded(to: Money(ore: 100), .halfUp) }
        #expect(try Self.x(max).money() == Money(ore: Int64.max))
    }

    // MARK: - Texts for auditors

    @Test func kronorTextOfTerminatingValues() {
        #expect(Self.x(123_583).kronorText == "1235.83")
        #expect(Self.x(1_235_829, 10).kronorText == "1235.829")
        #expect(Self.x(-1_235_829, 10).kronorText == "-1235.829")
        #expect(Self.x(5, 4).kronorText == "0.0125")
        #expect(Self.x(120_100).kronorText == "1201")
        #expect(Exact.zero.kronorText == "0")
        #expect(Self.x(1, 8).kronorText == "0.00125")
        // 1/2^30 öre needs 30 more decimals: still written out.
        #expect(Self.x(1, Int128(1) << 30).kronorText == "0.00000000000931322574615478515625")
    }

    @Test func kronorTextOfNonTerminatingValues() {
        #expect(Self.x(1, 3).kronorText == "0.01/3")
        #expect(Self.x(-1, 3).kronorText == "-0.01/3")
        #expect(Self.x(200, 3).kronorText == "2/3")
        #expect(Self.x(68_950, 3).kronorText == "689.5/3")
        // 2^-40 öre does not end within 30 decimals: shown as a quotient.
        #expect(Self.x(1, Int128(1) << 40).kronorText == "0.01/1099511627776")
        // Terminating, but the scaled numerator would overflow: shown as a quotient, never wrong.
        #expect(Self.x(.max, Int128(1) << 30).kronorText == "1701411834604692317316873037158841057.27/1073741824")
    }

    @Test func swedishTextsOfExactValues() {
        #expect(SwedishText.kronor(Self.x(257_468)) == "2 574,68 kr")
        #expect(SwedishText.kronor(Self.x(1_235_829, 10)) == "1 235,829 kr")
        // 68 950/3 öre = 1 379/6 kr: a quotient of whole kronor, never a rounded figure.
        #expect(SwedishText.kronor(Self.x(68_950, 3)) == "1 379/6 kr")
    }
}

/// `base`^`exponent` in 128 bits (small enough by construction).
private func powerOf(_ base: Int128, _ exponent: Int) -> Int128 {
    var value: Int128 = 1
    for _ in 0..<exponent { value *= base }
    return value
}

extension Exact {
    /// −x, for ordering tests (the library needs no negation of exact values).
    fileprivate func negated() -> Exact { Exact(numerator: -numerator, denominator: denominator) }
}
