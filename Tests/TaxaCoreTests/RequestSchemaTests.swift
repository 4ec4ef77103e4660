import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// `taxa schema`: the patterns accept exactly the strings taxa's own readers accept, and the
/// command prints a schema per tariff and the list of tariffs. The agreement of the whole
/// schema with taxa on generated requests is `scripts/test-request-schemas` (CI).
@Suite struct RequestSchemaTests {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Strings around a range: every spelling taxa refuses, and values at and beside its ends.
    static func candidates(_ low: Int128, _ high: Int128, scale: Int, random: inout SystemRandomNumberGenerator) -> [String] {
        var texts = ["", "0", "-0", "00", "01", "-00", ".5", "5.", "+1", "1e3", " 1", "1 ", "1.2.3", "--1", "0.0", "-0.0", "0.00000", "1,5"]
        func text(_ units: Int128, decimals: Int) -> String {
            let sign = units < 0 ? "-" : ""
            let magnitude = units.magnitude
            let unit = UInt128(powerOfTen(scale))
            var out = sign + String(magnitude / unit)
            if decimals > 0 {
                var fraction = scale == 0 ? "" : String(magnitude % unit)
                fraction = String(repeating: "0", count: max(0, scale - fraction.count)) + fraction
                let written = decimals <= scale ? String(fraction.prefix(decimals)) : fraction + String(repeating: "0", count: decimals - scale)
                out += "." + written
            }
            return out
        }
        let span = high - low
        var values: [Int128] = [low, high, low - 1, high + 1, 0, -1, 1, low + span / 2, high * 10, low - 10]
        for _ in 0..<30 { values.append(low + Int128(Int64.random(in: 0...Int64(clamping: max(span, 0)), using: &random))) }
        for value in values {
            for decimals in 0...(scale + 1) { texts.append(text(value, decimals: decimals)) }
            texts.append("0" + text(value, decimals: scale))
        }
        return texts
    }

    @Test(arguments: [
        (Int128(0), Int128(100_000_000_000_00), 2), (Int128(0), Int128(1_000_000_00), 2), (Int128(-5_000), Int128(12_345), 3),
        (Int128(1), Int128(100_0000), 4), (Int128(-100), Int128(-7), 1), (Int128(0), Int128(0), 2), (Int128(5), Int128(5), 0),
        (Int128(0), Int128(Int64.max), 2), (Int128(-1_000_000_000_000), Int128(1_000_000_000_000), 0), (Int128(49_999_99), Int128(50_000_01), 2),
    ])
    func decimalPatternAcceptsExactlyWhatTaxaReads(_ low: Int128, _ high: Int128, _ scale: Int) throws {
        var random = SystemRandomNumberGenerator()
        let pattern = try #require(SchemaPatterns.decimal(low, high, scale: scale))
        for text in Self.candidates(low, high, scale: scale, random: &random) {
            let parsed = ScaledDecimal.parse(text, maxScale: scale, allowNegative: true)
            let inRange = parsed.map { value in
                let units = SchemaPatterns.scaled(value, to: scale)
                return low <= units && units <= high
            }
            #expect(Self.matches(pattern, text) == (inRange ?? false), "\(text) against \(low)…\(high) at scale \(scale): \(pattern)")
        }
    }

    @Test func unsignedPatternsRefuseEveryMinus() throws {
        let pattern = try #require(SchemaPatterns.decimal(1, 100_0000, scale: 4, negative: false))
        for text in ["-0", "-1", "0", "0.0000", "100.0001"] { #expect(!Self.matches(pattern, text), "\(text)") }
        for text in ["0.0001", "100", "100.0000", "50", "12.5"] { #expect(Self.matches(pattern, text), "\(text)") }
        #expect(SchemaPatterns.decimal(5, 4, scale: 0) == nil)
    }

    /// Every day of four centuries' leap rules, and strings around them.
    @Test func datePatternAcceptsExactlyTheDaysOfTheCalendar() {
        var texts = ["0000-01-01", "0001-01-01", "9999-12-31", "10000-01-01", "2024-2-1", "+2024-02-01", "2024-02-01T00:00", " 2024-02-01", "2024/02/01"]
        for year in [1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 2400, 9996, 9999] {
            for month in 0...13 {
                for day in [0, 1, 28, 29, 30, 31, 32] {
                    texts.append(String(format: "%04d-%02d-%02d", year, month, day))
                }
            }
        }
        for text in texts {
            #expect(Self.matches(SchemaPatterns.date, text) == (CivilDate.parse(text) != nil), "\(text)")
        }
        #expect(
            Self.matches(SchemaPatterns.month, "2023-09") && !Self.matches(SchemaPatterns.month, "2023-13") && !Self.matches(SchemaPatterns.month, "0000-01"))
    }

    // MARK: - The command

    static let reference = TestSupport.path("Fixtures/reference-tariffs")

    @Test func schemaOfAFeesTariff() throws {
        let run = try TestSupport.runTaxa(["schema", "vasteras/maxtaxa", "--tariffs", Self.reference, "--date", "2019-03-01"])
        #expect(run.status == 0, "\(run.stderr)")
        let schema = TestSupport.json(run.stdout)
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["required"] as? [String] == ["id", "tariff", "items"])
        let properties = schema["properties"] as? [String: Any] ?? [:]
        #expect((properties["tariff"] as? [String: Any])?["const"] as? String == "vasteras/maxtaxa")
        #expect(properties["adjustment"] == nil)  // the tariff allows no reduction or waiver
        let definitions = schema["$defs"] as? [String: Any] ?? [:]
        let item = definitions["item"] as? [String: Any] ?? [:]
        #expect(((item["properties"] as? [String: Any])?["fee"] as? [String: Any])?["enum"] as? [String] == ["forskola", "fritidshem"])
        let fee = definitions["fee_forskola"] as? [String: Any] ?? [:]
        #expect(fee["title"] as? String == "Förskola och pedagogisk omsorg")
        let inputs = ((fee["properties"] as? [String: Any])?["inputs"] as? [String: Any]) ?? [:]
        #expect(inputs["required"] as? [String] == ["barn", "inkomst"])
        let barn = (inputs["properties"] as? [String: Any])?["barn"] as? [String: Any] ?? [:]
        #expect(barn["type"] as? String == "integer")
        #expect(barn["minimum"] as? Int == 1)
        #expect(barn["maximum"] as? Int == 20)
        #expect((barn["description"] as? String)?.hasPrefix("Barnets ordning bland hushållets barn") == true)
        let inkomst = (inputs["properties"] as? [String: Any])?["inkomst"] as? [String: Any] ?? [:]
        #expect(inkomst["type"] as? String == "string")
        #expect(Self.matches(inkomst["pattern"] as? String ?? "", "47490.5"))
        #expect(!Self.matches(inkomst["pattern"] as? String ?? "", "47490.555"))
    }

    @Test func schemaOfTheOlderKinds() throws {
        let shipped = TestSupport.path("Tariffs")
        let hourly = TestSupport.json(try TestSupport.runTaxa(["schema", "oxelosund/laff", "--tariffs", shipped, "--date", "2024-03-01"]).stdout)
        let entry = ((hourly["properties"] as? [String: Any])?["entries"] as? [String: Any])?["items"] as? [String: Any] ?? [:]
        #expect(
            ((entry["properties"] as? [String: Any])?["activity"] as? [String: Any])?["enum"] as? [String] == [
                "avfallshanteringsplan", "tillsyn", "overklagande",
            ])
        #expect((hourly["properties"] as? [String: Any])?["adjustment"] != nil)
        let perCapita = TestSupport.json(try TestSupport.runTaxa(["schema", "oxelosund/bep", "--tariffs", shipped, "--date", "2023-09-01"]).stdout)
        let month = ((perCapita["properties"] as? [String: Any])?["months"] as? [String: Any])?["additionalProperties"] as? [String: Any] ?? [:]
        #expect((month["required"] as? [String])?.first == "1-3 år")
        let percentage = TestSupport.json(try TestSupport.runTaxa(["schema", "oxelosund/po", "--tariffs", shipped, "--date", "2024-03-01"]).stdout)
        #expect(percentage["required"] as? [String] == ["id", "tariff", "date", "salary_cost"])
    }

    @Test func schemaOfEveryVersion() throws {
        let run = try TestSupport.runTaxa(["schema", "livsmedelsverket/kontroll", "--tariffs", Self.reference, "--all"])
        let schema = TestSupport.json(run.stdout)
        let definitions = schema["$defs"] as? [String: Any] ?? [:]
        #expect(definitions["item_2023-01-01"] != nil && definitions["item_2024-01-01"] != nil)
        let items = ((schema["properties"] as? [String: Any])?["items"] as? [String: Any])?["items"] as? [String: Any] ?? [:]
        #expect((items["anyOf"] as? [[String: String]]) == [["$ref": "#/$defs/item_2023-01-01"], ["$ref": "#/$defs/item_2024-01-01"]])
    }

    @Test func schemaRefusals() throws {
        var run = try TestSupport.runTaxa(["schema", "mark/alkohol", "--tariffs", Self.reference, "--date", "2021-12-31"])
        #expect(run.status == 1)
        #expect(
            run.stderr
                == "taxa schema: mark/alkohol has no version in force on 2021-12-31; the earliest version is valid from 2022-01-01, decided 2022-01-01; give --date a day in force, or --all\n"
        )
        run = try TestSupport.runTaxa(["schema", "no/such", "--tariffs", Self.reference, "--date", "2022-01-01"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("taxa schema: no tariff \"no/such\"; known: eksjo/va, habo/alkohol"))
        run = try TestSupport.runTaxa(["schema", "--tariffs", Self.reference])
        #expect(run.status != 0)
    }

    @Test func listTheTariffsWithTheirFees() throws {
        let run = try TestSupport.runTaxa(["schema", "--list", "--tariffs", Self.reference, "--date", "2024-06-01"])
        #expect(run.status == 0)
        #expect(
            run.stdout.contains(
                "livsmedelsverket/kontroll (fees): Avgifter enligt nationellt regelverk, timavgifter 2024 — version 2024-01-01, in force on 2024-06-01\n"),
            "\(run.stdout)")
        #expect(run.stdout.contains("mark/alkohol (fees): "))
        #expect(run.stdout.contains("  fee hogkostnadsskydd") == false)
        #expect(run.stdout.contains("  fee trygghetslarm: Trygghetslarm\n"))
        let json = TestSupport.json(try TestSupport.runTaxa(["schema", "--list", "--json", "--tariffs", Self.reference, "--date", "2024-06-01"]).stdout)
        let tariffs = json["tariffs"] as? [[String: Any]] ?? []
        #expect(
            tariffs.map { $0["tariff"] as? String ?? "?" } == [
                "eksjo/va", "habo/alkohol", "harjedalen/kopior", "livsmedelsverket/kontroll", "mark/alkohol", "sollentuna/aldreomsorg", "umea/miljobalken",
                "vara/bygglov", "vasteras/maxtaxa",
            ])
        #expect((tariffs[4]["fees"] as? [[String: Any]])?.map { $0["fee"] as? String ?? "?" } == ["tillsyn_fast", "tillsyn_rorlig"])
        #expect(json["date"] as? String == "2024-06-01")
    }
}
