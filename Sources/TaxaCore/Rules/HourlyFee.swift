/// Prices an hourly request (the LÅFF kind) with the engine and answers in the hourly contract.
///
/// Minutes of all hourly entries under the same version and fee year are summed *first* and
/// then rounded up to whole increments (7 + 7 + 7 minutes by three officers is two started
/// quarters, not three); each such group is one line, oldest first. Free activities get one
/// line each and are never billed.
public enum HourlyFee {
    /// How the engine names the hourly form's entries in its errors.
    static let naming = ItemNaming(
        item: { JSONPath([.key("entries"), .index($0)]) }, fee: "activity", inputs: nil,
        overflow: { _ in JSONPath([.key("entries")]) }, unknownFee: .unknownActivity, noun: "activity",
        noVersion: { tariff, date, asOf in HourlyFee.noVersionMessage(tariff, date, asOf) })

    public static func price(_ request: HourlyRequest, tariff: Tariff, indices: [String: IndexSeries],
                             asOf: CivilDate?, explain: Bool, cache: RateCache? = nil) throws(RequestError) -> Invoice {
        var items: [FeeItem] = []
        items.reserveCapacity(request.entries.count)
        for entry in request.entries {
            items.append(FeeItem(fee: entry.activity, date: entry.date, inputs: .one(.integer(entry.minutes))))
        }
        let access = IndexAccess(indices: indices, asOf: asOf, rates: cache)
        let priced = try FeeEngine.price(items, tariff: tariff, access: access, adjustment: request.adjustment,
                                         explain: false, naming: naming, digests: cache)
        var lines: [FeeLine] = []
        lines.reserveCapacity(priced.lines.count)
        // Charged lines first, then the free ones, each in the engine's order.
        for free in [false, true] {
            for index in priced.lines.indices {
                if let line = feeLine(priced.lines[index], free: free, request: request, explain: explain) { lines.append(line) }
            }
        }
        return Invoice(lines: lines, subtotal: priced.subtotal, adjustment: priced.adjustment,
                       total: priced.total, provenance: priced.provenance)
    }

    /// The invoice line of an engine line, if it is charged (or free) as asked.
    private static func feeLine(_ line: PricedLine, free: Bool, request: HourlyRequest, explain: Bool) -> FeeLine? {
        guard let rules = line.version.rules.hourly, rules.fees.owns(line.fee) else { return nil }
        // The engine's fees are the activities, in the same order.
        guard (rules.activities[line.fee.position].charge == .free) == free else { return nil }
        var set = 1 << min(line.fee.position, 62)
        for other in line.otherFees { set |= 1 << min(other.position, 62) }
        let labels = set < rules.labelsBySet.count ? rules.labelsBySet[set] : ActivityLabels(activities(of: line, rules))
        let minutes = Int64(line.quantity?.numerator ?? 0)   // a sum of at most 10 000 integers ≤ 10⁶
        if free {
            var feeLine = FeeLine(kind: .free, version: nil, feeYear: nil, activities: labels.keys,
                                  paragraphs: labels.paragraphs, minutes: minutes, billedMinutes: nil, rate: nil,
                                  amount: .zero, name: rules.activities[line.fee.position].name)
            if explain {
                feeLine.explanation = line.items.map { entryText(request.entries[$0], number: $0) }
                    + activities(of: line, rules).map { "\($0.paragraph): \($0.text)" }
            }
            return feeLine
        }
        let rate = line.rate ?? RateDerivation(version: line.version, year: line.feeYear, base: rules.rate, steps: [])
        var feeLine = FeeLine(kind: .hourly, version: line.version, feeYear: line.feeYear, activities: labels.keys,
                              paragraphs: labels.paragraphs, minutes: minutes, billedMinutes: Int64(line.billed?.numerator ?? 0),
                              rate: rate, amount: line.amount, incrementMinutes: rules.incrementMinutes)
        if explain {
            feeLine.explanation = HourlyExplanation.line(feeLine, rules: rules, activities: activities(of: line, rules),
                                                         increments: line.increments ?? 0,
                                                         entries: line.items.map { entryText(request.entries[$0], number: $0) })
        }
        return feeLine
    }

    /// The activities of a line's fees, in the tariff's order.
    private static func activities(of line: PricedLine, _ rules: HourlyRules) -> [Activity] {
        line.fees.map { rules.activities[$0.position] }
    }

    static func entryText(_ entry: TimeEntry, number: Int) -> String {
        let officer = entry.officer.map { ", handläggare \($0)" } ?? ""
        return "entries[\(number)]: \(entry.date) \(entry.activity)\(officer): \(entry.minutes) min"
    }

    static func noVersionMessage(_ tariff: Tariff, _ date: CivilDate, _ asOf: CivilDate?) -> String {
        let first = tariff.versions.first.map { "; the earliest version is valid from \($0.validFrom), decided \($0.decided)" } ?? ""
        let visible = asOf.map { " among the versions decided on or before as_of \($0)" } ?? ""
        return "\(tariff.id) has no version in force on \(date)\(visible)\(first)"
    }
}
