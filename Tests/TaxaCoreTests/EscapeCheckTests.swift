import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The word-at-a-time escape check agrees with the byte-by-byte definition for every byte
/// value at every position of every length up to 20, beside clean ASCII and UTF-8 bytes.
@Suite struct EscapeCheckTests {
    static func scalar(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }
    }

    @Test func agreesWithTheByteByByteCheck() {
        var checked = 0
        for length in 1...20 {
            for position in 0..<length {
                for value in 0...255 {
                    for filler: UInt8 in [0x61, 0xC3, 0xA5, 0x80, 0xFF, 0x21, 0x7E] {
                        var bytes = [UInt8](repeating: filler, count: length)
                        bytes[position] = UInt8(value)
                        let fast = bytes.withUnsafeBufferPointer { JSONWriter.needsEscaping($0) }
                        if fast != Self.scalar(bytes) {
                            Issue.record("\(bytes): word-wise \(fast)")
                            return
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 20 * 21 / 2 * 256 * 7)
        #expect([UInt8]().withUnsafeBufferPointer { JSONWriter.needsEscaping($0) } == false)
    }

    @Test func aResultTextWithAQuoteIsEscaped() {
        var w = JSONWriter()
        w.string { $0.appendText("Avgift \"a)\" enligt 3 § — 1 133,00 kr") }
        #expect(String(decoding: w.bytes, as: UTF8.self) == #""Avgift \"a)\" enligt 3 § — 1 133,00 kr""#)
    }
}
