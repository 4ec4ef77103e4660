import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// What the billing system posts: accounting codes on every line, VAT per rate (with caps and
/// adjustments split pro rata), the rounding of the total, and how `taxa check` reads the keys.
@Suite struct BillingTests {
    typealias Fixture = FeeFixture

    static let example: TariffSet = {
        let report = TariffLoader.load(root: TestSupport.path("Fixtures/billing-example"))
        guard let set = report.tariffSet else { fatalError("Fixtures/billing-example invalid: \(report.errors)") }
        return set
    }()

    static let reference: TariffSet = {
        let report = TariffLoader.load(root: TestSupport.path("Fixtures/reference-tariffs"))
        guard let set = report.tariffSet else { fatalError("Fixtures/reference-tariffs invalid: \(report.errors)") }
        return set
    }()

    static func price(_ items: String, extra: String = "") -> FeeFixture.Result {
        Fixture.price(example, items, tariff: "exempel/fakturering", extra: extra)
    }

    static func entries(_ result: FeeFixture.Result) -> [[String: Any]] { result.object["vat"] as? [[String: Any]] ?? [] }

    /// `rate base amount included` per VAT entry.
    static func vatRows(_ result: FeeFixture.Result) -> [String] {
        entries(result).map {
            "\($0["rate"] as? String ?? "?") \($0["base"] as? String ?? "?") \($0["amount"] as? String ?? "?") \($0["included"] as? Bool ?? false)"
        }
    }

    static func split(_ object: [String: Any]?) -> [String] {
        (object?["vat_split"] as? [[String: Any]] ?? []).map { "\($0["rate"] as? String ?? "?") \($0["amount"] as? String ?? "?")" }
    }

    // MARK: - Accounting

    /// Every line of a reference tariff with accounting codes carries its fee's (or cap's) codes.
    @Test func accountingCodesAreOnEveryLine() {
        let items = FeeEngineTests.items([
            ("hemtjanst", "2024-03-04", #"{"minutes":600}"#), ("trygghetslarm", "2024-03-01", nil),
            ("dagverksamhet", "2024-03-05", #"{"days":10}"#), ("korttidsboende", "2024-03-06", #"{"dygn":3}"#),
            ("hemtjanst", "2024-04-04", #"{"minutes":60}"#),
        ])
        let result = Fixture.price(Self.reference, items, tariff: "sollentuna/aldreomsorg")
        #expect(result.ok, "\(result)")
        let codes = result.lines.map { line -> String in
            let accounting = line["accounting"] as? [String: String] ?? [:]
            return
                "\(line["fee"] as? String ?? line["cap"] as? String ?? "?"): \(accounting["konto"] ?? "-") \(accounting["ansvar"] ?? "-") \(accounting["verksamhet"] ?? "-") \(accounting["momskod"] ?? "-")"
        }
        #expect(
            codes == [
                "hemtjanst: 3511 5100 5611 0", "hemtjanst: 3511 5100 5611 0", "trygghetslarm: 3511 5100 5612 0",
                "dagverksamhet: 3511 5200 5621 0", "korttidsboende: 3512 5300 5631 0", "hogkostnadsskydd: 3519 5100 5610 0",
            ], "\(result)")
        // The keys in the file's order.
        #expect(result.line.contains(#""accounting":{"konto":"3511","ansvar":"5100","verksamhet":"5611","momskod":"0"}"#))
    }

    @Test func ratesShowTheAccountingCodes() throws {
        let run = try TestSupport.runTaxa([
            "rates", "sollentuna/aldreomsorg", "--tariffs", TestSupport.path("Fixtures/reference-tariffs"), "--from", "2024", "--to", "2024",
        ])
        #expect(run.status == 0)
        #expect(
            run.stdout.contains(
                "      trygghetslarm (Trygghetslarm): fast belopp 248,00 kr\n        kontering: konto 3511, ansvar 5100, verksamhet 5612, momskod 0\n"))
        #expect(run.stdout.contains("        kontering: konto 3519, ansvar 5100, verksamhet 5610, momskod 0\n"))
        let json = try TestSupport.runTaxa([
            "rates", "exempel/fakturering", "--tariffs", TestSupport.path("Fixtures/billing-example"), "--from", "2025", "--to", "2025", "--json",
        ])
        let row = ((TestSupport.json(json.stdout)["rates"] as? [[String: Any]])?.first) ?? [:]
        let fees = row["fees"] as? [[String: Any]] ?? []
        #expect(fees.map { $0["vat"] as? String ?? "-" } == ["momsfri", "moms 6 % ingår i beloppet", "-"])
        #expect((fees.first?["accounting"] as? [String: String])?["verksamhet"] == "2630")
        #expect(
            (row["total_rounding"] as? [String: Any])?["text"] as? String == "öresavrundning av summan efter moms: avrundat till hela kronor, hälften uppåt")
    }

    // MARK: - VAT per fee

    /// The example's first worked example, hand-checked in its `source`: 0 %, 6 % and 25 % in one invoice.
    @Test func vatIsStatedPerRate() {
        let result = Self.price(
            FeeEngineTests.items([
                ("tillsyn", "2025-03-04", #"{"minutes":50}"#), ("simhall", "2025-03-05", #"{"besok":3}"#), ("utrustning", "2025-03-06", nil),
            ]))
        #expect(result.subtotal == "1687.40")
        #expect(Self.vatRows(result) == ["25 199.92 49.98 true", "6 176.89 10.61 true", "0 1250.00 0.00 false"], "\(result)")
        #expect(result.feeLines.map { $0["vat_rate"] as? String ?? "-" } == ["0", "6", "25"])
        // Each VAT entry carries its rule's accounting codes; the 0 % one has none.
        #expect(Self.entries(result).map { ($0["accounting"] as? [String: String])?["momskod"] ?? "-" } == ["MP1", "MP3", "-"])
        // Included VAT does not change the total; the rounding does (below).
        #expect((result.object["rounding"] as? [String: Any])?["unrounded"] as? String == "1687.40")
        #expect(result.total == "1687.00")
    }

    /// A cap over fees of two rates is split pro rata by amount, each share rounded to öre and
    /// the rest to the largest: the second worked example.
    @Test func aCapOverSeveralRatesIsSplitProRata() {
        let result = Self.price(FeeEngineTests.items([("simhall", "2025-04-02", #"{"besok":6}"#), ("utrustning", "2025-04-09", nil)]))
        #expect(result.capLines.map { $0["amount"] as? String } == ["-124.90"])
        // −124,90 × 249,90/624,90 = −49,948… → −49,95; 6 % (375,00, the largest) takes the rest.
        #expect(Self.split(result.capLines.first) == ["25 -49.95", "6 -74.95"], "\(result)")
        // 199,95 × 25/125 = 39,99; 300,05 × 6/106 = 16,9839… → 16,98.
        #expect(Self.vatRows(result) == ["25 159.96 39.99 true", "6 283.07 16.98 true"])
        #expect(result.total == "500.00")
        #expect((result.object["rounding"] as? [String: Any])?["amount"] as? String == "0.00")
    }

    /// A reduction is split like a cap, over each rate's amount after the caps.
    @Test func aReductionIsSplitProRata() {
        let result = Self.price(
            FeeEngineTests.items([
                ("simhall", "2025-04-02", #"{"besok":6}"#), ("utrustning", "2025-04-09", nil), ("tillsyn", "2025-04-09", #"{"minutes":7}"#),
            ]), extra: #""adjustment":{"kind":"reduction","percent":"10","reference":"MN § 1"}"#)
        // Lines 175,00 (0 %), 375,00 (6 %), 249,90 (25 %); the cap takes 124,90 from the 6 % and 25 % lines.
        #expect(result.subtotal == "675.00")
        #expect(result.adjustment?["amount"] as? String == "-67.50")
        // Per rate after the cap: 25 % 199,95, 6 % 300,05 (the largest), 0 % 175,00. −67,50 × 199,95/675 =
        // −19,995 → −20,00; −67,50 × 175/675 = −17,50; 6 % takes the rest, −30,00.
        #expect(Self.split(result.adjustment) == ["25 -20.00", "6 -30.00", "0 -17.50"], "\(result)")
        // 179,95 × 25/125 = 35,99; 270,05 × 6/106 = 15,2858… → 15,29.
        #expect(Self.vatRows(result) == ["25 143.96 35.99 true", "6 254.76 15.29 true", "0 157.50 0.00 false"])
        #expect(result.total == "608.00")  // 607,50 rounded to whole kronor, half up
    }

    /// VAT added per rate: each rate's VAT is added to the total.
    @Test func vatAddedPerRate() throws {
        let set = try Fixture.tariffs(
            #""vat":{"rate":"25","included":false,"rounding":{"step":"0.01","mode":"half_up"},"text":"Moms tillkommer."},"fees":{"#
                + #""a":{"name":"A","text":"t","price":[{"fixed":"99.99"}]},"#
                + #""b":{"name":"B","text":"t","price":[{"fixed":"33.33"}],"vat":{"rate":"12","included":false}},"#
                + #""c":{"name":"C","text":"t","price":[{"fixed":"10.00"}],"vat":"0"}}"#)
        let result = Fixture.price(set, FeeEngineTests.items([("a", "2024-06-01", nil), ("b", "2024-06-01", nil), ("c", "2024-06-01", nil)]))
        // 99,99 × 25 % = 24,9975 → 25,00; 33,33 × 12 % = 3,9996 → 4,00; total 143,32 + 29,00.
        #expect(Self.vatRows(result) == ["25 99.99 25.00 false", "12 33.33 4.00 false", "0 10.00 0.00 false"], "\(result)")
        #expect(result.total == "172.32")
    }

    /// A tariff whose fees all carry the version's rate answers as a tariff with one rule: the
    /// same object, no `base`, no `vat_rate` on its lines.
    @Test func oneRateAnswersAsBefore() throws {
        let version = #""vat":{"rate":"25","included":true,"rounding":{"step":"0.01","mode":"half_up"},"text":"Inklusive moms."},"#
        let plain = try Fixture.tariffs(version + #""fees":{"a":{"name":"A","text":"t","price":[{"fixed":"1133.00"}]}}"#)
        let own = try Fixture.tariffs(version + #""fees":{"a":{"name":"A","text":"t","price":[{"fixed":"1133.00"}],"vat":{"rate":"25.00","included":true}}}"#)
        let a = Fixture.price(plain, FeeEngineTests.one("a"))
        let b = Fixture.price(own, FeeEngineTests.one("a"))
        func masked(_ line: String) -> String { String(line.prefix(upTo: line.range(of: "\"tariff_digest\"")!.lowerBound)) }
        #expect(masked(a.line) == masked(b.line))
        #expect(a.line.contains(#""subtotal":"1133.00","vat":{"rate":"25","amount":"226.60","included":true},"total":"1133.00""#), "\(a)")
        #expect(!a.line.contains("vat_rate") && !a.line.contains("base"))
    }

    /// Lines without any VAT rule count at 0 % when others carry VAT.
    @Test func linesWithoutVATCountAtZero() throws {
        let set = try Fixture.tariffs(
            #""fees":{"a":{"name":"A","text":"t","price":[{"fixed":"100.00"}]},"b":{"name":"B","text":"t","price":[{"fixed":"106.00"}],"vat":{"rate":"6","included":true}}}"#
        )
        let result = Fixture.price(set, FeeEngineTests.items([("a", "2024-06-01", nil), ("b", "2024-06-01", nil)]))
        #expect(Self.vatRows(result) == ["6 100.00 6.00 true", "0 100.00 0.00 false"], "\(result)")
        // Without the fee that carries VAT, no VAT at all, as before.
        #expect(Fixture.price(set, FeeEngineTests.one("a")).object["vat"] == nil)
    }

    // MARK: - Total rounding

    /// Whole kronor: a rounding line with the difference, a total that is a multiple of 1,00 kr,
    /// and VAT (added here) worked out before the rounding and unchanged by it.
    @Test(arguments: [
        // x, VAT 25 % of x, x + VAT, the rounded total, the difference
        ("1000.30", "250.08", "1250.38", "1250.00", "-0.38"),  // 250,075 → 250,08
        ("99.99", "25.00", "124.99", "125.00", "0.01"),  // 24,9975 → 25,00
        ("0.40", "0.10", "0.50", "1.00", "0.50"),  // a tie goes up
        ("8.00", "2.00", "10.00", "10.00", "0.00"),
    ])
    func totalRoundedToWholeKronorAfterVAT(_ x: String, _ vat: String, _ unrounded: String, _ total: String, _ difference: String) throws {
        let fees =
            #""fees":{"x":{"name":"X","text":"t","inputs":{"x":{"type":"decimal","scale":2,"min":"0","max":"100000.00"}},"price":[{"percent":{"of":"x","percent":"100"}}]}}"#
        let rule = #""vat":{"rate":"25","included":false,"rounding":{"step":"0.01","mode":"half_up"},"text":"Moms tillkommer."},"#
        let rounded = try Fixture.tariffs(rule + #""total_rounding":{"step":"1.00","mode":"half_up"},"# + fees)
        let plain = try Fixture.tariffs(rule + fees)
        let a = Fixture.price(rounded, FeeEngineTests.one("x", #"{"x":"\#(x)"}"#))
        let b = Fixture.price(plain, FeeEngineTests.one("x", #"{"x":"\#(x)"}"#))
        #expect(a.vat?["amount"] as? String == vat, "\(a)")
        #expect(b.vat?["amount"] as? String == vat, "\(b)")
        #expect(b.total == unrounded)
        #expect(b.object["rounding"] == nil)
        let line = a.object["rounding"] as? [String: Any] ?? [:]
        #expect(line["unrounded"] as? String == unrounded)
        #expect(line["amount"] as? String == difference)
        #expect(a.total == total)
    }

    /// The rounding line's values and text, exactly (total without VAT).
    @Test(arguments: [("0.49", "0.00", "-0.49"), ("0.50", "1.00", "0.50"), ("1234.38", "1234.00", "-0.38"), ("1234.62", "1235.00", "0.38")])
    func roundingLine(_ amount: String, _ total: String, _ difference: String) throws {
        let set = try Fixture.tariffs(
            #""total_rounding":{"step":"1.00","mode":"half_up","accounting":{"konto":"3999"}},"fees":{"x":{"name":"X","text":"t","inputs":{"x":{"type":"decimal","scale":2,"min":"0","max":"100000.00"}},"price":[{"percent":{"of":"x","percent":"100"}}]}}"#
        )
        let result = Fixture.price(set, FeeEngineTests.one("x", #"{"x":"\#(amount)"}"#))
        #expect(result.total == total)
        let line = result.object["rounding"] as? [String: Any] ?? [:]
        #expect(line["unrounded"] as? String == amount)
        #expect(line["amount"] as? String == difference)
        #expect((line["accounting"] as? [String: String]) == ["konto": "3999"])
        let swedish = { (text: String) in Money.parse(text)!.swedish }
        #expect(
            line["text"] as? String
                == "Öresavrundning: \(swedish(amount)) avrundat till hela kronor, hälften uppåt = \(swedish(total)): \(swedish(difference))")
    }

    // MARK: - taxa check

    @Test func checkNamesEveryBadKeyWithItsPath() throws {
        let fee = { (extra: String) in #""fees":{"f":{"name":"F","text":"t","price":[{"fixed":"1.00"}],\#(extra)}}"# }
        let file = "t/a/2024-01-01.json"
        #expect(
            try Fixture.errors(fee(#""accounting":{}"#))
                == [
                    "\(file): fees.f.accounting: expected an object of 1–20 accounting codes, each a string, e.g. {\"konto\": \"3151\", \"ansvar\": \"6100\"}; got 0 codes"
                ])
        #expect(
            try Fixture.errors(fee(#""accounting":{"konto":3151}"#)) == [
                "\(file): fees.f.accounting.konto: expected a string of 1–100 characters, got an integer"
            ])
        #expect(
            try Fixture.errors(fee(#""accounting":{"konto":"\#(String(repeating: "1", count: 101))"}"#))
                == ["\(file): fees.f.accounting.konto: expected a string of 1–100 characters, got 101"])
        let long = String(repeating: "k", count: 41)
        #expect(
            try Fixture.errors(fee(#""accounting":{"\#(long)":"1"}"#))
                == ["\(file): fees.f.accounting.\(long): expected an accounting key of 1–40 characters, got one of 41"])
        let many = (0..<21).map { #""k\#($0)":"v""# }.joined(separator: ",")
        #expect(
            try Fixture.errors(fee(#""accounting":{\#(many)}"#))
                == [
                    "\(file): fees.f.accounting: expected an object of 1–20 accounting codes, each a string, e.g. {\"konto\": \"3151\", \"ansvar\": \"6100\"}; got 21 codes"
                ])
        #expect(
            try Fixture.errors(fee(#""vat":"6""#))
                == ["\(file): fees.f.vat: expected \"0\" for a VAT-free fee, or a VAT rule {\"rate\", \"included\", …}; got \"6\""])
        #expect(
            try Fixture.errors(fee(#""vat":{"rate":"101","included":true}"#))
                == ["\(file): fees.f.vat.rate: expected a VAT rate from 0 to 100 percent (0 for a VAT-free fee), got \"101\""])
        #expect(try Fixture.errors(fee(#""vat":{"rate":"6"}"#)) == ["\(file): fees.f.vat.included: missing required key \"included\""])
        #expect(
            try Fixture.errors(fee(#""vat":{"rate":"6","included":true,"momskod":"x"}"#))
                == ["\(file): fees.f.vat.momskod: unknown key \"momskod\"; expected only: rate, included, rounding, text, accounting"])
        let rounding = { (body: String) in #""total_rounding":\#(body),"fees":{"f":{"name":"F","text":"t","price":[{"fixed":"1.00"}]}}"# }
        #expect(
            try Fixture.errors(rounding(#"{"step":"0","mode":"half_up"}"#))
                == ["\(file): total_rounding.step: expected a rounding step above zero, e.g. \"1.00\" for whole kronor; got \"0\""])
        #expect(
            try Fixture.errors(rounding(#"{"step":"1.00","mode":"nearest"}"#))
                == ["\(file): total_rounding.mode: expected a rounding mode, one of: half_up, half_away_from_zero, up, down; got \"nearest\""])
        #expect(try Fixture.errors(rounding(#"{"step":"1.00"}"#)) == ["\(file): total_rounding.mode: missing required key \"mode\""])
        #expect(
            try Fixture.errors(
                #""caps":[{"key":"k","name":"K","text":"t","fees":["f"],"period":"month","amount":"1.00","accounting":[]}],"fees":{"f":{"name":"F","text":"t","price":[{"fixed":"1.00"}]}}"#
            )
                == [
                    "\(file): caps[0].accounting: expected an object of 1–20 accounting codes, each a string, e.g. {\"konto\": \"3151\", \"ansvar\": \"6100\"}; got an array"
                ])
        #expect(
            try Fixture.errors(
                #""vat":{"rate":"25","included":true,"rounding":{"step":"0.01","mode":"half_up"},"text":"t","accounting":{"":"x"}},"#
                    + fee(#""paragraph":"1 §""#))
                == ["\(file): vat.accounting[\"\"]: expected an accounting key of 1–40 characters, got one of 0"])
        // Two rules of one rate must round it alike and carry the same codes: one entry per rate.
        #expect(
            try Fixture.errors(
                #""vat":{"rate":"25","included":true,"rounding":{"step":"0.01","mode":"half_up"},"text":"t"},"fees":{"f":{"name":"F","text":"t","price":[{"fixed":"1.00"}],"vat":{"rate":"25","included":true,"rounding":{"step":"1.00","mode":"half_up"}}}}"#
            )
                == [
                    "\(file): fees.f.vat: states VAT 25 % included with another rounding or other accounting codes than the version's vat; one rate is one entry of a result, stated alike"
                ])
        // Fees of one group share one line: one set of codes.
        let grouped = { (name: String, accounting: String) in
            #""\#(name)":{"name":"N","text":"t","inputs":{"m":{"type":"integer"}},"quantity":{"input":"m","unit":"min","scope":"day","group":"g"},"price":[{"per_unit":{"price":"1.00"}}]\#(accounting)}"#
        }
        #expect(
            try Fixture.errors(#""fees":{"# + grouped("a", #","accounting":{"konto":"1"}"#) + "," + grouped("b", "") + "}")
                == ["\(file): fees.b.quantity.group: is in the group \"g\" with a but has other accounting codes or VAT; a group's line carries one of each"])
    }
}
