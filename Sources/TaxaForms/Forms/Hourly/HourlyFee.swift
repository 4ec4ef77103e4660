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
        asOf: CivilDate?, explain: Bool, cache: RateCache? = nil
    ) throws(RequestError) -> Invoice {
        var items: [FeeItem] = []
        items.reserveCapacity(request.entries.count)
        // Read in place: a copy of an entry retains its activity, officer and note.
        for index in request.entries.indices {
            items.append(
                FeeItem(
                    fee: request.entries[index].activity, date: request.entries[index].date,
                    inputs: .one(.integer(request.entries[index].minutes))))
        }
        let access = IndexAccess(indices: indices, asOf: asOf, rates: cache)
        let priced = try FeeEngine.price(
            items, tariff: tariff, access: access, adjustment: request.adjustment,
            explain: false, naming: naming, digests: cache, lineTexts: false)  // an hourly line has its own text
        var lines: [FeeLine] = []
        lines.reserveCapacity(priced.lines.count)
        // Charged lines first, then the free ones, each in the engine's order.
        for free in [false, true] {
            for index in priced.lines.indices {
                appendLine(priced.lines, index, free: free, request: request, explain: explain, to: &lines)
            }
        }
        return Invoice(
            lines: lines, subtotal: priced.subtotal, adjustment: priced.adjustment,
            total: priced.total, provenance: priced.provenance)
    }

    /// Appends the invoice line of the engine's line `lines[index]` if it is charged (or free)
    /// as asked. The engine's line is read in place: it is a large value.
    private static func appendLine(
        _ lines: [PricedLine], _ index: Int, free: Bool, request: HourlyRequest, explain: Bool,
        to invoice: inout [FeeLine]
    ) {
        guard let rules = lines[index].version.rules.hourly, rules.fees.owns(lines[index].fee) else { return }
        // The engine's fees are the activities, in the same order.
        let first = lines[index].fee.position
        guard (rules.activities[first].charge == .free) == free else { return }
        var set = 1 << min(first, 62)
        for other in lines[index].otherFees { set |= 1 << min(other.position, 62) }
        let labels = set < rules.labelsBySet.count ? rules.labelsBySet[set] : ActivityLabels(activities(of: lines[index], rules))
        let minutes = Int64(lines[index].quantity?.numerator ?? 0)  // a sum of at most 10 000 integers ≤ 10⁶
        if free {
            invoice.append(
                FeeLine(
                    kind: .free, version: nil, feeYear: nil, activities: labels.keys,
                    paragraphs: labels.paragraphs, minutes: minutes, billedMinutes: nil, rate: nil,
                    amount: .zero, name: rules.activities[first].name))
            if explain {
                invoice[invoice.count - 1].explanation =
                    lines[index].items.map { entryText(request.entries[$0], number: $0) }
                    + activities(of: lines[index], rules).map { "\($0.paragraph): \($0.text)" }
            }
            return
        }
        let version = lines[index].version
        let year = lines[index].feeYear
        invoice.append(
            FeeLine(
                kind: .hourly, version: version, feeYear: year, activities: labels.keys,
                paragraphs: labels.paragraphs, minutes: minutes,
                billedMinutes: Int64(lines[index].billed?.numerator ?? 0),
                rate: lines[index].rate ?? RateDerivation(version: version, year: year, base: rules.rate, steps: []),
                amount: lines[index].amount, incrementMinutes: rules.incrementMinutes))
        if explain {
            let last = invoice.count - 1
            invoice[last].explanation = HourlyExplanation.line(
                invoice[last], rules: rules, activities: activities(of: lines[index], rules),
                increments: lines[index].increments ?? 0,
                entries: lines[index].items.map { entryText(request.entries[$0], number: $0) })
        }
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
