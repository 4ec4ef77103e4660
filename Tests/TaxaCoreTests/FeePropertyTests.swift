import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Seeded random requests against the six reference tariffs (fixed seed; `TAXA_PROPERTY_SEED`
/// picks another). For every result:
/// - subtotal = Σ line amounts + Σ cap lines; total = subtotal + adjustment (+ VAT when added);
///   VAT included = round(total × 25/125); every cap line = limit − charged with charged > limit;
/// - billed quantities of started quarter hours are multiples of 15 with sum ≤ billed < sum + 15;
/// - items of fees priced per item are independent: the total of a request is the sum of the
///   totals of its items asked for one by one;
/// - splitting the quantity of a summed item (same day for `day`, same month for `month`) over
///   two items never changes the total;
/// - the output is byte-identical across two runs of the binary and with `--jobs 2`, and equals
///   the in-process answer.
@Suite struct FeePropertyTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["TAXA_PROPERTY_SEED"].flatMap { UInt64($0) } ?? 0xFEE5_2024
    static let requestsPerTariff = 150
    typealias RNG = PropertyTests.SplitMix64

    static let root = TestSupport.path("Fixtures/reference-tariffs")
    static let reference: TariffSet = {
        guard let set = TariffLoader.load(root: root).tariffSet else { fatalError("reference tariffs invalid") }
        return set
    }()

    struct Item {
        var fee: String
        var date: String
        var inputs: [(String, String)]  // name, JSON value

        var json: String {
            let inputs = self.inputs.isEmpty ? "" : #","inputs":{"# + self.inputs.map { #""\#($0.0)":\#($0.1)"# }.joined(separator: ",") + "}"
            return #"{"fee":"\#(fee)","date":"\#(date)"\#(inputs)}"#
        }
    }

    static func line(_ id: String, _ tariff: String, _ items: [Item], extra: String = "") -> String {
        #"{"id":"\#(id)","tariff":"\#(tariff)","items":[\#(items.map(\.json).joined(separator: ","))]\#(extra)}"#
    }

    static func date(_ years: ClosedRange<Int>, _ rng: inout RNG) -> String {
        String(format: "%04d-%02d-%02d", Int.random(in: years, using: &rng), Int.random(in: 1...12, using: &rng), Int.random(in: 1...28, using: &rng))
    }

    /// A decimal string of kronor with 0–2 decimals, from 0 to `max` kronor.
    static func kronor(_ max: Int, _ rng: inout RNG) -> String {
        let whole = Int.random(in: 0...3, using: &rng) == 0 ? Int.random(in: 0...100, using: &rng) : Int.random(in: 0...max, using: &rng)
        switch Int.random(in: 0...2, using: &rng) {
        case 0: return #""\#(whole)""#
        case 1: return #""\#(whole).\#(Int.random(in: 0...9, using: &rng))""#
        default: return String(format: "\"%d.%02d\"", whole, Int.random(in: 0...99, using: &rng))
        }
    }

    static func tjanster(_ rng: inout RNG) -> [(String, String)] {
        switch Int.random(in: 0...3, using: &rng) {
        case 0: []
        case 1: [("tjanster", #""vatten""#)]
        case 2: [("tjanster", #""avlopp""#)]
        default: [("tjanster", #""vatten_och_avlopp""#)]
        }
    }

    /// The tariffs, with a random valid item of each.
    static let generators: [(tariff: String, itemScoped: Bool, item: @Sendable (inout RNG) -> Item)] = [
        (
            "livsmedelsverket/kontroll", false,
            { rng in
                Item(
                    fee: Bool.random(using: &rng) ? "planerad" : "oplanerad", date: date(2023...2025, &rng),
                    inputs: [("minutes", String(Int.random(in: 0...240, using: &rng)))])
            }
        ),
        (
            "mark/alkohol", true,
            { rng in
                Bool.random(using: &rng)
                    ? Item(fee: "tillsyn_fast", date: date(2022...2026, &rng), inputs: [])
                    : Item(fee: "tillsyn_rorlig", date: date(2022...2026, &rng), inputs: [("omsattning", kronor(4_000_000, &rng))])
            }
        ),
        (
            "habo/alkohol", true,
            { rng in
                Bool.random(using: &rng)
                    ? Item(fee: "grundavgift", date: date(2017...2026, &rng), inputs: [])
                    : Item(fee: "tillsynsavgift", date: date(2017...2026, &rng), inputs: [("omsattning", kronor(999_999, &rng))])
            }
        ),
        (
            "sollentuna/aldreomsorg", false,
            { rng in
                let day = date(2024...2026, &rng)
                switch Int.random(in: 0...3, using: &rng) {
                case 0: return Item(fee: "hemtjanst", date: day, inputs: [("minutes", String(Int.random(in: 0...1500, using: &rng)))])
                case 1: return Item(fee: "trygghetslarm", date: day, inputs: [])
                case 2: return Item(fee: "dagverksamhet", date: day, inputs: [("days", String(Int.random(in: 0...31, using: &rng)))])
                default: return Item(fee: "korttidsboende", date: day, inputs: [("dygn", String(Int.random(in: 0...31, using: &rng)))])
                }
            }
        ),
        (
            "vasteras/maxtaxa", true,
            { rng in
                Item(
                    fee: Bool.random(using: &rng) ? "forskola" : "fritidshem", date: date(2019...2026, &rng),
                    inputs: [("barn", String(Int.random(in: 1...5, using: &rng))), ("inkomst", kronor(80_000, &rng))])
            }
        ),
        (
            "eksjo/va", true,
            { rng in
                let day = date(2016...2026, &rng)
                switch Int.random(in: 0...3, using: &rng) {
                case 0: return Item(fee: "matstalle", date: day, inputs: tjanster(&rng))
                case 1: return Item(fee: "forbrukning", date: day, inputs: [("m3", kronor(500, &rng))] + tjanster(&rng))
                case 2: return Item(fee: "lagenhet", date: day, inputs: [("lagenheter", String(Int.random(in: 1...20, using: &rng)))] + tjanster(&rng))
                default:
                    return Item(fee: "lokal_matare", date: day, inputs: [("qn", ["\"2.5\"", "\"6\"", "\"10\""].randomElement(using: &rng)!)] + tjanster(&rng))
                }
            }
        ),
    ]

    static func randomRequest(_ generator: Int, _ number: Int, _ rng: inout RNG) -> (tariff: String, items: [Item]) {
        let (tariff, _, make) = generators[generator]
        let count = Int.random(in: 0...4, using: &rng) == 0 ? Int.random(in: 5...12, using: &rng) : Int.random(in: 1...4, using: &rng)
        return (tariff, (0..<count).map { _ in make(&rng) })
    }

    /// Öre from a contract amount ("-133.00"), parsed here rather than by the code under test.
    static func ore(_ text: String?) -> Int64? {
        guard var text else { return nil }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let kronor = Int64(parts[0]), let ore = Int64(parts[1]) else { return nil }
        return (negative ? -1 : 1) * (kronor * 100 + ore)
    }

    /// `value × numerator ÷ denominator` rounded half up (towards +∞ on ties), in öre.
    static func halfUp(_ value: Int64, _ numerator: Int64, _ denominator: Int64) -> Int64 {
        let product = Int128(value) * Int128(numerator)
        let d = Int128(denominator)
        var q = product / d
        let r = product % d
        if r != 0 {
            if r > 0 { if 2 * r >= d { q += 1 } } else if -2 * r > d { q -= 1 }
        }
        return Int64(q)
    }

    /// The sum invariants of one successful result; the VAT rule of the reference tariffs is
    /// 25 %, included (eksjo/va) or none.
    static func checkSums(_ result: FeeFixture.Result, vatAdded: Bool = false, context: String) {
        guard result.ok else { Issue.record("not priced: \(result.errorText) for \(context)"); return }
        let fees = result.feeLines.compactMap { ore($0["amount"] as? String) }
        let caps = result.capLines.compactMap { ore($0["amount"] as? String) }
        #expect(fees.count == result.feeLines.count && caps.count == result.capLines.count, "\(context)")
        guard let subtotal = ore(result.subtotal), let total = ore(result.total) else {
            Issue.record("no subtotal or total: \(result)"); return
        }
        #expect(subtotal == fees.reduce(0, +) + caps.reduce(0, +), "subtotal ≠ Σ lines: \(result)")
        let adjustment = ore(result.adjustment?["amount"] as? String) ?? 0
        if let vat = result.vat, let amount = ore(vat["amount"] as? String) {
            if vat["included"] as? Bool == true {
                #expect(total == subtotal + adjustment, "\(result)")
                #expect(amount == halfUp(total, 25, 125), "included VAT ≠ total × 25/125: \(result)")
            } else {
                #expect(vatAdded)
                #expect(amount == halfUp(subtotal + adjustment, 25, 100), "added VAT ≠ 25 %: \(result)")
                #expect(total == subtotal + adjustment + amount, "total ≠ subtotal + adjustment + VAT: \(result)")
            }
        } else {
            #expect(total == subtotal + adjustment, "total ≠ subtotal + adjustment: \(result)")
        }
        for cap in result.capLines {
            let charged = ore(cap["charged"] as? String) ?? 0
            let limit = ore(cap["limit"] as? String) ?? 0
            #expect(charged > limit, "\(result)")
            #expect(ore(cap["amount"] as? String) == limit - charged, "\(result)")
        }
        for line in result.feeLines {
            guard let quantity = line["quantity"] as? [String: Any], line["fee"] as? String == "planerad" || line["fee"] as? String == "oplanerad",
                let sum = Int64(quantity["sum"] as? String ?? ""), let billed = Int64(quantity["billed"] as? String ?? "")
            else { continue }
            #expect(billed % 15 == 0 && sum <= billed && billed < sum + 15, "\(result)")
        }
    }

    @Test(arguments: 0..<generators.count)
    func sumsHoldForRandomRequests(_ generator: Int) {
        var rng = RNG(state: Self.seed &+ UInt64(generator) &* 7919)
        var capped = 0
        var withVAT = 0
        for number in 0..<Self.requestsPerTariff {
            let (tariff, items) = Self.randomRequest(generator, number, &rng)
            let line = Self.line("p\(number)", tariff, items)
            let result = FeeFixture.Result(TestSupport.answer(line, tariffs: Self.reference))
            Self.checkSums(result, context: line)
            if !result.capLines.isEmpty { capped += 1 }
            if result.vat != nil { withVAT += 1 }
        }
        // The cases reach what they are meant to check.
        let tariff = Self.generators[generator].tariff
        if tariff == "sollentuna/aldreomsorg" { #expect(capped > 20) } else { #expect(capped == 0) }
        #expect(withVAT == (tariff == "eksjo/va" ? Self.requestsPerTariff : 0))
    }

    /// Fees priced per item: asking for the items together or one by one gives the same total.
    @Test(arguments: generators.indices.filter { generators[$0].itemScoped })
    func itemsPricedPerItemAreIndependent(_ generator: Int) {
        var rng = RNG(state: Self.seed &+ UInt64(generator) &* 104_729)
        for number in 0..<Self.requestsPerTariff {
            let (tariff, items) = Self.randomRequest(generator, number, &rng)
            let together = FeeFixture.Result(TestSupport.answer(Self.line("t\(number)", tariff, items), tariffs: Self.reference))
            var sum: Int64 = 0
            var amounts: [String] = []
            for item in items {
                let alone = FeeFixture.Result(TestSupport.answer(Self.line("a\(number)", tariff, [item]), tariffs: Self.reference))
                sum += Self.ore(alone.total) ?? .min / 2
                amounts += alone.amounts
            }
            #expect(Self.ore(together.total) == sum, "\(Self.line("t\(number)", tariff, items))")
            #expect(together.amounts.sorted() == amounts.sorted())
        }
    }

    /// Splitting a summed quantity over two items of the same period never changes the total:
    /// minutes of the same fee and day (livsmedelsverket), minutes, days or dygn of the same
    /// month (sollentuna, caps included).
    @Test func splittingASummedQuantityKeepsTheTotal() {
        var rng = RNG(state: Self.seed ^ 0x5117)
        let quantities = ["minutes", "days", "dygn"]
        var splits = 0
        for generator in [0, 3] {
            for number in 0..<Self.requestsPerTariff {
                let (tariff, items) = Self.randomRequest(generator, number, &rng)
                guard let index = items.indices.first(where: { i in items[i].inputs.contains { quantities.contains($0.0) && (Int($0.1) ?? 0) >= 2 } }) else {
                    continue
                }
                let original = items[index]
                let position = original.inputs.firstIndex { quantities.contains($0.0) }!
                let amount = Int(original.inputs[position].1)!
                let part = Int.random(in: 1..<amount, using: &rng)
                var first = original
                var second = original
                first.inputs[position].1 = String(part)
                second.inputs[position].1 = String(amount - part)
                if generator == 3 {
                    // Another day of the same month.
                    second.date = String(original.date.prefix(8)) + String(format: "%02d", Int.random(in: 1...28, using: &rng))
                }
                var split = items
                split[index] = first
                split.insert(second, at: Int.random(in: 0...split.count, using: &rng))
                let whole = FeeFixture.Result(TestSupport.answer(Self.line("w\(number)", tariff, items), tariffs: Self.reference))
                let parts = FeeFixture.Result(TestSupport.answer(Self.line("s\(number)", tariff, split), tariffs: Self.reference))
                #expect(whole.ok && parts.ok)
                #expect(whole.total == parts.total, "\(Self.line("w", tariff, items)) vs \(Self.line("s", tariff, split))")
                splits += 1
            }
        }
        #expect(splits > 100)
    }

    /// A tariff with VAT added, adjustments and a cap: total = subtotal + adjustment + VAT, the
    /// reduction −round(subtotal × percent / 100) and VAT round((subtotal + adjustment) × 25 %).
    @Test func vatAddedAndAdjustmentsForRandomRequests() throws {
        let set = try FeeFixture.tariffs(
            #""vat":{"rate":"25","included":false,"rounding":{"step":"0.01","mode":"half_up"},"text":"t"},"adjustments":{"paragraph":"8 §","text":"t"},"fees":{"belopp":{"name":"Belopp","text":"t","inputs":{"x":{"type":"decimal","scale":2,"min":"0","max":"100000.00"}},"price":[{"percent":{"of":"x","percent":"100"}}]},"tid":{"name":"Tid","text":"t","inputs":{"m":{"type":"integer","min":0,"max":10000}},"quantity":{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"month"},"price":[{"per_unit":{"price":"1201.00","per":60}}]}},"caps":[{"key":"tak","name":"Tak","text":"t","fees":["belopp","tid"],"period":"month","amount":"5000.00"}]"#
        )
        var rng = RNG(state: Self.seed ^ 0x7A7)
        for number in 0..<300 {
            let items = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                Bool.random(using: &rng)
                    ? Item(fee: "belopp", date: Self.date(2024...2025, &rng), inputs: [("x", Self.kronor(4000, &rng))])
                    : Item(fee: "tid", date: Self.date(2024...2025, &rng), inputs: [("m", String(Int.random(in: 0...300, using: &rng)))])
            }
            var extra = ""
            var percent: (units: Int64, scale: Int)?
            switch Int.random(in: 0...3, using: &rng) {
            case 0:
                extra = #","adjustment":{"kind":"waiver","reference":"MN § 1"}"#
            case 1:
                let units = Int64.random(in: 0...10_000, using: &rng)
                percent = (units, 2)
                extra = String(format: #","adjustment":{"kind":"reduction","percent":"%d.%02d","reference":"MN § 2"}"#, units / 100, units % 100)
            default:
                break
            }
            let line = Self.line("v\(number)", "t/a", items, extra: extra)
            let result = FeeFixture.Result(TestSupport.answer(line, tariffs: set))
            Self.checkSums(result, vatAdded: true, context: line)
            guard let subtotal = Self.ore(result.subtotal) else { continue }
            if extra.contains("waiver") {
                #expect(Self.ore(result.adjustment?["amount"] as? String) == -subtotal)
                #expect(result.total == "0.00")
            } else if let percent {
                #expect(Self.ore(result.adjustment?["amount"] as? String) == -Self.halfUp(subtotal, percent.units, 10_000), "\(line)")
            } else {
                #expect(result.adjustment == nil)
            }
        }
    }

    /// The same corpus through the binary twice and with two workers: byte-identical output,
    /// equal to the in-process answers line by line.
    @Test func outputIsByteIdenticalAcrossRunsAndWorkers() throws {
        var rng = RNG(state: Self.seed ^ 0xB17E)
        var lines: [String] = []
        for number in 0..<360 {
            let (tariff, items) = Self.randomRequest(number % Self.generators.count, number, &rng)
            let explain = number % 7 == 0 ? #","explain":true"# : ""
            lines.append(Self.line("b\(number)", tariff, items, extra: explain))
            if number % 45 == 0 {
                lines.append(#"{"id":"bad\#(number)","tariff":"\#(tariff)","items":[{"fee":"nej","date":"2024-01-01"}]}"#)
                lines.append("{not json")
            }
        }
        let input = Data((lines.joined(separator: "\n") + "\n").utf8)
        let first = try TestSupport.runTaxa(["--tariffs", Self.root], input: input)
        let second = try TestSupport.runTaxa(["--tariffs", Self.root], input: input)
        let parallel = try TestSupport.runTaxa(["run", "--jobs", "2", "--tariffs", Self.root], input: input)
        #expect(first.status == 0 && second.status == 0 && parallel.status == 0)
        #expect(first.stdout.split(separator: "\n").count == lines.count)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout == parallel.stdout)
        let inProcess = lines.enumerated().map { TestSupport.answer($0.element, tariffs: Self.reference, number: $0.offset + 1) }
        #expect(first.stdout == inProcess.joined(separator: "\n") + "\n")
    }
}
