import TaxaBase
import TaxaEngine

/// Prices an hourly request (the LÅFF kind) with the engine and answers in the hourly contract.
///
/// Minutes of all hourly entries under the same version and fee year are summed *first* and
/// then rounded up to whole increments (7 + 7 + 7 minutes by three officers is two started
/// quarters, not three); each such group is one line, oldest first. Free activities get one
/// line each and are never billed.
package enum HourlyFee {
    /// How the engine names the hourly form's entries in its errors.
    static let naming = ItemNaming(
        item: { JSONPath([.key("entries"), .index($0)]) }, fee: "activity", inputs: nil,
        overflow: { _ in JSONPath([.key("entries")]) }, unknownFee: .unknownActivity, noun: "activity",
        noVersion: { tariff, date, asOf in HourlyFee.noVersionMessage(tariff, date, asOf) })

    package static func price(
        _ request: HourlyRequest, tariff: Tariff, indices: [String: IndexSeries],
        asOf: CivilDate?, cache: RateCache? = nil
    ) throws(RequestError) -> Invoice {
        let access = IndexAccess(indices: indices, asOf: asOf, rates: cache)
        let priced = try FeeEngine.price(
            request.items, tariff: tariff, access: access, adjustment: request.adjustment,
            explain: false, naming: naming, digests: cache, lineTexts: false)  // an hourly line has its own text
        // Charged lines first, then the free ones, each in the engine's order: a second pass
        // for the free ones when there are any (an insert, or a second list, cost more).
        var lines: [FeeLine] = []
        lines.reserveCapacity(priced.lines.count)
        var anyFree = false
        for index in priced.lines.indices {
            guard let line = feeLine(priced.lines, index) else { continue }
            switch line.kind {
            case .hourly: lines.append(line)
            case .free: anyFree = true
            }
        }
        if anyFree {
            for index in priced.lines.indices {
                if let line = feeLine(priced.lines, index), case .free = line.kind { lines.append(line) }
            }
        }
        // Moved, not copied: a copy of the engine's result retains each of its references.
        var invoice = Invoice(priced: consume priced, lines: consume lines)
        // Explained when the request was read for it: its entries are kept only then.
        if request.explain { addExplanations(&invoice, request: request) }
        return invoice
    }

    /// Adds each line's explanation (`"explain": true`).
    private static func addExplanations(_ invoice: inout Invoice, request: HourlyRequest) {
        let explanations = invoice.lines.indices.map { explanation(invoice, $0, request: request) }
        invoice.explanations = explanations
    }

    /// The result's line of the engine's line `lines[index]` (read in place: it is a large
    /// value), or nil when its fee is not one of its version's activities. It keeps plain values
    /// only: what else it shows is read from the engine's line when written (see `Invoice`).
    private static func feeLine(_ lines: [PricedLine], _ index: Int) -> FeeLine? {
        guard let hourly = lines[index].version.rules.hourly.map(Unmanaged.passUnretained) else { return nil }
        // The rules and the fee are the tariff's, shared by every request and thread: read
        // without counting references (each an atomic operation on a contended cache line).
        // The engine's line holds its version and its fee while this runs.
        return hourly._withUnsafeGuaranteedRef { rules in
            Unmanaged.passUnretained(lines[index].fee)._withUnsafeGuaranteedRef { fee -> FeeLine? in
                guard rules.fees.owns(fee) else { return nil }
                // The engine's fees are the activities, in the same order.
                switch rules.activities[fee.position].charge {
                case .free:
                    return FeeLine(line: index, kind: .free)
                case .hourly:
                    return FeeLine(
                        line: index, kind: .hourly, hourlyRate: lines[index].rate?.rate ?? rules.rate,
                        incrementMinutes: rules.incrementMinutes)
                }
            }
        }
    }

    /// The explanation of `invoice.lines[index]` (`"explain": true`): its entries, and for a
    /// charged line its derivation; then the paragraphs' text.
    private static func explanation(_ invoice: Invoice, _ index: Int, request: HourlyRequest) -> [String] {
        let line = invoice.priced.lines[invoice.lines[index].line]
        let rules = line.version.rules.hourly!  // checked in `feeLine`
        let entries = line.items.map { entryText(request.entries[$0], number: $0) }
        let activities = activities(of: line, rules)
        if !invoice.isHourly(index) {
            return entries + activities.map { "\($0.paragraph): \($0.text)" }
        }
        return HourlyExplanation.line(invoice, index, rules: rules, activities: activities, entries: entries)
    }

    /// The activities of a line's fees, in the tariff's order.
    private static func activities(of line: PricedLine, _ rules: HourlyRules) -> [Activity] {
        line.fees.map { rules.activities[$0.position] }
    }

    static func entryText(_ entry: TimeEntry, number: Int) -> String {
        let officer = entry.officer.map { ", handläggare \($0)" } ?? ""
        let note = entry.note.map { $0.isEmpty ? "" : " (anteckning: \($0))" } ?? ""
        return "entries[\(number)]: \(entry.date) \(entry.activity)\(officer): \(entry.minutes) min\(note)"
    }

    static func noVersionMessage(_ tariff: Tariff, _ date: CivilDate, _ asOf: CivilDate?) -> String {
        let first = tariff.versions.first.map { "; the earliest version is valid from \($0.validFrom), decided \($0.decided)" } ?? ""
        let visible = asOf.map { " among the versions decided on or before as_of \($0)" } ?? ""
        return "\(tariff.id) has no version in force on \(date)\(visible)\(first)"
    }
}
