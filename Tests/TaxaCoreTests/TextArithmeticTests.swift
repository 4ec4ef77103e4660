import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Every text a citizen or an auditor reads states true arithmetic: `TextArithmetic` redoes
/// it from the numbers in the text, over every golden answer, every golden request explained,
/// every worked example of every tariff, and a sweep of pipelines; and it catches false texts.
@Suite struct TextArithmeticTests {
    /// Every `text` and `explanation` string anywhere in a result.
    static func texts(_ value: Any) -> [String] {
        if let object = value as? [String: Any] {
            var found: [String] = []
            for (key, member) in object {
                if key == "text", let text = member as? String { found.append(text) }
                if key == "explanation", let lines = member as? [String] { found += lines }
                found += texts(member)
            }
            return found
        }
        if let array = value as? [Any] { return array.flatMap(texts) }
        return []
    }

    static func texts(ofLine line: String) -> [String] {
        texts(TestSupport.json(line) as Any)
    }

    static func expectTrue(_ texts: [String], _ source: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for text in texts {
            let failures = TextArithmetic.check(text)
            #expect(failures.isEmpty, "\(source): \(failures)", sourceLocation: sourceLocation)
        }
    }

    static let goldenFolders = ["shipped", "example-pkv", "reference"]

    /// The set a golden folder's requests are priced with (see `GoldenTests`).
    static func tariffs(_ folder: String) -> TariffSet {
        switch folder {
        case "shipped": TestSupport.shippedTariffs
        case "example-pkv": TestSupport.exampleTariffs
        default: referenceTariffs
        }
    }

    static let referenceTariffs: TariffSet = {
        let report = TariffLoader.load(root: TestSupport.path("Fixtures/reference-tariffs"))
        guard let set = report.tariffSet else { fatalError("reference tariffs invalid: \(report.errors)") }
        return set
    }()

    static func goldenFiles(_ folder: String, expected: Bool) -> [String] {
        GoldenTests.cases(folder).map { name in
            TestSupport.path("Fixtures/golden/\(folder)/" + (expected ? "\(name.dropLast(6)).expected.jsonl" : name))
        }
    }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func everyGoldenAnswerStatesTrueArithmetic() {
        var all: [String] = []
        for folder in Self.goldenFolders {
            for path in Self.goldenFiles(folder, expected: true) {
                for (number, line) in Self.lines(path).enumerated() {
                    let texts = Self.texts(ofLine: line)
                    Self.expectTrue(texts, "\(path):\(number + 1)")
                    all += texts
                }
            }
        }
        // The check reads the texts' claims, not nothing: each form taxa writes is found.
        let census = TextArithmetic.census(all)
        for form in ["à", "% av", "andel %", "avrundat", "högst/lägst", "a − b", "kr/tim", "⌈⌉", "× p/100", "(a − b) ×", "÷", "×"] {
            #expect((census[form] ?? 0) > 0, "no \(form) claim in the golden answers: \(census)")
        }
    }

    /// Every golden request again with `"explain": true`: every derivation's arithmetic.
    @Test func everyGoldenRequestExplainedStatesTrueArithmetic() {
        var explained = 0
        for folder in Self.goldenFolders {
            let set = Self.tariffs(folder)
            for path in Self.goldenFiles(folder, expected: false) {
                for (number, line) in Self.lines(path).enumerated() where line.hasPrefix("{\"") {
                    let answer = TestSupport.answer("{\"explain\":true," + line.dropFirst(), tariffs: set)
                    let texts = Self.texts(ofLine: answer)
                    if texts.count > 1 { explained += 1 }
                    Self.expectTrue(texts, "\(path):\(number + 1) explained")
                }
            }
        }
        #expect(explained > 50)
    }

    /// Every worked example of every shipped and reference tariff, priced with and without `explain`.
    @Test func everyTariffExampleStatesTrueArithmetic() {
        var priced = 0
        for set in [TestSupport.shippedTariffs, Self.referenceTariffs] {
            for (id, tariff) in set.tariffs {
                for version in tariff.versions {
                    for example in version.examples {
                        for explain in [false, true] {
                            let line = "{\"id\":\"e\",\"tariff\":\"\(id)\",\"explain\":\(explain)," + example.request.dropFirst()
                            let answer = TestSupport.answer(line, tariffs: set)
                            #expect(TestSupport.json(answer)["ok"] as? Bool == true, "\(id) \(example.name): \(answer)")
                            Self.expectTrue(Self.texts(ofLine: answer), "\(id) \(example.name)")
                            priced += 1
                        }
                    }
                }
            }
        }
        #expect(priced >= 20)
    }

    // MARK: - Pipelines beyond the golden files

    /// Per-unit prices whose products end in many decimals or never, shares, floors, ceilings and
    /// every rounding mode, over a sweep of quantities: every text's arithmetic holds.
    static let sweep: TariffSet = {
        let fees = [
            #""a":{"name":"A","text":"t","inputs":{"m":{"type":"integer","min":-1000,"max":1000}},"quantity":{"input":"m","unit":"min","scope":"item"},"price":[{"per_unit":{"price":"1201.00","per":60}},{"share":"0.3"}]}"#,
            #""b":{"name":"B","text":"t","inputs":{"m":{"type":"integer","min":-1000,"max":1000}},"quantity":{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"day"},"price":[{"per_unit":{"price":"1300.00","per":60}},{"max":"1000.00"},{"min":"100.00"}]}"#,
            #""c":{"name":"C","text":"t","inputs":{"m":{"type":"decimal","scale":2,"min":"-1000","max":"1000"}},"quantity":{"input":"m","unit":"m³","scope":"item"},"price":[{"per_unit":{"price":"20.30"}},{"share":"0.333333"},{"round":{"step":"1.00","mode":"half_away_from_zero"}}]}"#,
            #""d":{"name":"D","text":"t","inputs":{"o":{"type":"decimal","scale":2,"min":"0","max":"100000000"}},"price":[{"percent":{"of":"o","percent":"1.3333","of_at_most":"500000.00"}},{"round":{"step":"10.00","mode":"down"}},{"min":"500.00"}]}"#,
            #""e":{"name":"E","text":"t","inputs":{"m":{"type":"integer","min":0,"max":1000}},"quantity":{"input":"m","unit":"min","less":30,"increment":10,"rounding":"half_up","scope":"month"},"price":[{"per_unit":{"price":"7.00","per":3}},{"round":{"step":"0.50","mode":"up"}}]}"#,
            #""f":{"name":"F","text":"t","price":[{"fixed":{"index":"PBB","times":"0.5392","divided_by":12}},{"share":"0.5"}]}"#,
        ]
        return try! FeeFixture.tariffs(#""fees":{"# + fees.joined(separator: ",") + "}")
    }()

    @Test(arguments: [false, true])
    func aSweepOfPipelinesStatesTrueArithmetic(explain: Bool) {
        var texts: [String] = []
        for m in stride(from: -61, through: 200, by: 7) {
            for fee in ["a", "b", "e"] where fee != "e" || m >= 0 {
                let answer = FeeFixture.price(
                    Self.sweep,
                    #"[{"fee":"\#(fee)","date":"2024-03-01","inputs":{"m":\#(m)}},{"fee":"\#(fee)","date":"2024-03-01","inputs":{"m":\#(abs(m) / 3)}}]"#,
                    extra: "\"explain\":\(explain)")
                #expect(answer.ok, "\(answer)")
                texts += Self.texts(answer.object as Any)
            }
            let c = FeeFixture.price(Self.sweep, #"[{"fee":"c","date":"2024-03-01","inputs":{"m":"\#(m).\#(abs(m) % 100)"}}]"#, extra: "\"explain\":\(explain)")
            let d = FeeFixture.price(Self.sweep, #"[{"fee":"d","date":"2024-03-01","inputs":{"o":"\#(abs(m) * 4999).37"}}]"#, extra: "\"explain\":\(explain)")
            #expect(c.ok && d.ok, "\(c) \(d)")
            texts += Self.texts(c.object as Any) + Self.texts(d.object as Any)
        }
        let f = FeeFixture.price(Self.sweep, #"[{"fee":"f","date":"2024-03-01"}]"#, extra: "\"explain\":\(explain)")
        texts += Self.texts(f.object as Any)
        Self.expectTrue(texts, "sweep")
        #expect(texts.count > 150)
    }

    // MARK: - The texts of the issue

    static let issue: TariffSet = {
        let water =
            #"{"lookup":{"input":"tjanster","cases":{"vatten_och_avlopp":[{"share":"1"},{"round":{"step":"0.01","mode":"half_up"}}],"vatten":[{"share":"0.30"},{"round":{"step":"0.01","mode":"half_up"}}]}}}"#
        let fees = [
            #""lagenhet":{"name":"Fast avgift per lägenhet","paragraph":"c)","text":"t","inputs":{"lagenheter":{"type":"integer","min":1,"max":10000},"tjanster":{"type":"choice","values":["vatten_och_avlopp","vatten"],"default":"vatten_och_avlopp"}},"quantity":{"input":"lagenheter","unit":"lägenheter","scope":"item"},"price":[{"per_unit":{"price":"1133.00"}},\#(water)]}"#,
            #""tid":{"name":"Handläggning","text":"t","inputs":{"m":{"type":"integer"}},"quantity":{"input":"m","unit":"min","scope":"request"},"price":[{"per_unit":{"price":"1300.00","per":60}},{"max":"1000.00"}]}"#,
            #""index":{"name":"Indexerad","text":"t","price":[{"fixed":{"base":"974.00","indexed_by":{"series":"PKV","publication_month":10,"publication_years_before":1,"rounding":{"step":"1.00","mode":"half_up"},"paragraph":"2 §","text":"t"}}}]}"#,
        ]
        return try! FeeFixture.tariffs(#""fees":{"# + fees.joined(separator: ",") + "}")
    }()

    @Test func eksjoWaterOnlyShowsTheShare() {
        let result = FeeFixture.price(Self.issue, #"[{"fee":"lagenhet","date":"2024-06-30","inputs":{"lagenheter":3,"tjanster":"vatten"}}]"#)
        #expect(
            result.feeLines.first?["text"] as? String
                == "Fast avgift per lägenhet (c)) 2024-06-30: 3 lägenheter à 1 133,00 kr = 3 399,00 kr, 30 % = 1 019,70 kr")
        // Water and sewage: the share of 1 and the rounding change nothing and are not shown.
        let whole = FeeFixture.price(Self.issue, #"[{"fee":"lagenhet","date":"2024-06-30","inputs":{"lagenheter":3}}]"#)
        #expect(whole.feeLines.first?["text"] as? String == "Fast avgift per lägenhet (c)) 2024-06-30: 3 lägenheter à 1 133,00 kr = 3 399,00 kr")
    }

    @Test func aCeilingShowsItsStep() {
        let result = FeeFixture.price(
            Self.issue, #"[{"fee":"tid","date":"2024-06-30","inputs":{"m":100}},{"fee":"tid","date":"2024-07-01","inputs":{"m":80}}]"#)
        #expect(result.feeLines.first?["text"] as? String == "Handläggning: 180 min à 1 300,00 kr per 60 min = 3 900,00 kr, högst 1 000,00 kr")
        #expect(result.amounts == ["1000.00"])
    }

    @Test func theIndexedAmountsDerivationIsGroupedAfterTheComma() {
        // 974 × 1,029 = 1 002,246 → 1 002 kr in 2025 (example PKV 2,9 %); 1 002 × 1,031 = 1 033,062 → 1 033 kr in 2026.
        let result = FeeFixture.price(Self.issue, #"[{"fee":"index","date":"2026-03-01"}]"#, extra: #""explain":true"#)
        let explanation = result.feeLines.first?["explanation"] as? [String] ?? []
        #expect(
            explanation.contains { $0.hasPrefix("2025: 974,00 kr × (1 + 2,9/100) = 1 002,246 kr, avrundat till hela kronor, hälften uppåt = 1 002,00 kr;") })
        #expect(
            explanation.contains { $0.hasPrefix("2026: 1 002,00 kr × (1 + 3,1/100) = 1 033,062 kr, avrundat till hela kronor, hälften uppåt = 1 033,00 kr;") })
        Self.expectTrue(explanation, "indexed")
    }

    /// An hourly rate whose quarter hours are not whole öre: the invoice text and the
    /// explanation show the exact amount and its rounding.
    @Test func anHourlyAmountThatIsNotWholeOreShowsItsRounding() throws {
        let activity = #"{"name":"N","paragraph":"1 §","charge":"hourly","text":"t"}"#
        let body =
            #"{"tariff":"t/h","title":"Test","kind":"hourly","valid_from":"2024-01-01","decided":"2024-01-01","decision":{"body":"Test","reference":"Test"},"currency":"SEK","hourly":{"rate":"1000.01","paragraph":"1 §","text":"t","increment_minutes":15,"increment_rounding":"up"},"activities":{"tillsyn":\#(activity)}}"#
        let set = try FeeFixture.tariffs(["t/h/2024-01-01.json": body])
        let answer = TestSupport.answer(
            #"{"id":"h","tariff":"t/h","explain":true,"entries":[{"date":"2024-03-05","activity":"tillsyn","minutes":14}]}"#, tariffs: set)
        let line = (TestSupport.json(answer)["lines"] as? [[String: Any]])?.first ?? [:]
        // 15/60 × 1 000,01 kr = 250,0025 kr → 250,00 kr.
        #expect(
            line["text"] as? String
                == "Timavgift 2024 (1 §): handläggningstid 14 min, debiteras 15 min (1 påbörjad kvart) à 1 000,01 kr/tim = 250,0025 kr, avrundat till hela öre, hälften uppåt = 250,00 kr"
        )
        #expect(
            (line["explanation"] as? [String])?.contains("Belopp: 15/60 tim × 1 000,01 kr = 250,0025 kr, avrundat till hela öre, hälften uppåt = 250,00 kr.")
                == true)
        Self.expectTrue(Self.texts(ofLine: answer), "hourly")
    }

    // MARK: - The check can fail

    @Test(arguments: [
        // Issue 16's texts as they were.
        "Fast avgift per lägenhet (c)) 2017-06-30: 3 lägenheter à 1 133,00 kr = 1 019,70 kr",
        "Handläggning: 180 min à 1 300,00 kr per 60 min = 1 000,00 kr",
        "2025: 974,00 kr × (1 + 2,9/100) = 10 02,246 kr, avrundat till hela kronor, hälften uppåt = 1 002,00 kr.",
        // One number off in each form.
        "Kopior: 3 lägenheter à 1 133,00 kr = 3 399,00 kr, 30 % = 1 019,71 kr",
        "Planerad kontroll 2024-03-05: 45 min à 2 160,00 kr per 60 min = 1 621,00 kr",
        "Rörlig tillsynsavgift 2022-05-01: 1,25 % av 1 000 000,00 kr = 12 500,01 kr",
        "Rörlig tillsynsavgift 2022-05-01: 1,25 % av 150 000,50 kr = 1 875,00625 kr, avrundat till hela öre, hälften uppåt = 1 875,00 kr",
        "Tillsynsavgift 2017-06-30: 650,00 kr, avrundat till närmaste 100,00 kr, hälften uppåt = 600,00 kr",
        "Handläggning: 180 min à 1 300,00 kr per 60 min = 3 900,00 kr, högst 5 000,00 kr",
        "Rörlig tillsynsavgift 2022-05-01: 1,25 % av 400 000,00 kr = 5 000,00 kr, lägst 3 500,00 kr",
        "Högkostnadsskydd 2024-03: avgifter 2 708,00 kr, högst 2 575,00 kr: 2 575,00 kr − 2 708,00 kr = −132,00 kr",
        "Högkostnadsskydd 2024-03: avgifter 2 708,00 kr, högst 2 575,00 kr: 2 575,00 kr − 2 700,00 kr = −125,00 kr",
        "Timavgift 2024 (4 §): handläggningstid 67 min, debiteras 75 min (5 påbörjade kvartar) à 1 201,00 kr/tim = 1 501,20 kr",
        "Timavgift 2024 (4 §): handläggningstid 67 min, debiteras 60 min (4 påbörjade kvartar) à 1 201,00 kr/tim = 1 201,00 kr",
        "Summa nedlagd handläggningstid 2024: 67 min. 1 §: varje påbörjad period om 15 min debiteras: ⌈67/15⌉ = 4, alltså 60 min.",
        "Belopp: 75/60 tim × 1 201,00 kr = 1 501,26 kr.",
        "Åk 1-3: (401 − 403) × 73 807,00 kr = 147 614,00 kr; ÷ 12, avrundat till hela kronor, hälften bort från noll = 12 301,00 kr.",
        "Åk 1-3: (401 − 403) × 73 807,00 kr = −147 614,00 kr; ÷ 12, avrundat till hela kronor, hälften bort från noll = −12 302,00 kr.",
        "Nedsättning med 50 % enligt beslut X: 1 501,25 kr × 50/100 = 750,625 kr, avrundat till hela öre, hälften uppåt = 750,62 kr; avdrag −750,62 kr.",
        "PBB 2024: 57 300,00 kr (Prisbasbelopp 2024, 2023-09-30); 0,5392 × PBB 57 300,00 kr ÷ 12 = 2 574,69 kr.",
        "Personalomkostnadspålägg (PO) 2024: 47,18 % av 12 345,67 kr = 5 824,69 kr",
        "Förskola 2019-03-01: 3 % av 47 490,00 kr (underlaget 40 000,00 kr räknas som högst 47 490,00 kr) = 1 424,70 kr",
        "Avgift (b)) 2017-06-30: 1,5 m³ à 20,30 kr = 30,45 kr, 30 % = 9,135 kr, avrundat till hela öre, hälften uppåt = 9,13 kr",
        "omsattning 600 000: band 3, över 250 000 och till och med 500 000.",
        "Lägst 3 500,00 kr: 4 000,00 kr höjs till 3 500,00 kr.",
        "Högst 35 000,00 kr: 62 500,00 kr är inte högre.",
        "Summa: 67 min − 10 = 56 min; varje påbörjad period om 15 min debiteras (uppåt): 57/15 → 4, alltså 60 min.",
        "Summa: 67 min − 10 = 57 min; varje påbörjad period om 15 min debiteras (uppåt): 57/15 → 3, alltså 45 min.",
        // Not Swedish numbers.
        "Kopior: 3 sidor à 1133,00 kr = 3399,00 kr",
        "Kopior: 3 sidor à 1 133.00 kr = 3 399,00 kr",
        // A form no pattern knows is not waved through.
        "Avgift: 3 × 4 = 12",
    ])
    func aFalseTextIsCaught(_ text: String) {
        #expect(!TextArithmetic.check(text).isEmpty, "\(text) passed")
    }

    @Test func theCheckersOwnArithmetic() {
        typealias Q = TextArithmetic.Q
        #expect(TextArithmetic.value("1 002,25 kr") == Q(100225, 100))
        #expect(TextArithmetic.value("−0,5") == Q(-1, 2))
        #expect(TextArithmetic.value("8 407/60 kr") == Q(8407, 60))
        #expect(Q(5, 2).rounded(Q(1), "hälften uppåt") == Q(3))
        #expect(Q(-5, 2).rounded(Q(1), "hälften uppåt") == Q(-2))
        #expect(Q(-5, 2).rounded(Q(1), "hälften bort från noll") == Q(-3))
        #expect(Q(-5, 2).rounded(Q(1), "uppåt") == Q(-2))
        #expect(Q(-5, 2).rounded(Q(1), "nedåt") == Q(-3))
        #expect(Q(672).rounded(Q(100), "hälften uppåt") == Q(700))
    }
}
