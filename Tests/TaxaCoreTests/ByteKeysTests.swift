import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Tariff ids and fee keys are found by their bytes; a name in another Unicode normal form is
/// still found by the callers' fallback to `==`.
@Suite struct ByteKeysTests {
    @Test func findsExactlyTheKeyWithTheseBytes() {
        let keys = ByteKeys(["oxelosund/laff", "oxelosund/lå", "oxelosund/laff2", ""])
        #expect(keys.count == 4)
        #expect(keys.index(of: "oxelosund/laff") == 0)
        #expect(keys.index(of: "oxelosund/lå") == 1)
        #expect(keys.index(of: "oxelosund/laff2") == 2)
        #expect(keys.index(of: "") == 3)
        #expect(keys.index(of: "oxelosund/laf") == nil)
        #expect(keys.index(of: "Oxelosund/laff") == nil)
        // "å" decomposed (a + combining ring) has other bytes: not found here.
        #expect(keys.index(of: "oxelosund/la\u{30A}") == nil)
    }

    @Test func aFeeKeyInAnotherNormalFormIsFoundByTheFallback() {
        let fee = FeeDefinition(
            key: "hemtjänst", name: "Hemtjänst", paragraph: nil, text: "", inputs: [], quantity: nil,
            price: [FixedBlock(amount: .constant(Money(ore: 100)))], position: 0, path: .root)
        let rules = FeeRules(fees: [fee])
        #expect(rules.fee("hemtjänst") === fee)
        #expect(rules.fee("hemtja\u{308}nst") === fee)
        #expect(rules.fee("hemtjanst") == nil)
    }

    @Test func aTariffIsFoundByTheBytesOfTheRequest() throws {
        let set = TestSupport.shippedTariffs
        let id = Array("oxelosund/po".utf8)
        let found = try #require(id.withUnsafeBufferPointer { set.rateCache.tariffIndex($0) })
        #expect(set.rateCache.tariff(at: found).id == "oxelosund/po")
        #expect(set.rateCache.tariff(at: found) === set.tariffs["oxelosund/po"])
        let missing = Array("oxelosund/p".utf8).withUnsafeBufferPointer { set.rateCache.tariffIndex($0) }
        #expect(missing == nil)
    }
}
