import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// Seeded random requests (thousands per run, fixed seed; `TAXA_PROPERTY_SEED` picks another)
/// against the shipped tariff with the example PKV values, so that fee years 2024–2026 and two
/// indexation steps are exercised. For every case:
/// - total = Σ lines + adjustment, subtotal = Σ lines, and both equal an independent model;
/// - billed minutes are a multiple of 15 with minutes ≤ billed < minutes + 15;
/// - adding minutes never lowers a line, the subtotal or the total;
/// - splitting the same minutes over more entries, officers, days or hourly activities of the
///   same fee year never changes an amount;
/// - a reduction never makes the total negative (nor larger than the subtotal);
/// - the same input gives byte-identical output, in-process and through the binary.
@Suite struct PropertyTests {
    static let caseCount = 2_500
    static let seed: UInt64 = ProcessInfo.processInfo.environment["TAXA_PROPERTY_SEED"].flatMap { UInt64($0) } ?? 0x7A8A_2024

    /// SplitMix64: small, fast and the same on every platform.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct Entry {
        var year: Int
        var month: Int
        var day: Int
        var activity: String
        var minutes: Int64
        var officer: String?

        var date: String { String(format: "%04d-%02d-%02d", year, month, day) }
        var hourly: Bool { activity != "overklagande" }

        var json: String {
            let officer = self.officer.map { #","officer":"\#($0)""# } ?? ""
            return #"{"date":"\#(date)","activity":"\#(activity)","minutes":\#(minutes)\#(officer)}"#
        }
    }

    enum Adjustment {
        case reduction(text: String, units: Int64, scale: Int)
        case waiver

        var json: String {
            switch self {
            case .reduction(let text, _, _): #","adjustment":{"kind":"reduction","percent":"\#(text)","reference":"MSN § 1"}"#
            case .waiver: #","adjustment":{"kind":"waiver","reference":"MSN § 2"}"#
            }
        }
    }

    struct Request {
        var id: String
        var entries: [Entry]
        var adjustment: Adjustment?

        var line: String {
            #"{"id":"\#(id)","tariff":"oxelosund/laff","entries":[\#(entries.map(\.json).joined(separator: ","))]\#(adjustment?.json ?? "")}"#
        }
    }

    static let hourlyActivities = ["tillsyn", "avfallshanteringsplan"]

    static func randomEntry(_ rng: inout SplitMix64) -> Entry {
        let year = Int.random(in: 2024...2026, using: &rng)
        let month = Int.random(in: (year == 2024 ? 2 : 1)...12, using: &rng)  // the tariff starts 2024-02-01
        let activity = Int.random(in: 0..<10, using: &rng) == 0 ? "overklagande" : hourlyActivities.randomElement(using: &rng)!
        return Entry(
            year: year, month: month, day: Int.random(in: 1...28, using: &rng), activity: activity,
            minutes: randomMinutes(&rng), officer: Bool.random(using: &rng) ? "Handläggare \(Int.random(in: 1...5, using: &rng))" : nil)
    }

    static func randomMinutes(_ rng: inout SplitMix64) -> Int64 {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<7: Int64.random(in: 0...120, using: &rng)
        case 7..<9: Int64.random(in: 0...5_000, using: &rng)
        default: Int64.random(in: 0...HourlyRequest.maxMinutes, using: &rng)
        }
    }

    static func randomRequest(_ number: Int, _ rng: inout SplitMix64) -> Request {
        let count = Int.random(in: 0..<10, using: &rng) == 0 ? Int.random(in: 1...40, using: &rng) : Int.random(in: 1...6, using: &rng)
        var adjustment: Adjustment?
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<3:
            let scale = Int.random(in: 0...4, using: &rng)
            let factor = Int64(powerOfTen(scale))
            let units = Int64.random(in: 1...(100 * factor), using: &rng)
            let text = ScaledDecimal(units: units, scale: scale).description
            adjustment = .reduction(text: text, units: units, scale: scale)
        case 3: adjustment = .waiver
        default: adjustment = nil
        }
        return Request(id: "p\(number)", entries: (0..<count).map { _ in randomEntry(&rng) }, adjustment: adjustment)
    }

    // MARK: - The model

    /// The hourly rate per fee year with the example PKV: 1 201 kr in 2024; 2025: 1 201 × 1,029 =
    /// 1 235,829 → 1 236 kr; 2026: 1 236 × 1,031 = 1 274,316 → 1 274 kr (whole kronor, half up).
    static let rates: [Int: Int64] = [2024: 120_100, 2025: 123_600, 2026: 127_400]

    static func halfUp(_ numerator: Int128, _ denominator: Int128) -> Int64 {
        Int64((numerator * 2 + denominator) / (denominator * 2))  // numerators are never negative here
    }

    struct Priced: Equatable {
        var lines: [Int: Int64]  // fee year → amount of its hourly line
        var subtotal: Int64
        var adjustment: Int64
        var total: Int64
    }

    static func model(_ request: Request) -> Priced {
        var minutes: [Int: Int64] = [:]
        for entry in request.entries where entry.hourly { minutes[entry.year, default: 0] += entry.minutes }
        var lines: [Int: Int64] = [:]
        for (year, sum) in minutes {
            let billed = (sum + 14) / 15 * 15
            lines[year] = halfUp(Int128(billed) * Int128(rates[year]!), 60)
        }
        let subtotal = lines.values.reduce(0, +)
        var adjustment: Int64 = 0
        switch request.adjustment {
        case .reduction(_, let units, let scale)?: adjustment = -halfUp(Int128(subtotal) * Int128(units), powerOfTen(scale + 2))
        case .waiver?: adjustment = -subtotal
        case nil: break
        }
        return Priced(lines: lines, subtotal: subtotal, adjustment: adjustment, total: subtotal + adjustment)
    }

    // MARK: - Checking one answer

    static func ore(_ value: Any?, _ what: String) -> Int64 {
        guard let text = value as? String, let money = Money.parse(text) else {
            Issue.record("\(what) is not a money string: \(String(describing: value))")
            return 0
        }
        return money.ore
    }

    /// Checks the invariants of one result and returns what it priced; nil (and a recorded
    /// issue) when the request was not priced.
    static func checked(_ request: Request, _ answer: String) -> Priced? {
        let record = TestSupport.json(answer)
        guard record["ok"] as? Bool == true else {
            Issue.record("\(request.line)\n→ \(answer)")
            return nil
        }
        var lines: [Int: Int64] = [:]
        var sum: Int64 = 0
        for line in record["lines"] as? [[String: Any]] ?? [] {
            let amount = ore(line["amount"], "a line amount")
            sum += amount
            let minutes = Int64(line["minutes"] as? Int ?? -1)
            if line["kind"] as? String == "hourly" {
                let billed = Int64(line["billed_minutes"] as? Int ?? -1)
                #expect(billed % 15 == 0 && minutes <= billed && billed < minutes + 15, "billed \(billed) for \(minutes) min: \(request.line)")
                lines[line["fee_year"] as? Int ?? 0] = amount
            } else {
                #expect(amount == 0 && line["billed_minutes"] == nil, "a free line is billed: \(answer)")
            }
        }
        let subtotal = ore(record["subtotal"], "subtotal")
        let adjustment = record["adjustment"].map { ore(($0 as? [String: Any])?["amount"], "the adjustment") } ?? 0
        let total = ore(record["total"], "total")
        #expect(subtotal == sum, "subtotal ≠ Σ lines: \(answer)")
        #expect(total == subtotal + adjustment, "total ≠ subtotal + adjustment: \(answer)")
        #expect(total >= 0 && total <= subtotal && adjustment <= 0, "the adjustment made the total negative or larger: \(answer)")
        let priced = Priced(lines: lines, subtotal: subtotal, adjustment: adjustment, total: total)
        #expect(priced == model(request), "differs from the model \(model(request)):\n\(request.line)\n→ \(answer)")
        return priced
    }

    // MARK: - Derived requests

    /// The same request with more minutes on one entry.
    static func withMoreMinutes(_ request: Request, _ rng: inout SplitMix64) -> Request {
        var more = request
        let index = Int.random(in: 0..<more.entries.count, using: &rng)
        let extra = Int64.random(in: 1...(Bool.random(using: &rng) ? 14 : 2_000), using: &rng)
        more.entries[index].minutes = Swift.min(HourlyRequest.maxMinutes, more.entries[index].minutes + extra)
        return more
    }

    /// The same minutes split over more entries: other officers, other days and the other
    /// hourly activity of the same fee year (the tariff has one version, so the same group).
    static func split(_ request: Request, _ rng: inout SplitMix64) -> Request {
        var split = request
        let index = Int.random(in: 0..<split.entries.count, using: &rng)
        let original = split.entries[index]
        let parts = Int.random(in: 2...5, using: &rng)
        var cuts = (0..<(parts - 1)).map { _ in Int64.random(in: 0...original.minutes, using: &rng) }.sorted()
        cuts = [0] + cuts + [original.minutes]
        let pieces: [Entry] = (0..<parts).map { part in
            var piece = original
            piece.minutes = cuts[part + 1] - cuts[part]
            piece.officer = "Handläggare \(part + 1)"
            if original.hourly {
                piece.activity = hourlyActivities.randomElement(using: &rng)!
                piece.month = Int.random(in: (original.year == 2024 ? 2 : 1)...12, using: &rng)
                piece.day = Int.random(in: 1...28, using: &rng)
            }
            return piece
        }
        split.entries.replaceSubrange(index...index, with: pieces)
        return split
    }

    // MARK: - The run

    @Test func randomRequestsKeepEveryInvariant() throws {
        var rng = SplitMix64(state: Self.seed)
        let tariffs = TestSupport.exampleTariffs
        // Requests sent, and requests whose answer was priced and matched the model: the run
        // only counts as covering the cases if every one of them was.
        var sent = 0
        var priced = 0
        for number in 0..<Self.caseCount {
            let request = Self.randomRequest(number, &rng)
            let answer = TestSupport.answer(request.line, tariffs: tariffs)
            #expect(TestSupport.answer(request.line, tariffs: tariffs) == answer, "not deterministic: \(request.line)")
            sent += 1
            let base = Self.checked(request, answer)
            if base != nil { priced += 1 }

            let more = Self.withMoreMinutes(request, &rng)
            sent += 1
            let grown = Self.checked(more, TestSupport.answer(more.line, tariffs: tariffs))
            if let grown, let base {
                priced += 1
                #expect(grown.subtotal >= base.subtotal && grown.total >= base.total, "more minutes, lower amount:\n\(request.line)\n\(more.line)")
                for (year, amount) in base.lines {
                    #expect((grown.lines[year] ?? -1) >= amount, "more minutes, lower \(year) line:\n\(request.line)\n\(more.line)")
                }
            }

            let spread = Self.split(request, &rng)
            if spread.entries.count <= HourlyRequest.maxEntries {
                sent += 1
                let splitPriced = Self.checked(spread, TestSupport.answer(spread.line, tariffs: tariffs))
                if let splitPriced {
                    priced += 1
                    #expect(splitPriced == base, "splitting changed the amount:\n\(request.line)\n\(spread.line)")
                }
            }
        }
        print("PropertyTests: \(Self.caseCount) cases (seed \(Self.seed)), \(priced) of \(sent) requests priced")
        #expect(sent >= Self.caseCount * 2)
        #expect(priced == sent, "\(sent - priced) requests were not priced")
    }

    /// The generator reaches what the properties are about: every fee year, reductions,
    /// waivers, free activities and more than one quarter.
    @Test func theGeneratorCoversTheInterestingCases() {
        var rng = SplitMix64(state: Self.seed)
        var years = Set<Int>()
        var reductions = 0
        var waivers = 0
        var free = 0
        var large = 0
        for number in 0..<Self.caseCount {
            let request = Self.randomRequest(number, &rng)
            _ = Self.withMoreMinutes(request, &rng)
            _ = Self.split(request, &rng)
            years.formUnion(request.entries.map(\.year))
            if case .reduction? = request.adjustment { reductions += 1 }
            if case .waiver? = request.adjustment { waivers += 1 }
            free += request.entries.filter { !$0.hourly }.count
            large += request.entries.filter { $0.minutes > 100_000 }.count
        }
        #expect(years == [2024, 2025, 2026])
        #expect(reductions > Self.caseCount / 5 && waivers > Self.caseCount / 20)
        #expect(free > 100 && large > 100)
    }

    /// Byte-identical output for the same input: two runs of the binary over the same batch,
    /// and both equal to the in-process answers line by line.
    @Test func theSameStreamGivesTheSameBytes() throws {
        var rng = SplitMix64(state: Self.seed ^ 0xB17E)
        let requests = (0..<400).map { Self.randomRequest($0, &rng) }
        let input = Data(requests.map { $0.line + "\n" }.joined().utf8)
        let first = try HostileSupport.runTaxaBytes(["--tariffs", TestSupport.exampleRoot], input: input)
        let second = try HostileSupport.runTaxaBytes(["--tariffs", TestSupport.exampleRoot], input: input)
        #expect(first.status == 0 && second.status == 0)
        #expect(first.stdout == second.stdout)
        let inProcess = requests.map { TestSupport.answer($0.line, tariffs: TestSupport.exampleTariffs) + "\n" }.joined()
        #expect(String(decoding: first.stdout, as: UTF8.self) == inProcess)
    }
}
