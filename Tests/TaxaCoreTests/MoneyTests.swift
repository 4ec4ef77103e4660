import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

@Suite struct MoneyTests {
    @Test func contractFormatHasTwoDecimalsAndAPoint() {
        #expect(Money(ore: 150125).description == "1501.25")
        #expect(Money(ore: 5).description == "0.05")
        #expect(Money(ore: 0).description == "0.00")
        #expect(Money(ore: -75063).description == "-750.63")
        #expect(Money(ore: -5).description == "-0.05")
        #expect(Money(ore: Int64.max).description == "92233720368547758.07")
    }

    @Test func swedishFormatGroupsThousands() {
        #expect(Money(ore: 150125).swedish == "1 501,25 kr")
        #expect(Money(ore: 330_122_200).swedish == "3 301 222,00 kr")
        #expect(Money(ore: 99).swedish == "0,99 kr")
    }

    @Test func parsingIsStrict() {
        #expect(Money.parse("1201.00") == Money(ore: 120100))
        #expect(Money.parse("1201") == Money(ore: 120100))
        #expect(Money.parse("0.5") == Money(ore: 50))
        for bad in ["12abc", "1.234", "1e3", "+1", " 1", "1 ", "", ".5", "5.", "01", "1,5", "--1", "NaN"] {
            #expect(Money.parse(bad) == nil, "\(bad) must be rejected")
        }
    }

    @Test func additionAndNegationAreOverflowChecked() throws {
        #expect(throws: ArithmeticOverflow.self) { try Money(ore: .max).adding(Money(ore: 1)) }
        #expect(throws: ArithmeticOverflow.self) { try Money(ore: .min).negated() }
        #expect(try Money(ore: 0).negated().description == "0.00")
        #expect(try Money(ore: 100).adding(Money(ore: -250)).description == "-1.50")
    }

    @Test func scaledDecimalsKeepEveryDigit() {
        #expect(ScaledDecimal.parse("2.9", maxScale: 4) == ScaledDecimal(units: 29, scale: 1))
        #expect(ScaledDecimal.parse("12.5000", maxScale: 4)?.description == "12.5")
        #expect(ScaledDecimal.parse("50", maxScale: 4)?.description == "50")
        #expect(ScaledDecimal.parse("0.0001", maxScale: 4)?.description == "0.0001")
        #expect(ScaledDecimal.parse("-1.5", maxScale: 4) == nil)
        #expect(ScaledDecimal.parse("-1.5", maxScale: 4, allowNegative: true)?.description == "-1.5")
        #expect(ScaledDecimal.parse("1.00001", maxScale: 4) == nil)
        #expect(ScaledDecimal.parse("99999999999999999999", maxScale: 4) == nil)
    }
}

@Suite struct RoundingTests {
    @Test func halfUpRoundsTiesTowardsPlusInfinity() throws {
        #expect(try divide(5, by: 10, rounding: .halfUp) == 1)
        #expect(try divide(4, by: 10, rounding: .halfUp) == 0)
        #expect(try divide(-5, by: 10, rounding: .halfUp) == 0)
        #expect(try divide(-6, by: 10, rounding: .halfUp) == -1)
        #expect(try divide(150125 * 50, by: 100, rounding: .halfUp) == 75063)  // 750.625 → 750.63
    }

    @Test func halfAwayFromZeroIsSymmetric() throws {
        #expect(try divide(5, by: 10, rounding: .halfAwayFromZero) == 1)
        #expect(try divide(-5, by: 10, rounding: .halfAwayFromZero) == -1)
        #expect(try divide(-4, by: 10, rounding: .halfAwayFromZero) == 0)
    }

    @Test func upIsCeiling() throws {
        #expect(try divide(14, by: 15, rounding: .up) == 1)
        #expect(try divide(15, by: 15, rounding: .up) == 1)
        #expect(try divide(16, by: 15, rounding: .up) == 2)
        #expect(try divide(0, by: 15, rounding: .up) == 0)
    }

    @Test func exactQuotientsAreNotRounded() throws {
        #expect(try divide(75 * 120100, by: 60, rounding: .halfUp) == 150125)
    }

    @Test func resultsBeyond64BitsAreErrors() {
        #expect(throws: ArithmeticOverflow.self) { try divide(Int128(Int64.max) * 4, by: 2, rounding: .halfUp) }
    }
}
