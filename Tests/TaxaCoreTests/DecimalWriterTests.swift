import Testing

@testable import TaxaBase

/// `appendDecimal` writes 64-bit values by 64-bit arithmetic and wider ones by 128-bit: both
/// must write what `decimalText` builds digit by digit, at every scale, either side of the edge.
@Suite struct DecimalWriterTests {
    @Test func writesWhatDecimalTextBuildsAtEveryScale() {
        var values: [Int128] = [0, 1, -1, 7, 10, -100, 105, 123_456_789, -987_654_321_000]
        let edge = Int128(UInt64.max)
        values += [edge, -edge, edge + 1, -(edge + 1), edge - 1, Int128(Int64.max), Int128(Int64.min), edge * 1_000 + 3]
        for power in 0..<39 {
            var ten: Int128 = 1
            for _ in 0..<power { ten *= 10 }
            values += [ten, ten - 1, -ten, ten + 5]
        }
        for scale in 0...25 {
            for value in values {
                #expect(JSONWriter.text { $0.appendDecimal(value, scale: scale) } == decimalText(value, scale: scale), "\(value) at scale \(scale)")
            }
        }
    }
}
