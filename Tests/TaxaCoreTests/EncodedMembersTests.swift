import Testing

@testable import TaxaBase
@testable import TaxaEngine

/// The parts of a result encoded once at load and copied whole (accounting codes, the
/// provenance of a digest derived at load) read exactly as when written field by field.
@Suite struct EncodedMembersTests {
    static func written(_ body: (inout JSONWriter) -> Void) -> String {
        JSONWriter.text { w in
            w.beginObject()
            w.key("a"); w.integer(1)
            body(&w)
            w.key("b"); w.integer(2)
            w.endObject()
        }
    }

    @Test func accountingCodesAreOneMemberWithTheirCommasAndEscapes() {
        let accounting = Accounting(keys: ["konto", "ansvar"], values: ["3151", "61\"00"])
        #expect(Self.written { accounting.write(into: &$0) } == #"{"a":1,"accounting":{"konto":"3151","ansvar":"61\"00"},"b":2}"#)
        // First in an object: no comma before it.
        #expect(
            JSONWriter.text { w in
                w.beginObject(); accounting.write(into: &w); w.endObject()
            }
                == #"{"accounting":{"konto":"3151","ansvar":"61\"00"}}"#)
    }

    @Test func aDigestDerivedAtLoadWritesWhatTheSameDigestComputedPerRequestWrites() throws {
        let set = try #require(TariffLoader.load(root: TestSupport.path("Fixtures/billing-example")).tariffSet)
        let versions = try #require(set.tariffs["exempel/fakturering"]?.versions)
        let perRequest = RuleDigest(versions: versions, uses: [])
        let atLoad = perRequest.computed()
        #expect(atLoad !== perRequest)
        let names = versions.map { "\"\($0.name)\"" }.joined(separator: ",")
        let expected = #"{"a":1,"versions":["# + names + #"],"tariff_digest":""# + perRequest.value + #"","b":2}"#
        #expect(Self.written { perRequest.write(into: &$0) } == expected)
        #expect(Self.written { atLoad.write(into: &$0) } == expected)
    }
}
