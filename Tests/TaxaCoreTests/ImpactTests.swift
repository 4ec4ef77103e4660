import Foundation
import Testing

@testable import TaxaBase
@testable import TaxaEngine
@testable import TaxaForms
@testable import TaxaOffice
@testable import TaxaService

/// `taxa impact`: with a proposal that raises one reference tariff's amount, every line equals
/// what the service answers with each root separately, and the summary's totals add up.
/// (`scripts/test-impact` does the same on 100 000 requests.)
@Suite struct ImpactTests {
    static let reference = TestSupport.path("Fixtures/reference-tariffs")

    /// The reference tariffs with mark/alkohol's fixed supervision fee raised 3 450 → 3 600 kr.
    static let proposal: String = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-proposal-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        try! FileManager.default.copyItem(at: URL(fileURLWithPath: reference), to: root)
        let file = root.appendingPathComponent("mark/alkohol/2022-01-01.json")
        let text = try! String(contentsOf: file, encoding: .utf8)
        precondition(text.contains(#"{ "fixed": "3450.00" }"#))
        try! text.replacingOccurrences(of: #"{ "fixed": "3450.00" }"#, with: #"{ "fixed": "3600.00" }"#).write(to: file, atomically: true, encoding: .utf8)
        return root.path
    }()

    /// `count` requests over every reference tariff, the same every run, with some that fail
    /// on both sides (an unknown fee, a year without a prisbasbelopp, invalid JSON).
    static func requests(_ count: Int) -> String {
        var state: UInt64 = 20
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var lines: [String] = []
        for n in 0..<count {
            let id = "r\(n)"
            switch next(20) {
            case 0: lines.append(#"{"id":"\#(id)","tariff":"mark/alkohol","items":["#)
            case 1:
                lines.append(
                    #"{"id":"\#(id)","tariff":"habo/alkohol","items":[{"fee":"grundavgift","date":"2031-02-01"},{"fee":"tillsynsavgift","date":"2031-02-01","inputs":{"omsattning":"1000"}}]}"#
                )
            case 2: lines.append(#"{"id":"\#(id)","tariff":"mark/alkohol","items":[{"fee":"ingen","date":"2024-02-01"}]}"#)
            case 3...8:
                let year = 2022 + next(4)
                var items: [String] = []
                if next(3) > 0 { items.append(#"{"fee":"tillsyn_fast","date":"\#(year)-0\#(1 + next(9))-15"}"#) }
                if next(2) == 0 || items.isEmpty {
                    items.append(#"{"fee":"tillsyn_rorlig","date":"\#(year)-05-01","inputs":{"omsattning":"\#(next(5_000) * 1000)"}}"#)
                }
                lines.append(#"{"id":"\#(id)","tariff":"mark/alkohol","items":[\#(items.joined(separator: ","))]}"#)
            case 9, 10:
                let year = 2017 + next(10)
                lines.append(
                    #"{"id":"\#(id)","tariff":"habo/alkohol","items":[{"fee":"grundavgift","date":"\#(year)-03-01"},{"fee":"tillsynsavgift","date":"\#(year)-03-01","inputs":{"omsattning":"\#(next(2_000) * 500)"}}]}"#
                )
            case 11, 12:
                lines.append(
                    #"{"id":"\#(id)","tariff":"livsmedelsverket/kontroll","items":[{"fee":"planerad","date":"2024-03-0\#(1 + next(9))","inputs":{"minutes":\#(5 + next(200))}}]}"#
                )
            case 13, 14:
                lines.append(
                    #"{"id":"\#(id)","tariff":"sollentuna/aldreomsorg","items":[{"fee":"hemtjanst","date":"2024-0\#(1 + next(9))-28","inputs":{"minutes":\#(next(1500))}},{"fee":"trygghetslarm","date":"2024-03-01"}]}"#
                )
            case 15, 16:
                lines.append(
                    #"{"id":"\#(id)","tariff":"eksjo/va","items":[{"fee":"matstalle","date":"2016-12-31"},{"fee":"forbrukning","date":"2016-12-31","inputs":{"m3":"\#(next(400))"}}]}"#
                )
            default:
                lines.append(
                    #"{"id":"\#(id)","tariff":"vasteras/maxtaxa","items":[{"fee":"forskola","date":"2019-03-01","inputs":{"barn":\#(1 + next(3)),"inkomst":"\#(10_000 + next(40_000))"}}]}"#
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func ore(_ text: String) -> Int64 { Money.parse(text)!.ore }

    static func plain(_ ore: Int64) -> String { Money(ore: ore).description }

    @Test func everyLineEqualsPricingBothRootsSeparately() throws {
        let input = Data(Self.requests(1_500).utf8)
        let summaryFile = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-impact-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: summaryFile) }
        let impact = try TestSupport.runTaxa(
            ["impact", "--tariffs", Self.reference, "--proposal", Self.proposal, "--summary", summaryFile.path], input: input)
        #expect(impact.status == 0, "\(impact.stderr)")
        #expect(impact.stderr.isEmpty)
        let before = try TestSupport.runTaxa(["--tariffs", Self.reference], input: input).stdout.split(separator: "\n").map { TestSupport.json(String($0)) }
        let after = try TestSupport.runTaxa(["--tariffs", Self.proposal], input: input).stdout.split(separator: "\n").map { TestSupport.json(String($0)) }
        let lines = impact.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 1_500 && before.count == 1_500 && after.count == 1_500)
        var sums = (before: Int64(0), after: Int64(0), priced: 0, raised: 0)
        for (index, line) in lines.enumerated() {
            let a = before[index]
            let b = after[index]
            let total = { (result: [String: Any]) -> String? in result["ok"] as? Bool == true ? result["total"] as? String : nil }
            var expected = #"{"id":\#(Self.quoted(a["id"] as? String ?? b["id"] as? String))"#
            expected += #","tariff":\#(Self.quoted(a["tariff"] as? String ?? b["tariff"] as? String ?? Self.tariff(in: index, of: input)))"#
            expected += #","before":\#(Self.quoted(total(a))),"after":\#(Self.quoted(total(b)))"#
            if let old = total(a).map(Self.ore), let new = total(b).map(Self.ore) {
                let change = new - old
                // Percent to two decimals, halves away from zero.
                let hundredths = old == 0 ? nil : (change * 10_000 + (change >= 0 ? 1 : -1) * old / 2) / old
                expected += #","change":"\#(Self.plain(change))","change_percent":\#(Self.quoted(hundredths.map(Self.plain)))"#
                sums.before += old
                sums.after += new
                sums.priced += 1
                if change > 0 { sums.raised += 1 }
            } else {
                expected += #","change":null,"change_percent":null"#
            }
            if let error = a["error"] as? [String: Any] { expected += #","before_error":"\#(error["code"] as! String)""# }
            if let error = b["error"] as? [String: Any] { expected += #","after_error":"\#(error["code"] as! String)""# }
            expected += "}"
            #expect(line == expected, "line \(index + 1)")
        }
        #expect(sums.raised > 100)
        #expect(sums.after - sums.before == 15_000 * Int64(sums.raised))  // one fixed fee per request at most
        // The summary's totals are the sums of the service's own answers, and they add up.
        let summary = try String(contentsOf: summaryFile, encoding: .utf8)
        #expect(summary.contains("| lästa | 1 500 |\n| prissatta både före och efter | \(Self.count(sums.priced)) |\n"))
        #expect(
            summary.contains(
                "| före | \(Money(ore: sums.before).swedish) |\n| efter | \(Money(ore: sums.after).swedish) |\n| förändring | \(Money(ore: sums.after - sums.before).swedish) |\n"
            ))
        #expect(
            summary.contains(
                "| summa | \(Self.count(sums.priced)) | \(Money(ore: sums.before).swedish) | \(Money(ore: sums.after).swedish) | \(Money(ore: sums.after - sums.before).swedish) |"
            ))
        #expect(summary.contains("| Fast tillsynsavgift (tillsyn\\_fast) |"))
        let markRows = summary.split(separator: "\n").filter { $0.hasPrefix("| Tillsynsavgifter enligt alkohollagen 2022 (mark/alkohol) |") }
        #expect(markRows.count == 1)
        #expect(markRows.first?.contains("| \(Money(ore: sums.after - sums.before).swedish) |") == true)
        #expect(summary.contains("| största | 150,00 kr |"))
        #expect(summary.contains("**De 10 största höjningarna**"))
    }

    static func quoted(_ text: String?) -> String { text.map { "\"\($0)\"" } ?? "null" }

    static func count(_ value: Int) -> String { SwedishText.number(Exact(numerator: Int128(value), denominator: 1)) }

    /// The tariff a request line names, as the impact line does for a request no side prices.
    static func tariff(in index: Int, of input: Data) -> String? {
        let line = String(decoding: input, as: UTF8.self).split(separator: "\n")[index]
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["tariff"] as? String
    }

    /// The summary in-process: fees sum to their tariff (with a row for an adjustment), the
    /// median of an even count is the mean of the middle two, the increases are the ten
    /// largest with earlier lines first among equals.
    @Test func summaryAddsUpAndKeepsTheLargestIncreases() {
        let summary = ImpactSummary()
        func outcome(_ total: Int64?, _ parts: [(String, Int64)] = [], tariff: String = "t/a") -> ImpactOutcome {
            var outcome = ImpactOutcome(error: .indexMissing, id: nil)
            if let total {
                outcome.errorCode = nil
                outcome.total = Money(ore: total)
                outcome.tariff = tariff
                outcome.parts = parts.map { (key: $0.0, ore: Int128($0.1)) }
            }
            return outcome
        }
        for line in 1...12 {
            summary.add(
                line: line, id: "r\(line)", tariff: "t/a", before: outcome(10_000, [("a", 10_000)]),
                after: outcome(10_000 + Int64(line % 4) * 500, [("a", 10_000 + Int64(line % 4) * 500)]))
        }
        // An adjustment of −50,00 kr is not on any line: it is the row "" of the tariff's fees.
        summary.add(line: 13, id: "r13", tariff: "t/a", before: outcome(5_000, [("a", 10_000)]), after: outcome(5_000, [("a", 10_000)]))
        summary.add(line: 14, id: "r14", tariff: "t/a", before: outcome(nil), after: outcome(1_000))
        #expect(summary.read == 14)
        #expect(summary.pricedBoth == 13)
        #expect(summary.failingBefore == ["index_missing": 1])
        let fees = summary.fees["t/a"]!
        #expect(fees.map(\.key) == ["a", ""])
        #expect(fees.map(\.totals.before).reduce(0, +) == summary.tariffs["t/a"]!.before)
        #expect(fees.map(\.totals.after).reduce(0, +) == summary.total.after)
        #expect(fees[1].totals.before == -5_000)
        // Changes 500, 1000, 1500, 0 (three each) and 0: the 7th of 13 sorted is 500 öre.
        let spread = summary.smallestMedianLargest!
        #expect(SwedishText.kronor(spread.smallest) == "0,00 kr")
        #expect(SwedishText.kronor(spread.median) == "5,00 kr")
        #expect(SwedishText.kronor(spread.largest) == "15,00 kr")
        #expect(summary.increases.map { $0.id ?? "" } == ["r3", "r7", "r11", "r2", "r6", "r10", "r1", "r5", "r9"])
        // 14 changes: the mean of the 7th (5,00 kr) and the 8th (7,00 kr); then 15: the 8th.
        summary.add(line: 15, id: "r15", tariff: "t/a", before: outcome(0), after: outcome(700))
        #expect(SwedishText.kronor(summary.smallestMedianLargest!.median) == "6,00 kr")
        summary.add(line: 16, id: "r16", tariff: "t/a", before: outcome(0), after: outcome(600))
        #expect(SwedishText.kronor(summary.smallestMedianLargest!.median) == "6,00 kr")
        #expect(summary.increases.count == 10)
        #expect(summary.increases.map { $0.id ?? "" } == ["r3", "r7", "r11", "r2", "r6", "r10", "r15", "r16", "r1", "r5"])
        // The median of 1 and 2 öre is 1,5 öre, stated exactly.
        let two = ImpactSummary()
        two.add(line: 1, id: "a", tariff: "t/a", before: outcome(100), after: outcome(101))
        two.add(line: 2, id: "b", tariff: "t/a", before: outcome(100), after: outcome(102))
        #expect(SwedishText.kronor(two.smallestMedianLargest!.median) == "0,015 kr")
        #expect(ImpactText.percent(1, of: 3).map { ImpactText.plain(Int128($0.units)) } == "33.33")
        #expect(ImpactText.percent(-2, of: 3).map { ImpactText.plain(Int128($0.units)) } == "-66.67")
        #expect(ImpactText.percent(1, of: 0) == nil)
    }

    @Test func badArgumentsExit2WithAClearMessage() throws {
        let request = Data(#"{"id":"1","tariff":"mark/alkohol","items":[{"fee":"tillsyn_fast","date":"2024-01-01"}]}"#.utf8 + [0x0A])
        let missing = try TestSupport.runTaxa(["impact", "--tariffs", "/nonexistent/taxa-root", "--proposal", Self.proposal], input: request)
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("/nonexistent/taxa-root: cannot read the tariff root"))
        let noProposal = try TestSupport.runTaxa(["impact", "--tariffs", Self.reference, "--proposal", "/nonexistent/proposal"], input: request)
        #expect(noProposal.status == 2)
        #expect(noProposal.stderr.hasPrefix("taxa impact: the proposal in /nonexistent/proposal is invalid; nothing was priced:\n"))
        // A proposal whose worked example no longer holds does not load.
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("taxa-broken-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: broken) }
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.reference), to: broken)
        let file = broken.appendingPathComponent("mark/alkohol/2022-01-01.json")
        try (try String(contentsOf: file, encoding: .utf8)).replacingOccurrences(of: #""percent": "1.25""#, with: #""percent": "1.5""#)
            .write(to: file, atomically: true, encoding: .utf8)
        let invalid = try TestSupport.runTaxa(["impact", "--tariffs", Self.reference, "--proposal", broken.path], input: request)
        #expect(invalid.status == 2)
        #expect(invalid.stdout.isEmpty)
        #expect(
            invalid.stderr.contains(
                "mark/alkohol/2022-01-01.json: examples[0].total: the example \"Omsättning 1 000 000 kr\" is priced at 15000.00, but the tariff publishes 12500.00"
            ))
        let noOption = try TestSupport.runTaxa(["impact", "--tariffs", Self.reference], input: request)
        #expect(noOption.status != 0)
        #expect(noOption.stderr.contains("Missing expected argument '--proposal <dir>'"))
    }
}
