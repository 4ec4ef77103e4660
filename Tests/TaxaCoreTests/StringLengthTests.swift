import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// String lengths are counted in characters; a string whose byte count already proves its
/// count in range is not counted, and the limits hold exactly either way.
@Suite struct StringLengthTests {
    static func read(_ text: String, _ length: ClosedRange<Int>) -> String {
        let json = "\"" + text + "\""
        guard case .success(let document) = Array(json.utf8).withUnsafeBytes({ JSONDocument.parse($0) }) else { return "not JSON" }
        return document.withValue { value in
            do throws(FieldError) { return try Read.string(value, length: length) } catch { return error.message }
        }
    }

    @Test func theLimitsHoldExactly() {
        let a200 = String(repeating: "a", count: 200)
        #expect(Self.read(a200, 1...200) == a200)
        #expect(Self.read(a200 + "a", 1...200) == "expected a string of 1–200 characters, got 201")
        #expect(Self.read("", 1...200) == "expected a string of 1–200 characters, got 0")
        // 200 characters of two bytes each (400 bytes): counted, and in range.
        let å200 = String(repeating: "å", count: 200)
        #expect(Self.read(å200, 1...200) == å200)
        #expect(Self.read(å200 + "å", 1...200) == "expected a string of 1–200 characters, got 201")
        // A lower bound above 1: "åå" is 4 bytes but 2 characters.
        #expect(Self.read("åå", 3...10) == "expected a string of 3–10 characters, got 2")
        #expect(Self.read("ååå", 3...10) == "ååå")
        #expect(Self.read("abc", 3...10) == "abc")
    }
}
