import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// The engine against the reference interpreter on generated tariffs and requests: each shard
/// writes its own tariff root (synthetic index series and a few hundred generated tariffs),
/// loads it with the real loader, prices every request through the service's request
/// processing and compares every answer with the interpreter's: 4 shards × 270 tariffs × 100
/// requests, less the tariffs left out for an authoring mistake, about 102 000 requests in all,
/// over every block of the vocabulary (issue 17's tiers, tables, multiply, add, definitions and
/// council raises included). Seeded (`TAXA_REFERENCE_SEED` picks another seed,
/// `TAXA_REFERENCE_TARIFFS` another number of tariffs per shard; `TAXA_REFERENCE_DEBUG` prints
/// why each left-out tariff was refused).
@Suite struct ReferenceSweepTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["TAXA_REFERENCE_SEED"].flatMap { UInt64($0) } ?? 0x5EED_0018
    static let shards = 4
    static let tariffsPerShard = ProcessInfo.processInfo.environment["TAXA_REFERENCE_TARIFFS"].flatMap { Int($0) } ?? 270
    static let requestsPerTariff = 100

    struct Tally {
        /// Generated tariffs that loaded and were swept.
        var tariffs = 0
        var compared = 0
        var priced = 0
        /// Lines of priced requests, each compared.
        var lines = 0
        var refused: [String: Int] = [:]
        var disagreements: [String] = []
        /// Priced requests per feature of their tariff, and per feature of their answer.
        var features: [String: Int] = [:]
    }

    /// Generates, loads and compares one shard.
    /// `check`, when given, also sees every answer and the interpreter's outcome.
    static func sweep(
        seed: UInt64, tariffs count: Int, requests: Int, check: ((String, Reference.Outcome) -> Void)? = nil
    ) throws -> Tally {
        var generator = Reference.Generator(seed: seed)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-reference-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ path: String, _ json: Reference.JSON) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(json.text.utf8).write(to: url)
        }
        for (path, json) in generator.indexFiles() { try write(path, json) }
        var specs: [Reference.Generator.TariffSpec] = []
        for n in 0..<count {
            let spec = generator.tariff(id: "gen/t\(n)")
            for (path, json) in spec.files { try write(path, json) }
            specs.append(spec)
        }
        // The loader refuses two authoring mistakes the generator does not model: a band no
        // billed quantity can reach (a top between two multiples of the increment, or outside
        // the range `less` leaves), and an amount a later block replaces before it is used.
        // Such a tariff (and what follows from leaving its file out: a cap naming its fee, a
        // later decision without its earlier one) is left out of the sweep; any other refusal
        // fails the test, and at most a fifth may be left out.
        var report = TariffLoader.load(root: root.path)
        var leftOut = 0
        while report.tariffSet == nil {
            var unreachable: Set<String> = []
            for error in report.errors {
                let text = error.description
                let authoring = ["can never be reached", "replaces before anything uses it", "which this version does not have", "has no earlier decision"]
                guard authoring.contains(where: { text.contains($0) }),
                    let id = specs.first(where: { text.hasPrefix($0.id + "/") })?.id
                else {
                    Issue.record("the generated root does not load: \(text)")
                    return Tally()
                }
                unreachable.insert(id)
                if ProcessInfo.processInfo.environment["TAXA_REFERENCE_DEBUG"] != nil { print("LEFT OUT: \(text)") }
            }
            for id in unreachable { try FileManager.default.removeItem(at: root.appendingPathComponent(id)) }
            specs.removeAll { unreachable.contains($0.id) }
            leftOut += unreachable.count
            report = TariffLoader.load(root: root.path)
        }
        let tariffs = report.tariffSet!
        #expect(leftOut * 5 <= count, "\(leftOut) of \(count) generated tariffs have an authoring mistake")
        var tally = Tally()
        tally.tariffs = specs.count
        for spec in specs {
            let interpreter = Reference.Interpreter(tariff: try Reference.Tariff.read(root: root.path, id: spec.id))
            for r in 0..<requests {
                let request = generator.request(spec, id: "\(spec.id)#\(r)")
                let line = request.text
                let answer = TestSupport.answer(line, tariffs: tariffs)
                let outcome = interpreter.price(request)
                check?(answer, outcome)
                tally.compared += 1
                if let difference = Reference.disagreement(engine: answer, reference: outcome) {
                    tally.disagreements.append("\(difference)\n  request: \(line)\n  engine:  \(answer)")
                    continue
                }
                switch outcome {
                case .priced(let priced):
                    tally.priced += 1
                    tally.lines += priced.lines.count
                    for feature in spec.features { tally.features[feature, default: 0] += 1 }
                    if priced.lines.contains(where: { $0.kind == "cap" }) { tally.features["cap applied", default: 0] += 1 }
                    if priced.adjustment != nil { tally.features["adjustment", default: 0] += 1 }
                    if priced.lines.contains(where: { $0.amount < .zero }) { tally.features["negative line", default: 0] += 1 }
                    if priced.versions.count > 1 { tally.features["two versions", default: 0] += 1 }
                    if priced.lines.contains(where: { $0.items.count > 1 }) { tally.features["summed line", default: 0] += 1 }
                    if priced.lines.filter({ $0.scope != "item" }).count > 16 { tally.features["more than 16 summed lines", default: 0] += 1 }
                    if line.contains(#""explain":true"#) { tally.features["explain", default: 0] += 1 }
                    // Two lines of one fee, version and period: items kept apart by other inputs.
                    if Set(priced.lines.map { "\($0.name) \($0.version) \($0.period ?? "")" }).count < priced.lines.count {
                        tally.features["other inputs apart", default: 0] += 1
                    }
                case .failed(let failure):
                    tally.refused[failure.code, default: 0] += 1
                }
            }
        }
        return tally
    }

    @Test(arguments: 0..<shards) func engineAgreesWithTheReferenceInterpreter(shard: Int) throws {
        let start = ContinuousClock.now
        let tally = try Self.sweep(
            seed: Self.seed &+ UInt64(shard) &* 0x9E37_79B9, tariffs: Self.tariffsPerShard, requests: Self.requestsPerTariff)
        #expect(tally.compared == tally.tariffs * Self.requestsPerTariff && tally.tariffs > 0)
        #expect(
            tally.disagreements.count == 0, "\(tally.disagreements.count) disagreements, the first:\n\(tally.disagreements.prefix(8).joined(separator: "\n"))")
        // Every part of the vocabulary was priced many times (not only refused).
        let expected =
            [
                "fixed", "per_unit", "percent", "of_at_most", "share", "min", "max", "bands", "lookup", "group", "less", "cap", "cap applied", "vat included",
                "vat added",
            ]
            + ["percent of the quantity", "bands on the quantity", "lookup on the quantity", "summed line", "other inputs apart"]
            + ["percent of a summed quantity", "bands on a summed quantity", "lookup on a summed quantity"]
            + ["vat of the latest version", "adjustments of the latest version", "cap of the latest version", "more than 16 summed lines", "explain"]
            + ["adjustment", "negative line", "two versions", "later decision", "valid_until"]
            + Reference.Generator.modes.map { "round \($0)" } + ["up", "half_up", "down"].map { "increment \($0)" }
            + ["item", "day", "month", "year", "request"].map { "scope \($0)" }
            + ["amount constant", "amount index percent", "amount index times", "amount indexed KPX", "amount indexed KPY"]
            // Issue 17's vocabulary.
            + ["tiers graduated", "tiers volume", "tiers on a summed quantity", "table of 1 keys", "table of 2 keys", "add"]
            + ["constant", "named constant", "input", "bands", "lookup", "table", "sum", "use"].map { "multiply \($0)" }
            + ["use pipeline", "use amount", "use input", "amount indexed by raises", "amount indexed by the value of the year before"]
        // Long requests are priced less often (one refused item refuses them): 10 suffice there.
        for feature in expected {
            let least = feature == "more than 16 summed lines" ? 10 : 20
            #expect(tally.features[feature, default: 0] >= least, "\(feature): \(tally.features[feature, default: 0]) priced requests")
        }
        print(
            "reference sweep shard \(shard): \(tally.compared) requests compared (\(tally.priced) priced with \(tally.lines) lines, refused \(tally.refused.sorted { $0.key < $1.key })), "
                + "\(tally.disagreements.count) disagreements, \(ContinuousClock.now - start)")
    }

    /// The comparison can fail: every answer of a small sweep, corrupted in one place (a line's
    /// amount or items, the total, VAT, an error's code or path), is reported as a disagreement.
    @Test func everyCorruptedAnswerIsCaught() throws {
        var corrupted = 0
        var missed: [String] = []
        let tally = try Self.sweep(seed: Self.seed ^ 0xBAD, tariffs: 20, requests: 40) { answer, outcome in
            guard var result = try? JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any] else { return }
            var variants: [[String: Any]] = []
            func moved(_ money: Any?) -> String? {
                (money as? String).flatMap(Reference.Fraction.init(decimal:)).map { ($0 + Reference.Fraction(1, 100)).money }
            }
            if var error = result["error"] as? [String: Any] {
                error["code"] = error["code"] as? String == "invalid_request" ? "unknown_fee" : "invalid_request"
                variants.append(result.merging(["error": error]) { $1 })
                error = result["error"] as! [String: Any]
                error["path"] = "items[99]"
                variants.append(result.merging(["error": error]) { $1 })
            } else if let lines = result["lines"] as? [[String: Any]] {
                for index in lines.indices {
                    var changed = lines
                    changed[index]["amount"] = moved(lines[index]["amount"])
                    variants.append(result.merging(["lines": changed]) { $1 })
                    if lines[index]["kind"] as? String == "fee" {
                        changed = lines
                        changed[index]["items"] = (lines[index]["items"] as? [Int] ?? []) + [99]
                        variants.append(result.merging(["lines": changed]) { $1 })
                    }
                }
                variants.append(result.merging(["lines": Array(lines.dropLast())]) { $1 })
                variants.append(result.merging(["total": moved(result["total"]) as Any]) { $1 })
                if var vat = result["vat"] as? [String: Any] {
                    vat["amount"] = moved(vat["amount"])
                    variants.append(result.merging(["vat": vat]) { $1 })
                }
                result["ok"] = false
                variants.append(result)
            }
            for variant in variants {
                let text = String(decoding: try! JSONSerialization.data(withJSONObject: variant), as: UTF8.self)
                corrupted += 1
                if Reference.disagreement(engine: text, reference: outcome) == nil { missed.append(text) }
            }
        }
        #expect(tally.disagreements.count == 0, "\(tally.disagreements.first ?? "")")
        #expect(tally.priced > 200 && corrupted > 3 * tally.compared)
        #expect(missed.count == 0, "\(missed.count) of \(corrupted) corrupted answers passed, e.g. \(missed.first ?? "")")
    }
}
