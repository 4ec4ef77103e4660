import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The one Swedish number formatter, on every size, sign and scale: thousands apart by a
/// space, a decimal comma after the grouping (never "10 02,246"), "−" before a negative value
/// and no sign before zero.
@Suite struct SwedishNumberTests {
    static func text(_ units: Int128, scale: Int, minimum: Int = 0) -> String {
        JSONWriter.text { SwedishNumber.append(units, scale: scale, minimumDecimals: minimum, to: &$0) }
    }

    @Test(arguments: [
        (Int128(0), 0, 0, "0"),
        (0, 2, 2, "0,00"),
        (0, 6, 0, "0"),
        (5, 1, 0, "0,5"),
        (-50, 2, 0, "−0,5"),
        (-50, 2, 2, "−0,50"),
        (1, 6, 0, "0,000001"),
        (-1, 6, 2, "−0,000001"),
        (999, 0, 0, "999"),
        (-999, 0, 0, "−999"),
        (1000, 0, 0, "1 000"),
        (-1000, 0, 0, "−1 000"),
        (100225, 2, 2, "1 002,25"),
        (1_002_246, 3, 0, "1 002,246"),
        (-1_234_567_891, 3, 0, "−1 234 567,891"),
        (1_000_000_000_000, 2, 2, "10 000 000 000,00"),
        (1_000_000_000_000, 2, 0, "10 000 000 000"),
        (150, 0, 2, "150,00"),
        (1505, 1, 2, "150,50"),
        (1_000_000, 6, 2, "1,00"),
        (1_234_567_000, 3, 0, "1 234 567"),
    ])
    func formats(_ units: Int128, _ scale: Int, _ minimum: Int, _ expected: String) {
        #expect(Self.text(units, scale: scale, minimum: minimum) == expected)
    }

    @Test func everyScaleOfOneNumber() {
        let expected = ["1 234 567", "123 456,7", "12 345,67", "1 234,567", "123,4567", "12,34567", "1,234567"]
        for scale in 0...6 {
            #expect(Self.text(1_234_567, scale: scale) == expected[scale])
            #expect(Self.text(-1_234_567, scale: scale) == "−" + expected[scale])
        }
    }

    @Test func theLimitsOfTheIntegers() {
        #expect(Self.text(Int128(Int64.max), scale: 2, minimum: 2) == "92 233 720 368 547 758,07")
        #expect(Self.text(Int128(Int64.min), scale: 2, minimum: 2) == "−92 233 720 368 547 758,08")
        #expect(Self.text(.max, scale: 0) == "170 141 183 460 469 231 731 687 303 715 884 105 727")
        #expect(Self.text(.min, scale: 0) == "−170 141 183 460 469 231 731 687 303 715 884 105 728")
        #expect(Self.text(.min, scale: 38) == "−1,70141183460469231731687303715884105728")
        // A scale beyond the digits: leading zeros after the comma.
        #expect(Self.text(7, scale: 45) == "0," + String(repeating: "0", count: 44) + "7")
    }

    /// Against an independent spelling of the same value: the JSON text (`decimalText`, a `.`
    /// and a hyphen) grouped by hand, for every power of ten up to 10³⁸, both signs, scales 0–8.
    @Test func agreesWithThePlainTextEverywhere() {
        func grouped(_ plain: String) -> String {
            var body = Substring(plain)
            var sign = ""
            if body.hasPrefix("-") { sign = "−"; body = body.dropFirst() }
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            var digits = Array(parts[0])
            var groups: [String] = []
            while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits.removeLast(3) }
            groups.insert(String(digits), at: 0)
            return sign + groups.joined(separator: " ") + (parts.count > 1 ? "," + parts[1] : "")
        }
        var value: Int128 = 1
        for _ in 0...38 {
            for units in [value, value - 1, value + 7, -value, -(value - 1)] where units != 0 {
                for scale in 0...8 {
                    #expect(Self.text(units, scale: scale) == grouped(decimalText(units, scale: scale)), "\(units) scale \(scale)")
                }
            }
            if value <= Int128.max / 10 { value *= 10 }
        }
    }

    @Test func amountsQuantitiesAndPercentages() {
        #expect(Money(ore: 0).swedish == "0,00 kr")
        #expect(Money(ore: -50).swedish == "−0,50 kr")
        #expect(Money(ore: 100_225).swedish == "1 002,25 kr")
        #expect(Money(ore: 1_000_000_000_000).swedish == "10 000 000 000,00 kr")
        // "-0" and "-0.00" are zero: no sign.
        #expect(SwedishText.decimal(ScaledDecimal.parse("-0", maxScale: 2, allowNegative: true)!) == "0")
        #expect(SwedishText.decimal(ScaledDecimal.parse("-0.00", maxScale: 2, allowNegative: true)!) == "0")
        #expect(SwedishText.percent(ScaledDecimal(units: 290, scale: 2)) == "2,9 %")
        #expect(SwedishText.decimal(ScaledDecimal(units: 1_000_000, scale: 0)) == "1 000 000")
        #expect(SwedishText.integer(2959) == "2 959")
        #expect(SwedishText.integer(-12) == "−12")
        // Exact values: öre as kronor with at least two decimals; a quotient of whole kronor when
        // the decimals never end.
        #expect(SwedishText.kronor(Exact(numerator: 1_002_246, denominator: 10)) == "1 002,246 kr")
        #expect(SwedishText.kronor(Exact(numerator: 840_700, denominator: 60)) == "8 407/60 kr")
        #expect(SwedishText.kronor(Exact(numerator: -1_000_000, denominator: 3)) == "−10 000/3 kr")
        #expect(SwedishText.number(Exact(numerator: 3001, denominator: 2)) == "1 500,5")
        #expect(SwedishText.number(Exact(numerator: -1000, denominator: 3)) == "−1 000/3")
    }

    /// No text writes a number another way: the derivation of an indexed amount above 1 000 kr
    /// (issue 16: "974,00 kr × (1 + 2,9/100) = 10 02,246 kr").
    @Test func theIndexationsDerivationIsGroupedLikeEveryOtherNumber() throws {
        let set = try FeeFixture.tariffs(
            #""fees":{"i":{"name":"I","text":"t","price":[{"fixed":{"base":"974.00","indexed_by":{"series":"PKV","publication_month":10,"publication_years_before":1,"rounding":{"step":"1.00","mode":"half_up"},"paragraph":"2 §","text":"t"}}}]}}"#
        )
        let result = FeeFixture.price(set, #"[{"fee":"i","date":"2025-03-01"}]"#, extra: #""explain":true"#)
        let explanation = result.feeLines.first?["explanation"] as? [String] ?? []
        #expect(
            explanation.contains { $0.hasPrefix("2025: 974,00 kr × (1 + 2,9/100) = 1 002,246 kr, avrundat till hela kronor, hälften uppåt = 1 002,00 kr;") })
        #expect(!explanation.joined().contains("10 02"))
    }
}
