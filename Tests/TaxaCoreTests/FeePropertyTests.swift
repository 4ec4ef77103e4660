import Foundation
import PropertyBased
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Random requests against the six reference tariffs (150 per tariff, drawn by
/// swift-property-based; a failing case is shrunk to a small request and printed with the
/// `.fixedSeed(…)` that replays it). For every result:
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
    static let requestsPerTariff = 150
    /// The seed of the byte-identical corpus, fixed so that it is the same batch every run.
    static let fixedSeed: (UInt64, UInt64, UInt64, UInt64) = (0xFEE5_2024, 0xB17E, 0x5EED, 0x2026)

    static let root = TestSupport.path("Fixtures/reference-tariffs")
    static let reference: TariffSet = {
        guard let set = TariffLoader.load(root: root).tariffSet else { fatalError("reference tariffs invalid") }
        return set
    }()

    struct Item: CustomStringConvertible {
        var fee: String
        var date: String
        var inputs: [(String, String)]  // name, JSON value

        var json: String {
            let inputs = self.inputs.isEmpty ? "" : #","inputs":{"# + self.inputs.map { #""\#($0.0)":\#($0.1)"# }.joined(separator: ",") + "}"
            return #"{"fee":"\#(fee)","date":"\#(date)"\#(inputs)}"#
        }
        var description: String { json }
    }

    /// A request of one reference tariff; printed as its line when a property fails.
    struct Request: CustomTestStringConvertible {
        var tariff: String
        var items: [Item]
        var testDescription: String { FeePropertyTests.line("p", tariff, items) }
    }

    static func line(_ id: String, _ tariff: String, _ items: [Item], extra: String = "") -> String {
        #"{"id":"\#(id)","tariff":"\#(tariff)","items":[\#(items.map(\.json).joined(separator: ","))]\#(extra)}"#
    }

    // MARK: - The generators
    //
    // Composed from the library's integer generators so that a failing case shrinks: fewer
    // items, the first year, month and day of the range, smaller quantities and amounts.

    static func date(_ years: ClosedRange<Int>) -> Generator<String, some Sequence & SendableMetatype> {
        zip(Gen.int(in: years), Gen.int(in: 1...12), Gen.int(in: 1...28)).map { year, month, day in
            String(format: "%04d-%02d-%02d", year, month, day)
        }
    }

    /// A decimal string of kronor with 0–2 decimals, from 0 to `max` kronor (one in four up to
    /// 100 kronor).
    static func kronor(_ max: Int) -> Generator<String, some Sequence & SendableMetatype> {
        zip(Gen<Int>.frequency((1, Gen.int(in: 0...100)), (3, Gen.int(in: 0...max))), Gen.int(in: 0...2), Gen.int(in: 0...99))
            .map { whole, decimals, fraction in
                switch decimals {
                case 0: #""\#(whole)""#
                case 1: #""\#(whole).\#(fraction % 10)""#
                default: String(format: "\"%d.%02d\"", whole, fraction)
                }
            }
    }

    static let tjanster = Gen.int(in: 0...3).map { choice -> [(String, String)] in
        [[], [("tjanster", #""vatten""#)], [("tjanster", #""avlopp""#)], [("tjanster", #""vatten_och_avlopp""#)]][choice]
    }

    static func integer(_ range: ClosedRange<Int>) -> Generator<String, some Sequence & SendableMetatype> { Gen.int(in: range).map { String($0) } }

    typealias ItemGenerator = Generator<Item, AnySequence<Any>>

    static let livsmedelsverket: ItemGenerator = zip(Gen.bool, date(2023...2025), integer(0...240))
        .map { unplanned, date, minutes in Item(fee: unplanned ? "oplanerad" : "planerad", date: date, inputs: [("minutes", minutes)]) }
        .eraseToAny()

    static let mark: ItemGenerator = Gen.oneOf(
        date(2022...2026).map { Item(fee: "tillsyn_fast", date: $0, inputs: []) },
        zip(date(2022...2026), kronor(4_000_000)).map { Item(fee: "tillsyn_rorlig", date: $0, inputs: [("omsattning", $1)]) }
    ).eraseToAny()

    static let habo: ItemGenerator = Gen.oneOf(
        date(2017...2026).map { Item(fee: "grundavgift", date: $0, inputs: []) },
        zip(date(2017...2026), kronor(999_999)).map { Item(fee: "tillsynsavgift", date: $0, inputs: [("omsattning", $1)]) }
    ).eraseToAny()

    static let sollentuna: ItemGenerator = Gen.oneOf(
        zip(date(2024...2026), integer(0...1500)).map { Item(fee: "hemtjanst", date: $0, inputs: [("minutes", $1)]) },
        date(2024...2026).map { Item(fee: "trygghetslarm", date: $0, inputs: []) },
        zip(date(2024...2026), integer(0...31)).map { Item(fee: "dagverksamhet", date: $0, inputs: [("days", $1)]) },
        zip(date(2024...2026), integer(0...31)).map { Item(fee: "korttidsboende", date: $0, inputs: [("dygn", $1)]) }
    ).eraseToAny()

    static let vasteras: ItemGenerator = zip(Gen.bool, date(2019...2026), integer(1...5), kronor(80_000))
        .map { fritids, date, barn, inkomst in
            Item(fee: fritids ? "fritidshem" : "forskola", date: date, inputs: [("barn", barn), ("inkomst", inkomst)])
        }
        .eraseToAny()

    static let eksjo: ItemGenerator = Gen.oneOf(
        zip(date(2016...2026), tjanster).map { Item(fee: "matstalle", date: $0, inputs: $1) },
        zip(date(2016...2026), kronor(500), tjanster).map { Item(fee: "forbrukning", date: $0, inputs: [("m3", $1)] + $2) },
        zip(date(2016...2026), integer(1...20), tjanster).map { Item(fee: "lagenhet", date: $0, inputs: [("lagenheter", $1)] + $2) },
        zip(date(2016...2026), Gen.int(in: 0...2), tjanster).map { date, qn, tjanster in
            Item(fee: "lokal_matare", date: date, inputs: [("qn", ["\"2.5\"", "\"6\"", "\"10\""][qn])] + tjanster)
        }
    ).eraseToAny()

    /// The tariffs, with a generator of a random valid item of each.
    static let generators: [(tariff: String, itemScoped: Bool, item: ItemGenerator)] = [
        ("livsmedelsverket/kontroll", false, livsmedelsverket),
        ("mark/alkohol", true, mark),
        ("habo/alkohol", true, habo),
        ("sollentuna/aldreomsorg", false, sollentuna),
        ("vasteras/maxtaxa", true, vasteras),
        ("eksjo/va", true, eksjo),
    ]

    /// Requests of one tariff: one in five with 5–12 items (1–4 and 4–8 more), the others with
    /// 1–4. Drawn as a choice and two arrays rather than by `frequency` between two arrays, so
    /// that a long request can still shrink to a short one.
    static func requests(_ generator: Int) -> Generator<Request, some Sequence & SendableMetatype> {
        let (tariff, _, item) = generators[generator]
        return zip(Gen.int(in: 0...4), item.array(of: 1...4), item.array(of: 4...8))
            .map { choice, items, more in Request(tariff: tariff, items: choice == 4 ? items + more : items) }
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
    func sumsHoldForRandomRequests(_ generator: Int) async {
        let tariff = Self.generators[generator].tariff
        var capped = 0
        await propertyCheck(count: Self.requestsPerTariff, input: Self.requests(generator)) { request in
            let line = Self.line("p", tariff, request.items)
            let result = FeeFixture.Result(TestSupport.answer(line, tariffs: Self.reference))
            Self.checkSums(result, context: line)
            // Only sollentuna has caps, only eksjo VAT (always included).
            #expect(result.capLines.isEmpty || tariff == "sollentuna/aldreomsorg", "\(result)")
            #expect((result.vat != nil) == (tariff == "eksjo/va"), "\(result)")
            if !result.capLines.isEmpty { capped += 1 }
        }
        // The cases reach a cap: about two sollentuna requests in five do (313 of 750 in five
        // runs), so even at one in three 20 or fewer of 150 has a chance below 10⁻⁸ (Chernoff):
        // the count is not flaky although the library draws from a new seed each run.
        if tariff == "sollentuna/aldreomsorg" { #expect(capped > 20) }
    }

    /// Fees priced per item: asking for the items together or one by one gives the same total.
    @Test(arguments: generators.indices.filter { generators[$0].itemScoped })
    func itemsPricedPerItemAreIndependent(_ generator: Int) async {
        let tariff = Self.generators[generator].tariff
        await propertyCheck(count: Self.requestsPerTariff, input: Self.requests(generator)) { request in
            let together = FeeFixture.Result(TestSupport.answer(Self.line("t", tariff, request.items), tariffs: Self.reference))
            var sum: Int64 = 0
            var amounts: [String] = []
            for item in request.items {
                let alone = FeeFixture.Result(TestSupport.answer(Self.line("a", tariff, [item]), tariffs: Self.reference))
                sum += Self.ore(alone.total) ?? .min / 2
                amounts += alone.amounts
            }
            #expect(Self.ore(together.total) == sum, "\(Self.line("t", tariff, request.items))")
            #expect(together.amounts.sorted() == amounts.sorted())
        }
    }

    /// A request with the choices that split its first summed quantity of 2 or more.
    struct SplitCase: CustomTestStringConvertible {
        var request: Request
        var part: Int  // taken modulo the quantity − 1
        var day: Int
        var position: Int  // taken modulo the number of items + 1

        static let quantities = ["minutes", "days", "dygn"]

        /// The items with the quantity split over two items: another day of the same month for
        /// sollentuna (scope month), the same day for livsmedelsverket (scope day). Nil when no
        /// item has a summed quantity of 2 or more.
        var split: [Item]? {
            let items = request.items
            guard
                let index = items.indices.first(where: { i in
                    items[i].inputs.contains { Self.quantities.contains($0.0) && (Int($0.1) ?? 0) >= 2 }
                })
            else { return nil }
            let original = items[index]
            let position = original.inputs.firstIndex { Self.quantities.contains($0.0) }!
            let amount = Int(original.inputs[position].1)!
            let part = 1 + self.part % (amount - 1)
            var first = original
            var second = original
            first.inputs[position].1 = String(part)
            second.inputs[position].1 = String(amount - part)
            if request.tariff == "sollentuna/aldreomsorg" {
                second.date = String(original.date.prefix(8)) + String(format: "%02d", day)
            }
            var split = items
            split[index] = first
            split.insert(second, at: self.position % (split.count + 1))
            return split
        }

        var testDescription: String {
            "\n\(FeePropertyTests.line("w", request.tariff, request.items))\nsplit: \(split.map { FeePropertyTests.line("s", request.tariff, $0) } ?? "none")\n"
        }
    }

    static func splitCases(_ generator: Int) -> Generator<SplitCase, some Sequence & SendableMetatype> {
        // 360 360 is a multiple of every count of items up to 14, so the position is uniform.
        zip(requests(generator), Gen.int(in: 0...(1 << 40)), Gen.int(in: 1...28), Gen.int(in: 0...360_359))
            .map { request, part, day, position in SplitCase(request: request, part: part, day: day, position: position) }
    }

    /// Splitting a summed quantity over two items of the same period never changes the total:
    /// minutes of the same fee and day (livsmedelsverket), minutes, days or dygn of the same
    /// month (sollentuna, caps included).
    @Test func splittingASummedQuantityKeepsTheTotal() async {
        var splits = 0
        for generator in [0, 3] {
            await propertyCheck(count: Self.requestsPerTariff, input: Self.splitCases(generator)) { testCase in
                guard let split = testCase.split else { return }
                let tariff = testCase.request.tariff
                let whole = FeeFixture.Result(TestSupport.answer(Self.line("w", tariff, testCase.request.items), tariffs: Self.reference))
                let parts = FeeFixture.Result(TestSupport.answer(Self.line("s", tariff, split), tariffs: Self.reference))
                #expect(whole.ok && parts.ok)
                #expect(whole.total == parts.total, "\(Self.line("w", tariff, testCase.request.items)) vs \(Self.line("s", tariff, split))")
                splits += 1
            }
        }
        // About 19 cases in 20 have a quantity to split (1 427 of 1 500 in five runs): 100 or
        // fewer of 300 has a chance far below 10⁻¹², with the library's new seed each run.
        #expect(splits > 100)
    }

    /// A request of the VAT-added tariff: items, and an adjustment (none in two of four, a
    /// waiver in one, a reduction of 0,01–100,00 % in one: a reduction of 0 % is refused).
    struct VATCase: CustomTestStringConvertible {
        var items: [Item]
        var adjustment: Int
        var units: Int64

        var percent: (units: Int64, scale: Int)? { adjustment == 3 ? (units, 2) : nil }
        var waiver: Bool { adjustment == 2 }
        var extra: String {
            switch adjustment {
            case 2: #","adjustment":{"kind":"waiver","reference":"MN § 1"}"#
            case 3: String(format: #","adjustment":{"kind":"reduction","percent":"%d.%02d","reference":"MN § 2"}"#, units / 100, units % 100)
            default: ""
            }
        }
        var line: String { FeePropertyTests.line("v", "t/a", items, extra: extra) }
        var testDescription: String { line }
    }

    static let vatCases = zip(
        Gen.oneOf(
            zip(date(2024...2025), kronor(4000)).map { Item(fee: "belopp", date: $0, inputs: [("x", $1)]) },
            zip(date(2024...2025), integer(0...300)).map { Item(fee: "tid", date: $0, inputs: [("m", $1)]) }
        ).array(of: 1...6),
        Gen.int(in: 0...3), Gen.int64(in: 1...10_000)
    ).map { items, adjustment, units in VATCase(items: items, adjustment: adjustment, units: units) }

    /// A tariff with VAT added, adjustments and a cap: total = subtotal + adjustment + VAT, the
    /// reduction −round(subtotal × percent / 100) and VAT round((subtotal + adjustment) × 25 %).
    @Test func vatAddedAndAdjustmentsForRandomRequests() async throws {
        let set = try FeeFixture.tariffs(
            #""vat":{"rate":"25","included":false,"rounding":{"step":"0.01","mode":"half_up"},"text":"t"},"adjustments":{"paragraph":"8 §","text":"t"},"fees":{"belopp":{"name":"Belopp","text":"t","inputs":{"x":{"type":"decimal","scale":2,"min":"0","max":"100000.00"}},"price":[{"percent":{"of":"x","percent":"100"}}]},"tid":{"name":"Tid","text":"t","inputs":{"m":{"type":"integer","min":0,"max":10000}},"quantity":{"input":"m","unit":"min","increment":15,"rounding":"up","scope":"month"},"price":[{"per_unit":{"price":"1201.00","per":60}}]}},"caps":[{"key":"tak","name":"Tak","text":"t","fees":["belopp","tid"],"period":"month","amount":"5000.00"}]"#
        )
        await propertyCheck(count: 300, input: Self.vatCases) { testCase in
            let line = testCase.line
            let result = FeeFixture.Result(TestSupport.answer(line, tariffs: set))
            Self.checkSums(result, vatAdded: true, context: line)
            guard let subtotal = Self.ore(result.subtotal) else { return }
            if testCase.waiver {
                #expect(Self.ore(result.adjustment?["amount"] as? String) == -subtotal)
                #expect(result.total == "0.00")
            } else if let percent = testCase.percent {
                #expect(Self.ore(result.adjustment?["amount"] as? String) == -Self.halfUp(subtotal, percent.units, 10_000), "\(line)")
            } else {
                #expect(result.adjustment == nil)
            }
        }
    }

    /// The same corpus through the binary twice and with two workers: byte-identical output,
    /// equal to the in-process answers line by line. One fixed batch, drawn from a fixed seed.
    @Test func outputIsByteIdenticalAcrossRunsAndWorkers() throws {
        var rng = Xoshiro(seed: Self.fixedSeed)
        var lines: [String] = []
        for number in 0..<360 {
            let request = Self.requests(number % Self.generators.count).run(using: &rng)
            let explain = number % 7 == 0 ? #","explain":true"# : ""
            lines.append(Self.line("b\(number)", request.tariff, request.items, extra: explain))
            if number % 45 == 0 {
                lines.append(#"{"id":"bad\#(number)","tariff":"\#(request.tariff)","items":[{"fee":"nej","date":"2024-01-01"}]}"#)
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
