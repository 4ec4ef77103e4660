import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Names matched as text (Swift's `==`, canonical equivalence) are refused as duplicates when
/// two of them are the same text in different Unicode forms: "Åk 1-3" written with U+00C5 and
/// with U+0041 U+030A. Otherwise a request naming both is priced by whichever comes first, and a
/// tariff naming both passes check and then fails every request.
@Suite struct EquivalentNamesTests {
    /// "Åk 1-3" with one code point and with a combining ring.
    static let composed = "\u{C5}k 1-3"
    static let decomposed = "A\u{30A}k 1-3"

    @Test func theTwoSpellingsAreOneText() {
        #expect(Self.composed == Self.decomposed)
        #expect(!Self.composed.sameBytes(Self.decomposed))
        #expect(SameText.firstRepeat(["a", Self.composed, "b", Self.decomposed])! == (3, 1))
        #expect(SameText.firstRepeat(["a", "b", Self.composed]) == nil)
        #expect(SameText.shown(Self.decomposed) == "\"\(Self.decomposed)\" (written \"A\\u030ak 1-3\")")
        #expect(SameText.shown("Gymn") == "\"Gymn\"")
    }

    // MARK: - Requests

    /// A BEP month giving "Åk 1-3" in both spellings (397 and 1): one group counted twice.
    @Test func aPerCapitaMonthNamingAGroupTwiceIsRefused() {
        for (first, second) in [(Self.composed, Self.decomposed), (Self.decomposed, Self.composed)] {
            var months = zip(PerCapitaTests.groups, PerCapitaTests.printed[0].actual).map {
                "\(PerCapitaTests.quoted($0 == Self.composed ? first : $0)):\($1)"
            }
            months.append("\(PerCapitaTests.quoted(second)):1")
            let line = PerCapitaTests.request([("2023-09", "{" + months.joined(separator: ",") + "}")])
            let result = TestSupport.json(TestSupport.answer(line))
            let error = result["error"] as? [String: Any] ?? [:]
            #expect(result["ok"] as? Bool == false)
            #expect(error["code"] as? String == "invalid_request")
            #expect(error["path"] as? String == "months[\"2023-09\"][\"\(second)\"]")
            #expect((error["message"] as? String)?.contains("is the same text as \"\(first)\"") == true, "\(error)")
        }
    }

    @Test func eitherSpellingAloneNamesTheGroup() {
        let printed = PerCapitaTests.counts(PerCapitaTests.printed[0].actual)
        let composed = TestSupport.json(TestSupport.answer(PerCapitaTests.request([("2023-09", printed)])))
        let decomposed = TestSupport.json(
            TestSupport.answer(
                PerCapitaTests.request([("2023-09", printed.replacingOccurrences(of: Self.composed, with: Self.decomposed))])))
        #expect(composed["total"] as? String == "548005.00")
        #expect(decomposed["total"] as? String == "548005.00")
    }

    // MARK: - Tariff files

    static func perCapita(_ groups: [String]) -> String {
        let members = groups.map { #""\#($0)":{"yearly_amount":"100.00","budgeted_count":1}"# }.joined(separator: ",")
        return
            #"{"tariff":"t/p","title":"Test","kind":"per_capita","valid_from":"2024-01-01","decided":"2024-01-01","decision":{"body":"Test","reference":"Test"},"currency":"SEK","per_capita":{"text":"t","rounding":{"step":"1.00","mode":"half_up"},"groups":{\#(members)}}}"#
    }

    @Test func aPerCapitaTariffNamingAGroupTwiceIsACheckError() throws {
        let errors = try FeeFixture.errors(["t/p/2024-01-01.json": Self.perCapita([Self.composed, "Gymn", Self.decomposed])])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("t/p/2024-01-01.json: per_capita.groups[\"\(Self.decomposed)\"]: the group") == true, "\(errors)")
        #expect(errors.first?.contains("(written \"\\u00c5k 1-3\")") == true)
        #expect(try FeeFixture.errors(["t/p/2024-01-01.json": Self.perCapita([Self.composed, "Gymn"])]).isEmpty)
    }

    @Test func anHourlyTariffNamingAnActivityTwiceIsACheckError() throws {
        let activity = #"{"name":"N","paragraph":"1 §","charge":"hourly","text":"t"}"#
        let body =
            #"{"tariff":"t/h","title":"Test","kind":"hourly","valid_from":"2024-01-01","decided":"2024-01-01","decision":{"body":"Test","reference":"Test"},"currency":"SEK","hourly":{"rate":"1000.00","paragraph":"1 §","text":"t","increment_minutes":15,"increment_rounding":"up"},"activities":{"\#(Self.composed)":\#(activity),"\#(Self.decomposed)":\#(activity)}}"#
        let errors = try FeeFixture.errors(["t/h/2024-01-01.json": body])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("t/h/2024-01-01.json: activities[\"\(Self.decomposed)\"]: the activity") == true, "\(errors)")
    }

    @Test func aChoiceListingAValueTwiceIsACheckError() throws {
        let errors = try FeeFixture.errors(
            #""fees":{"f":{"name":"F","text":"t","inputs":{"k":{"type":"choice","values":["\#(Self.composed)","\#(Self.decomposed)"]}},"price":[{"fixed":"1.00"}]}}"#
        )
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("t/a/2024-01-01.json: fees.f.inputs.k.values[1]: the value") == true, "\(errors)")
    }

    @Test func aLookupWithACaseTwiceIsACheckError() throws {
        // Values that are distinct text, but cases keyed by both spellings of one of them.
        let errors = try FeeFixture.errors(
            #""fees":{"f":{"name":"F","text":"t","inputs":{"k":{"type":"choice","values":["\#(Self.composed)","B"]}},"price":[{"lookup":{"input":"k","cases":{"\#(Self.composed)":[{"fixed":"1.00"}],"\#(Self.decomposed)":[{"fixed":"2.00"}],"B":[{"fixed":"3.00"}]}}}]}}"#
        )
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("t/a/2024-01-01.json: fees.f.price[0].lookup.cases[\"\(Self.decomposed)\"]: the case") == true, "\(errors)")
    }

    @Test func aChoiceValueInEitherSpellingFindsItsCase() throws {
        let set = try FeeFixture.tariffs(
            #""fees":{"f":{"name":"F","text":"t","inputs":{"k":{"type":"choice","values":["\#(Self.composed)","B"]}},"price":[{"lookup":{"input":"k","cases":{"\#(Self.composed)":[{"fixed":"1.00"}],"B":[{"fixed":"3.00"}]}}}]}}"#
        )
        for spelling in [Self.composed, Self.decomposed] {
            let result = FeeFixture.price(set, #"[{"fee":"f","date":"2024-03-01","inputs":{"k":"\#(spelling)"}}]"#)
            #expect(result.amounts == ["1.00"])
        }
    }

    @Test func twoTariffFoldersSpellingOneIdAreACheckError() throws {
        let body = #""fees":{"f":{"name":"F","text":"t","price":[{"fixed":"1.00"}]}}"#
        let errors = try FeeFixture.errors([
            "t/\(Self.composed)/2024-01-01.json": FeeFixture.version(body, id: "t/\(Self.composed)"),
            "t/\(Self.decomposed)/2025-01-01.json": FeeFixture.version(body, id: "t/\(Self.decomposed)", validFrom: "2025-01-01"),
        ])
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.contains("is the same text as") == true)
        #expect(errors.first?.hasSuffix("rename one folder") == true)
    }
}
