import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The published tariff shapes of issue 17, each written as one fee the way the tariff prints
/// it: tiers on the billed quantity (graduated and volume), a base amount plus a per-unit part,
/// products of factors (SKR's mPBB × OF × HF × N), grids with an empty cell (not offered), and
/// amounts, pipelines, factors and inputs written once. Expected amounts are worked by hand in
/// the comments; test tariffs only (the figures are not a municipality's).
@Suite struct VocabularyShapeTests {
    typealias Fixture = FeeFixture

    static func one(_ fee: String, _ inputs: String? = nil, date: String = "2024-06-01") -> String {
        FeeEngineTests.one(fee, inputs, date: date)
    }

    static let shapes: TariffSet = {
        let fees = [
            // "1–19 sidor avgiftsfritt, 20 sidor 70 kr, 2 kr per sida utöver den tjugonde": one
            // fee, the pages of a request summed.
            #""kopior":{"name":"Kopior","text":"1–19 sidor avgiftsfritt, 20 sidor 70 kr, 2 kr per sida utöver den tjugonde.","inputs":{"sidor":{"type":"integer","min":1,"max":100000}},"quantity":{"input":"sidor","unit":"sidor","scope":"request"},"price":[{"tiers":{"mode":"graduated","tiers":[{"up_to":"19","flat":"0.00"},{"up_to":"20","flat":"70.00"},{"unit_price":"2.00"}]}}]}"#,
            // "Första sidan 40 kr, 4 kr per sida därutöver".
            #""utskrift":{"name":"Utskrift","text":"Första sidan 40 kr, 4 kr per sida därutöver.","inputs":{"sidor":{"type":"integer","min":1,"max":1000}},"quantity":{"input":"sidor","unit":"sidor","scope":"item"},"price":[{"tiers":{"mode":"graduated","tiers":[{"up_to":"1","flat":"40.00"},{"unit_price":"4.00"}]}}]}"#,
            // The same tiers in both models.
            #""trappa":{"name":"Trappa","text":"t","inputs":{"m":{"type":"decimal","scale":1,"min":"0","max":"1000"}},"quantity":{"input":"m","unit":"m³","scope":"item"},"price":[{"tiers":{"mode":"graduated","tiers":[{"up_to":"10","unit_price":"5.00"},{"up_to":"20","unit_price":"4.00","flat":"10.00"},{"unit_price":"3.00","flat":"20.00"}]}}]}"#,
            #""volym":{"name":"Volym","text":"t","inputs":{"m":{"type":"decimal","scale":1,"min":"0","max":"1000"}},"quantity":{"input":"m","unit":"m³","scope":"item"},"price":[{"tiers":{"mode":"volume","tiers":[{"up_to":"10","unit_price":"5.00"},{"up_to":"20","unit_price":"4.00","flat":"10.00"},{"unit_price":"3.00","flat":"20.00"}]}}]}"#,
            // Tiers on a quantity billed per started quarter hour, with a unit price per hour.
            #""kvart":{"name":"Kvart","text":"t","inputs":{"min":{"type":"integer","min":0,"max":600}},"quantity":{"input":"min","unit":"min","increment":15,"rounding":"up","scope":"item"},"price":[{"tiers":{"mode":"graduated","per":60,"tiers":[{"up_to":"60","flat":"500.00"},{"up_to":"600","unit_price":"1200.00"}]}}]}"#,
            // mPBB × OF × HF × N, SKR's PBL model, then rounded to whole kronor.
            #""bygglov":{"name":"Bygglov","text":"mPBB × OF × HF × N","inputs":{"area":{"type":"decimal","scale":1,"min":"0","max":"10000"},"arende":{"type":"choice","values":["nybyggnad","tillbyggnad","fasadandring"]}},"price":[{"fixed":{"index":"PBB","times":"0.001"}},{"multiply":{"name":"OF","bands":{"input":"area","bands":[{"up_to":"50","factor":"4"},{"up_to":"100","factor":"6"},{"factor":"8"}]}}},{"multiply":{"name":"HF","lookup":{"input":"arende","cases":{"nybyggnad":"24","tillbyggnad":"20","fasadandring":null}}}},{"multiply":{"name":"N","factor":"0.8"}},{"round":{"step":"1.00","mode":"half_up"}}]}"#,
            // (mPBB × 5) + 40 kr kungörelse, and N given by the case officer.
            #""kungorelse":{"name":"Kungörelse","text":"(mPBB × 5) + 40 kr kungörelse","inputs":{"n":{"type":"decimal","scale":2,"min":"0","max":"10"}},"price":[{"fixed":{"index":"PBB","times":"0.001"}},{"multiply":"5"},{"add":{"amount":"40.00","text":"kungörelse"}},{"multiply":{"input":"n","name":"N"}}]}"#,
            // A waste grid as printed: bin size × emptying interval, one cell empty.
            #""hamtning":{"name":"Hämtning","text":"Kärlstorlek × tömningsintervall","inputs":{"karl":{"type":"choice","values":["140","190","370","660"]},"tomning":{"type":"choice","values":["varje_vecka","varannan_vecka"]}},"price":[{"table":{"keys":[{"input":"karl","values":["140","190","370"]},{"input":"tomning","values":["varje_vecka","varannan_vecka"]}],"cells":[["1200.00","900.00"],["1500.00","1100.00"],["2900.00",null]]}}]}"#,
            // A grid whose rows are bands of an area, cells factors.
            #""areal":{"name":"Areal","text":"t","inputs":{"area":{"type":"integer","min":0,"max":1000},"zon":{"type":"choice","values":["a","b"]}},"price":[{"fixed":"100.00"},{"multiply":{"table":{"keys":[{"input":"area","up_to":["100","500"]},{"input":"zon","values":["a","b"]}],"cells":[["1","1.5"],["2","2.5"]]}}}]}"#,
        ]
        return try! FeeFixture.tariffs(#""fees":{"# + fees.joined(separator: ",") + "}")
    }()

    // MARK: - Tiers

    @Test func theCopyFeeIsOneFeeOnTheSummedPages() {
        // 10 + 15 = 25 pages: 0 (pages 1–19) + 70 (page 20) + 5 × 2 (pages 21–25) = 80,00 kr.
        let result = Fixture.price(
            Self.shapes,
            FeeEngineTests.items([("kopior", "2024-06-01", #"{"sidor":10}"#), ("kopior", "2024-06-01", #"{"sidor":15}"#)]))
        #expect(result.amounts == ["80.00"], "\(result)")
        #expect(result.feeLines.first?["text"] as? String == "Kopior: 25 sidor = 70,00 kr + (5 sidor à 2,00 kr) = 80,00 kr")
        // One item of 25 pages is the same line.
        #expect(Fixture.price(Self.shapes, Self.one("kopior", #"{"sidor":25}"#)).amounts == ["80.00"])
    }

    @Test(arguments: [
        (1, "0.00", "Kopior: 1 sidor = 0,00 kr"),
        (19, "0.00", "Kopior: 19 sidor = 0,00 kr"),  // the top of the free tier
        (20, "70.00", "Kopior: 20 sidor = 70,00 kr"),  // the tier of page 20 reached: its flat amount
        (21, "72.00", "Kopior: 21 sidor = 70,00 kr + (1 sidor à 2,00 kr) = 72,00 kr"),
        (100, "230.00", "Kopior: 100 sidor = 70,00 kr + (80 sidor à 2,00 kr) = 230,00 kr"),
    ])
    func copyFeeAtItsTierEdges(_ pages: Int, _ amount: String, _ text: String) {
        let result = Fixture.price(Self.shapes, Self.one("kopior", #"{"sidor":\#(pages)}"#))
        #expect(result.amounts == [amount], "\(result)")
        #expect(result.feeLines.first?["text"] as? String == text)
    }

    @Test func aFirstPageAndAPricePerPageThereafter() {
        // 1 page: 40 kr; 5 pages: 40 + 4 × 4 = 56 kr.
        #expect(Fixture.price(Self.shapes, Self.one("utskrift", #"{"sidor":1}"#)).amounts == ["40.00"])
        let five = Fixture.price(Self.shapes, Self.one("utskrift", #"{"sidor":5}"#))
        #expect(five.amounts == ["56.00"])
        #expect(five.feeLines.first?["text"] as? String == "Utskrift 2024-06-01: 5 sidor = 40,00 kr + (4 sidor à 4,00 kr) = 56,00 kr")
    }

    /// Tiers up to 10 at 5 kr, up to 20 at 4 kr + 10 kr, above at 3 kr + 20 kr.
    @Test(arguments: [
        // m, graduated, volume
        ("0", "0.00", "0.00"),  // 0 lies in the first tier, which has no flat amount
        ("10", "50.00", "50.00"),  // 10 × 5
        ("10.1", "60.40", "50.40"),  // 50 + 0,1 × 4 + 10 | 10,1 × 4 + 10
        ("11", "64.00", "54.00"),  // 50 + 1 × 4 + 10 | 11 × 4 + 10
        ("20", "100.00", "90.00"),  // 50 + 10 × 4 + 10 | 20 × 4 + 10
        ("21", "123.00", "83.00"),  // 100 + 1 × 3 + 20 | 21 × 3 + 20
        ("100.5", "361.50", "321.50"),  // 100 + 80,5 × 3 + 20 | 100,5 × 3 + 20
    ])
    func graduatedAndVolumeAtTheTierEdges(_ m: String, _ graduated: String, _ volume: String) {
        #expect(Fixture.price(Self.shapes, Self.one("trappa", #"{"m":"\#(m)"}"#)).amounts == [graduated], "graduated \(m)")
        #expect(Fixture.price(Self.shapes, Self.one("volym", #"{"m":"\#(m)"}"#)).amounts == [volume], "volume \(m)")
    }

    @Test func volumeTextPricesTheWholeQuantity() {
        let result = Fixture.price(Self.shapes, Self.one("volym", #"{"m":"21"}"#))
        #expect(result.feeLines.first?["text"] as? String == "Volym 2024-06-01: 21 m³ = (21 m³ à 3,00 kr) + 20,00 kr = 83,00 kr")
    }

    @Test func tiersPriceTheBilledQuantityInWholeIncrements() {
        // 61 min → 75 min billed (5 started quarters): 500 + 15 × 1 200 / 60 = 800,00 kr.
        let result = Fixture.price(Self.shapes, Self.one("kvart", #"{"min":61}"#))
        #expect(result.amounts == ["800.00"], "\(result)")
        #expect(result.billed == ["75"])
        #expect(
            result.feeLines.first?["text"] as? String
                == "Kvart 2024-06-01: 75 min = 500,00 kr + (15 min à 1 200,00 kr per 60 min) = 800,00 kr")
        // 600 min billed is the top of the last tier; nothing above it is stated.
        #expect(Fixture.price(Self.shapes, Self.one("kvart", #"{"min":600}"#)).amounts == ["11300.00"])
    }

    @Test func aboveTheLastTierIsAnInvalidRequest() throws {
        let set = try FeeFixture.tariffs(
            #""fees":{"t":{"name":"T","text":"t","inputs":{"q":{"type":"integer","min":0,"max":1000}},"quantity":{"input":"q","unit":"st","scope":"request"},"price":[{"tiers":{"mode":"volume","tiers":[{"up_to":"10","unit_price":"1.00"}]}}]}}"#
        )
        let result = Fixture.price(
            set, FeeEngineTests.items([("t", "2024-06-01", #"{"q":6}"#), ("t", "2024-06-01", #"{"q":5}"#)]))
        #expect(
            result.errorText
                == "invalid_request @ items[0].inputs.q: gives a billed quantity of 11, above the highest tier of t (up to 10); the tariff states no fee above it"
        )
    }

    // MARK: - Factors and added amounts

    @Test(arguments: [
        // PBB 2024 = 57 300 kr, mPBB = 57,30 kr.
        ("120", "nybyggnad", "8801.00"),  // 57,30 × 8 × 24 × 0,8 = 8 801,28 → 8 801
        ("50", "nybyggnad", "4401.00"),  // 57,30 × 4 × 24 × 0,8 = 4 400,64 → 4 401 (band top inclusive)
        ("50.1", "tillbyggnad", "5501.00"),  // 57,30 × 6 × 20 × 0,8 = 5 500,80 → 5 501
        ("10000", "tillbyggnad", "7334.00"),  // 57,30 × 8 × 20 × 0,8 = 7 334,40 → 7 334
    ])
    func mPBBTimesObjectFactorTimesHandlingFactorTimesN(_ area: String, _ kind: String, _ amount: String) {
        let result = Fixture.price(Self.shapes, Self.one("bygglov", #"{"area":"\#(area)","arende":"\#(kind)"}"#))
        #expect(result.amounts == [amount], "\(result)")
    }

    @Test func theFactorProductReadsAsTheTariffPrintsIt() {
        let result = Fixture.price(Self.shapes, Self.one("bygglov", #"{"area":"120","arende":"nybyggnad"}"#), extra: #""explain":true"#)
        #expect(
            result.feeLines.first?["text"] as? String
                == "Bygglov 2024-06-01: 57,30 kr, × 8 (OF) = 458,40 kr, × 24 (HF) = 11 001,60 kr, × 0,8 (N) = 8 801,28 kr, avrundat till hela kronor, hälften uppåt = 8 801,00 kr"
        )
        let explanation = result.feeLines.first?["explanation"] as? [String] ?? []
        #expect(explanation.contains("OF 8 (area 120 (över 100)): 57,30 kr × 8 = 458,40 kr."))
        #expect(explanation.contains("HF 24 (arende nybyggnad): 458,40 kr × 24 = 11 001,60 kr."))
    }

    /// At the lookup's input, as a `lookup` block's case left out (the reference interpreter
    /// found the two apart).
    @Test func aCaseLeftEmptyInAFactorLookupIsNotOffered() {
        let result = Fixture.price(Self.shapes, Self.one("bygglov", #"{"area":"120","arende":"fasadandring"}"#))
        #expect(
            result.errorText
                == "not_offered @ items[0].inputs.arende: fees.bygglov is not offered for arende = fasadandring: the tariff leaves that cell of its table empty"
        )
    }

    @Test func aBasePlusAnAddedAmountTimesAFactorTheOfficerGives() {
        // (57,30 × 5 + 40) × 1,2 = 326,50 × 1,2 = 391,80 kr.
        let result = Fixture.price(Self.shapes, Self.one("kungorelse", #"{"n":"1.2"}"#))
        #expect(result.amounts == ["391.80"])
        #expect(
            result.feeLines.first?["text"] as? String
                == "Kungörelse 2024-06-01: 57,30 kr, × 5 = 286,50 kr, + 40,00 kr (kungörelse) = 326,50 kr, × 1,2 (N) = 391,80 kr")
        // A factor of 1 changes nothing and is not a step of the text.
        #expect(
            Fixture.price(Self.shapes, Self.one("kungorelse", #"{"n":"1"}"#)).feeLines.first?["text"] as? String
                == "Kungörelse 2024-06-01: 57,30 kr, × 5 = 286,50 kr, + 40,00 kr (kungörelse) = 326,50 kr")
    }

    // MARK: - Grids

    @Test(arguments: [
        ("140", "varje_vecka", "1200.00"), ("140", "varannan_vecka", "900.00"),
        ("190", "varje_vecka", "1500.00"), ("190", "varannan_vecka", "1100.00"),
        ("370", "varje_vecka", "2900.00"),
    ])
    func aGridAsPrinted(_ bin: String, _ interval: String, _ amount: String) {
        #expect(Fixture.price(Self.shapes, Self.one("hamtning", #"{"karl":"\#(bin)","tomning":"\#(interval)"}"#)).amounts == [amount])
    }

    @Test func anEmptyCellIsNotOfferedNamingTheInputsAndValues() {
        let result = Fixture.price(
            Self.shapes,
            FeeEngineTests.items([
                ("hamtning", "2024-06-01", #"{"karl":"140","tomning":"varje_vecka"}"#),
                ("hamtning", "2024-06-01", #"{"karl":"370","tomning":"varannan_vecka"}"#),
            ]))
        #expect(!result.ok)
        #expect(
            result.errorText
                == "not_offered @ items[1].inputs: fees.hamtning is not offered for karl = 370, tomning = varannan_vecka: the tariff leaves that cell of its table empty"
        )
        // A value of the input that no row lists (a 660 l bin) is not offered either.
        #expect(
            Fixture.price(Self.shapes, Self.one("hamtning", #"{"karl":"660","tomning":"varje_vecka"}"#)).errorText
                == "not_offered @ items[0].inputs: fees.hamtning is not offered for karl = 660, tomning = varje_vecka: the tariff lists no price for karl = 660 (it lists: 140, 190, 370)"
        )
        // A value the input does not have is still an invalid request.
        #expect(
            Fixture.price(Self.shapes, Self.one("hamtning", #"{"karl":"80","tomning":"varje_vecka"}"#)).errorText.hasPrefix(
                "invalid_request @ items[0].inputs.karl:"))
    }

    @Test(arguments: [
        (0, "a", "100.00"), (100, "a", "100.00"), (100, "b", "150.00"),  // row tops inclusive
        (101, "a", "200.00"), (500, "b", "250.00"),
    ])
    func aGridOfFactorsByBandsAndValues(_ area: Int, _ zone: String, _ amount: String) {
        #expect(Fixture.price(Self.shapes, Self.one("areal", #"{"area":\#(area),"zon":"\#(zone)"}"#)).amounts == [amount])
    }

    @Test func aboveTheLastRowOfAGridIsAnInvalidRequest() {
        #expect(
            Fixture.price(Self.shapes, Self.one("areal", #"{"area":501,"zon":"a"}"#)).errorText
                == "invalid_request @ items[0].inputs.area: is 501, above the highest row of the table of fees.areal (up to 500); the tariff states no fee above it"
        )
    }

    // MARK: - Written once

    static let eksjoLike = #"""
        "definitions":{
          "grundavgift":{"amount":"1133.00","text":"Grundavgiften"},
          "tjanster":{"input":{"type":"choice","values":["alla","vatten","avlopp"],"default":"alla"}},
          "andel":{"pipeline":[{"lookup":{"input":"tjanster","cases":{"alla":[{"share":"1"}],"vatten":[{"share":"0.30"},{"round":{"step":"0.01","mode":"half_up"}}],"avlopp":[{"share":"0.70"},{"round":{"step":"0.01","mode":"half_up"}}]}}}]},
          "storlek":{"factor":{"lookup":{"input":"qn","cases":{"2.5":"1","6":"2"}}}}
        },
        "fees":{
          "matstalle":{"name":"Mätställe","text":"t","inputs":{"tjanster":{"use":"tjanster"}},"price":[{"fixed":{"use":"grundavgift"}},{"use":"andel"}]},
          "lagenhet":{"name":"Lägenhet","text":"t","inputs":{"n":{"type":"integer","min":1,"max":100},"tjanster":{"use":"tjanster"}},"quantity":{"input":"n","unit":"lägenheter","scope":"item"},"price":[{"per_unit":{"price":{"use":"grundavgift"}}},{"use":"andel"}]},
          "matare":{"name":"Mätare","text":"t","inputs":{"qn":{"type":"choice","values":["2.5","6"]},"tjanster":{"use":"tjanster"}},"price":[{"fixed":"8821.00"},{"multiply":{"use":"storlek"}},{"use":"andel"}]}
        }
        """#

    @Test func definitionsAreWrittenOnceAndUsedByEveryFee() throws {
        let set = try FeeFixture.tariffs(Self.eksjoLike)
        // 30 % of 1 133 kr = 339,90 kr; 2 × 1 133 × 70 % = 1 586,20 kr; 2 × 8 821 × 30 % = 5 292,60 kr.
        #expect(Fixture.price(set, Self.one("matstalle", #"{"tjanster":"vatten"}"#)).amounts == ["339.90"])
        #expect(Fixture.price(set, Self.one("matstalle")).amounts == ["1133.00"])
        #expect(Fixture.price(set, Self.one("lagenhet", #"{"n":2,"tjanster":"avlopp"}"#)).amounts == ["1586.20"])
        #expect(Fixture.price(set, Self.one("matare", #"{"qn":"6","tjanster":"vatten"}"#)).amounts == ["5292.60"])
    }

    @Test func aDefinitionUsedWrongOrNotAtAllIsRefused() throws {
        let file = RuleVocabularyParsingTests.file
        let unused = Self.eksjoLike.replacingOccurrences(
            of: #""grundavgift":{"amount":"1133.00","text":"Grundavgiften"},"#,
            with: #""grundavgift":{"amount":"1133.00","text":"Grundavgiften"},"extra":{"amount":"1.00"},"#)
        #expect(
            try FeeFixture.errors(unused)
                == ["\(file): definitions.extra: is defined but no fee, cap or definition uses it; use it as {\"use\": \"extra\"} or remove it"])
        let wrongKind = Self.eksjoLike.replacingOccurrences(of: #"{"fixed":{"use":"grundavgift"}}"#, with: #"{"fixed":{"use":"andel"}}"#)
        #expect(
            try FeeFixture.errors(wrongKind)
                == [
                    "\(file): fees.matstalle.price[0].fixed.use: names \"andel\", which is a pipeline (definitions.andel.pipeline); an amount is expected here"
                ])
        let unknown = Self.eksjoLike.replacingOccurrences(of: #"{"use":"andel"}]},"#, with: #"{"use":"andell"}]},"#)
        #expect(
            try FeeFixture.errors(unknown)
                == [
                    "\(file): fees.matstalle.price[1].use: names \"andell\", which is not defined under \"definitions\" (a pipeline defined there: andel)"
                ])
        // A pipeline defined against an input the using fee does not declare.
        let missingInput = Self.eksjoLike.replacingOccurrences(
            of: #""inputs":{"tjanster":{"use":"tjanster"}},"price":[{"fixed":{"use":"grundavgift"}}"#,
            with: #""price":[{"fixed":{"use":"grundavgift"}}"#)
        #expect(
            try FeeFixture.errors(missingInput)
                == [
                    "\(file): fees.matstalle.price[1].use: definitions.andel.pipeline[0].lookup.input (the pipeline \"andel\" used here): names the input \"tjanster\", which the fee does not declare (declared: none)"
                ])
        // A pipeline that uses itself.
        let cycle = #""definitions":{"a":{"pipeline":[{"fixed":"1.00"},{"use":"a"}]}},"fees":{"f":{"name":"F","text":"t","price":[{"use":"a"}]}}"#
        #expect(
            try FeeFixture.errors(cycle)
                == [
                    "\(file): fees.f.price[0].use: definitions.a.pipeline[1].use (the pipeline \"a\" used here): uses \"a\" inside itself (a → a); a definition cannot contain itself"
                ])
    }

    // MARK: - Indexation as decided

    /// 974 kr in 2024, raised as the council decides each year (no series).
    static let decidedRaises = #"""
        "definitions":{"timavgift":{"amount":{"base":"974.00","indexed_by":{"raises":[
          {"year":2025,"raise":"2.9","decided":"2024-11-20","decision":"Kommunstyrelsen 2024-11-20 § 212 (testbeslut)"},
          {"year":2026,"raise":"none","decided":"2025-11-18","decision":"Kommunstyrelsen 2025-11-18 § 190 (testbeslut)"}],
          "rounding":{"step":"1.00","mode":"half_up"},"paragraph":"Avsnitt 3, Timavgift","text":"Kommunstyrelsen beslutar om höjning av timavgiften inför varje år."}}}},
        "fees":{
          "prov":{"name":"Prövning","text":"t","inputs":{"timmar":{"type":"integer","min":0,"max":100}},"quantity":{"input":"timmar","unit":"tim","scope":"item"},"price":[{"per_unit":{"price":{"use":"timavgift"}}}]},
          "tillsyn":{"name":"Tillsyn","text":"t","inputs":{"klass":{"type":"choice","values":["a","b"]}},"price":[{"lookup":{"input":"klass","cases":{"a":[{"fixed":{"use":"timavgift"}},{"multiply":"3"}],"b":[{"fixed":{"use":"timavgift"}},{"multiply":"6"}]}}}]}
        }
        """#

    @Test func theCouncilsYearlyRaiseOrNoRaise() throws {
        let set = try FeeFixture.tariffs(Self.decidedRaises)
        // 2024: 974 kr. 2025: 974 × 1,029 = 1 002,246 → 1 002 kr. 2026: no raise, 1 002 kr.
        #expect(Fixture.price(set, Self.one("prov", #"{"timmar":1}"#, date: "2024-06-01")).amounts == ["974.00"])
        #expect(Fixture.price(set, Self.one("prov", #"{"timmar":2}"#, date: "2025-06-01")).amounts == ["2004.00"])
        #expect(Fixture.price(set, Self.one("tillsyn", #"{"klass":"b"}"#, date: "2026-06-01")).amounts == ["6012.00"])
        let explained = Fixture.price(set, Self.one("prov", #"{"timmar":1}"#, date: "2026-06-01"), extra: #""explain":true"#)
        let explanation = explained.feeLines.first?["explanation"] as? [String] ?? []
        #expect(
            explanation.contains(
                "2025: 974,00 kr × (1 + 2,9/100) = 1 002,246 kr, avrundat till hela kronor, hälften uppåt = 1 002,00 kr; höjning 2,9 % beslutad 2024-11-20 (Kommunstyrelsen 2024-11-20 § 212 (testbeslut))."
            ), "\(explanation)")
        #expect(explanation.contains("2026: ingen höjning, 1 002,00 kr; beslutat 2025-11-18 (Kommunstyrelsen 2025-11-18 § 190 (testbeslut))."))
        #expect(explanation.contains("Avsnitt 3, Timavgift: Kommunstyrelsen beslutar om höjning av timavgiften inför varje år."))
        // A year without a recorded decision cannot be priced; nor one decided after as_of.
        #expect(
            Fixture.price(set, Self.one("prov", #"{"timmar":1}"#, date: "2027-06-01")).errorText
                == "index_missing @ items[0].date: no raise for 2027 is recorded in t/a/2024-01-01.json (indexed_by.raises); it is needed for the amount \"timavgift\" of t/a (version 2024-01-01) in 2027: record the council's decision for 2027, a raise or \"none\""
        )
        #expect(
            Fixture.price(set, Self.one("prov", #"{"timmar":1}"#, date: "2025-06-01"), extra: #""as_of":"2024-11-19""#).errorText.hasPrefix(
                "index_missing @ items[0].date: no raise for 2025 decided on or before as_of 2024-11-19"))
    }

    @Test func aRaiseForAYearTheBaseAppliesIsRefused() throws {
        let early = Self.decidedRaises.replacingOccurrences(of: #"{"year":2025,"raise":"2.9""#, with: #"{"year":2024,"raise":"2.9""#)
        #expect(
            try FeeFixture.errors(early)
                == [
                    "\(RuleVocabularyParsingTests.file): definitions.timavgift.amount.indexed_by.raises[0].year: is 2024, but the version applies its base amount in 2024 (valid_from 2024-01-01) and raises it from 2025 on; this decision would never apply"
                ])
    }

    @Test func theIndexValueOfAnEarlierYearThanTheFeeYear() throws {
        // Fee year Y takes PKV for Y − 1 as published in October of Y − 2 (the example PKV
        // fixture: 2,9 % for 2025, published 2024-10-15). From 2025: 1 000 kr; 2026: 1 029 kr.
        let body = #"""
            "fees":{"f":{"name":"F","text":"t","price":[{"fixed":{"base":"1000.00","indexed_by":{"series":"PKV","publication_month":10,"publication_years_before":2,"value_years_before":1,"rounding":{"step":"1.00","mode":"half_up"},"paragraph":"Indexering","text":"Avgiften räknas upp med PKV för året före avgiftsåret."}}}]}}
            """#
        let set = try FeeFixture.tariffs(["t/a/2025-01-01.json": FeeFixture.version(body, validFrom: "2025-01-01")])
        #expect(Fixture.price(set, Self.one("f", date: "2025-03-01")).amounts == ["1000.00"])
        let result = Fixture.price(set, Self.one("f", date: "2026-03-01"), extra: #""explain":true"#)
        #expect(result.amounts == ["1029.00"])
        let explanation = result.feeLines.first?["explanation"] as? [String] ?? []
        #expect(
            explanation.contains { $0.hasPrefix("2026: 1 000,00 kr × (1 + 2,9/100) = 1 029,00 kr") && $0.contains("PKV 2,9 % för 2025 publicerat 2024-10-15") },
            "\(explanation)")
        // 2027 needs PKV for 2026 as published in October 2025 (the fixture lists 3,1 %).
        #expect(Fixture.price(set, Self.one("f", date: "2027-03-01")).amounts == ["1061.00"])  // 1 029 × 1,031 = 1 060,899
    }

    // MARK: - The new reference tariffs

    /// Vara's published example is for 2019 ("mPBB är 46,5 kr år 2019"); the file's version is
    /// from 2024. The same file's rules, moved to begin in 2019, give the published figures:
    /// 46,5 × 10 × (24 + 28) = 24 180; (46,5 × 5) + 40 = 272,50; 46,5 × 1 200 × 0,22 = 12 276;
    /// summa 36 728,50 kr.
    @Test func varasPublished2019ExampleWithTheFilesRules() throws {
        let file = try String(contentsOfFile: TestSupport.path("Fixtures/reference-tariffs/vara/bygglov/2024-01-01.json"), encoding: .utf8)
        let moved = file.replacingOccurrences(of: #""valid_from": "2024-01-01""#, with: #""valid_from": "2019-01-01""#)
        #expect(moved != file)
        let set = try FeeFixture.tariffs(["vara/bygglov/2019-01-01.json": moved])
        let result = Fixture.price(
            set,
            FeeEngineTests.items([
                ("bygglov", "2019-06-03", #"{"objektfaktor":"10","atgard":"nybyggnad_enbostadshus"}"#),
                ("kommunicering", "2019-06-03", nil),
                ("planavgift", "2019-06-03", #"{"planfaktor":"1200"}"#),
            ]), tariff: "vara/bygglov")
        #expect(result.amounts == ["24180.00", "272.50", "12276.00"], "\(result)")
        #expect(result.total == "36728.50")
        #expect(
            result.feeLines.first?["text"] as? String
                == "Bygglovavgift (Tabell 11) 2019-06-03: 46,50 kr, × 10 (OF) = 465,00 kr, × 52 (HF1 + HF2) = 24 180,00 kr")
        #expect(
            result.feeLines[1]["text"] as? String
                == "Kommunicering, Post- och inrikes tidningar (Tabell 3) 2019-06-03: 46,50 kr, × 5 (KOM) = 232,50 kr, + 40,00 kr (annonskostnad) = 272,50 kr"
        )
    }

    @Test func harjedalensCopyFeeCountsEachFormatOnItsOwn() throws {
        let set = TextArithmeticTests.referenceTariffs
        // A4 10 + 15 = 25 pages: 70 + 5 × 2 = 80 kr; A3 12 pages: 70 + 2 × 3 = 76 kr; A2 3 pages: 40 + 2 × 4 = 48 kr.
        let result = Fixture.price(
            set,
            FeeEngineTests.items([
                ("a4", "2024-02-01", #"{"sidor":10}"#), ("a3", "2024-02-01", #"{"sidor":12}"#),
                ("a4", "2024-02-01", #"{"sidor":15}"#), ("a2", "2024-02-01", #"{"sidor":3}"#),
            ]), tariff: "harjedalen/kopior")
        #expect(result.amounts == ["80.00", "76.00", "48.00"], "\(result)")
        #expect(result.total == "204.00")
        #expect(
            result.feeLines.map { $0["text"] as? String ?? "" }
                == [
                    "Kopior A4-format (2 §): 25 sidor = 70,00 kr + (5 sidor à 2,00 kr) = 80,00 kr",
                    "Kopior A3-format (2 §): 12 sidor = 70,00 kr + (2 sidor à 3,00 kr) = 76,00 kr",
                    "Kopior A2 och större format (2 §): 3 sidor = 40,00 kr + (2 sidor à 4,00 kr) = 48,00 kr",
                ])
    }

    // MARK: - Texts

    /// Every line text and explanation of these shapes states true arithmetic (`TextArithmetic`
    /// redoes it from the numbers in the text), with and without `explain`.
    @Test(arguments: [false, true])
    func everyTextOfTheShapesStatesTrueArithmetic(explain: Bool) throws {
        let requests: [(TariffSet, String)] =
            [
                (Self.shapes, FeeEngineTests.items([("kopior", "2024-06-01", #"{"sidor":10}"#), ("kopior", "2024-06-01", #"{"sidor":15}"#)])),
                (Self.shapes, Self.one("kopior", #"{"sidor":19}"#)), (Self.shapes, Self.one("kopior", #"{"sidor":20}"#)),
                (Self.shapes, Self.one("utskrift", #"{"sidor":5}"#)), (Self.shapes, Self.one("kvart", #"{"min":61}"#)),
                (Self.shapes, Self.one("bygglov", #"{"area":"50.1","arende":"tillbyggnad"}"#)),
                (Self.shapes, Self.one("kungorelse", #"{"n":"1.25"}"#)),
                (Self.shapes, Self.one("hamtning", #"{"karl":"190","tomning":"varannan_vecka"}"#)),
                (Self.shapes, Self.one("areal", #"{"area":101,"zon":"b"}"#)),
                (try FeeFixture.tariffs(Self.eksjoLike), Self.one("matare", #"{"qn":"6","tjanster":"vatten"}"#)),
                (try FeeFixture.tariffs(Self.decidedRaises), Self.one("tillsyn", #"{"klass":"a"}"#, date: "2026-06-01")),
            ]
            + ["0", "10", "10.1", "20", "21", "100.5"].flatMap { m in
                ["trappa", "volym"].map { (Self.shapes, Self.one($0, #"{"m":"\#(m)"}"#)) }
            }
        var count = 0
        for (set, items) in requests {
            let result = Fixture.price(set, items, extra: "\"explain\":\(explain)")
            #expect(result.ok, "\(result)")
            let texts = TextArithmeticTests.texts(result.object as Any)
            TextArithmeticTests.expectTrue(texts, items)
            count += texts.count
        }
        #expect(count >= (explain ? 100 : 20))
    }

    /// The checker reads the new forms, so a wrong number in any of them is caught.
    @Test(arguments: [
        "Kopior: 25 sidor = 70,00 kr + (5 sidor à 2,00 kr) = 81,00 kr",
        "Kopior: 25 sidor = 70,00 kr + (5 sidor à 2,00 kr per 2 sidor) = 80,00 kr",
        "Volym 2024-06-01: 21 m³ = (21 m³ à 3,00 kr) + 20,00 kr = 84,00 kr",
        "Bygglov 2024-06-01: 57,30 kr, × 8 (OF) = 458,41 kr",
        "Bygglov 2024-06-01: 57,30 kr, × 8 (OF) = 458,40 kr, × 0,8 (N) = 366,70 kr, avrundat till hela kronor, hälften uppåt = 366,00 kr",
        "Kungörelse 2024-06-01: 57,30 kr, × 5 = 286,50 kr, + 40,00 kr (kungörelse) = 326,00 kr",
        "OF 8 (area 120 (över 100)): 57,30 kr × 8 = 458,00 kr.",
        "Belopp: 75 min = 500,00 kr + (15 min à 1 200,00 kr per 60 min) = 801,00 kr.",
    ])
    func aWrongNumberInTheNewFormsIsCaught(_ text: String) {
        #expect(!TextArithmetic.check(text).isEmpty, "\(text) passed")
    }

    // MARK: - Authoring mistakes

    @Test func checkRefusesAuthoringMistakes() throws {
        let file = RuleVocabularyParsingTests.file
        let pages = #""inputs":{"q":{"type":"integer","min":0,"max":100}},"quantity":{"input":"q","unit":"st","scope":"item"}"#
        // An amount every case of a lookup replaces before it is used.
        #expect(
            try RuleVocabularyParsingTests.errors(
                fee: RuleVocabularyParsingTests.choice
                    + #","price":[{"fixed":"10.00"},{"lookup":{"input":"c","cases":{"a":[{"fixed":"1.00"}],"b":[{"fixed":"2.00"}]}}}]"#)
                == [
                    "\(file): fees.f.price[0].fixed: sets an amount that the next block (lookup) replaces before anything uses it, so it never counts; to add the two write {\"add\": …}, to multiply {\"multiply\": …}, or remove one"
                ])
        // A tier no whole number reaches.
        #expect(
            try RuleVocabularyParsingTests.errors(
                fee: pages
                    + #","price":[{"tiers":{"mode":"graduated","tiers":[{"up_to":"19.5","flat":"0.00"},{"up_to":"19.8","flat":"1.00"},{"unit_price":"2.00"}]}}]"#
            )
                == [
                    "\(file): fees.f.price[0].tiers.tiers[1].up_to: the tier can never be reached: no value of the billed quantity of q (at least 0, at most 100) lies above 19.5 and up to 19.8; correct its top or remove it"
                ])
        // A tier above everything an item priced alone can reach.
        #expect(
            try RuleVocabularyParsingTests.errors(
                fee: pages + #","price":[{"tiers":{"mode":"volume","tiers":[{"up_to":"100","unit_price":"1.00"},{"unit_price":"2.00"}]}}]"#)
                == [
                    "\(file): fees.f.price[0].tiers.tiers[1].up_to: the tier can never be reached: no value of the billed quantity of q (at least 0, at most 100) lies above 100; correct its top or remove it"
                ])
        // Tiers without a quantity; a factor where an amount is expected; an amount where a factor is.
        #expect(
            try RuleVocabularyParsingTests.errors(fee: #""price":[{"tiers":{"mode":"volume","tiers":[{"unit_price":"1.00"}]}}]"#)
                == ["\(file): fees.f.price[0].tiers: prices tiers of a quantity, but the fee declares none; add \"quantity\" to the fee"])
        #expect(
            try RuleVocabularyParsingTests.errors(fee: RuleVocabularyParsingTests.minutes + #","price":[{"fixed":{"input":"m"}}]"#)
                == [
                    "\(file): fees.f.price[0].fixed.input: is a factor (\"input\"), but an amount in kronor is expected here; multiply the amount so far with {\"multiply\": {\"input\": …}}"
                ])
        #expect(
            try RuleVocabularyParsingTests.errors(fee: #""price":[{"fixed":"10.00"},{"multiply":{"base":"1.00","indexed_by":{}}}]"#)
                == [
                    "\(file): fees.f.price[1].multiply.base: is an amount (\"base\"), but a factor is expected here; add an amount to the amount so far with {\"add\": …}, or multiply by a number"
                ])
        // A grid whose rows do not match its keys.
        #expect(
            try RuleVocabularyParsingTests.errors(
                fee: RuleVocabularyParsingTests.choice
                    + #","price":[{"table":{"keys":[{"input":"c","values":["a","b"]}],"cells":["1.00"]}}]"#)
                == ["\(file): fees.f.price[0].table.cells: expected an array of 2 (one per row of c: a, b), got 1"])
    }
}
