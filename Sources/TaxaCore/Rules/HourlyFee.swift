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
        let items = request.entries.map { entry in
            FeeItem(fee: entry.activity, date: entry.date, inputs: .decoded([.integer(entry.minutes)]))
        }
        let access = IndexAccess(indices: indices, asOf: asOf, rates: cache)
        let priced = try FeeEngine.price(items, tariff: tariff, access: access, adjustment: request.adjustment,
                                         explain: false, naming: naming, digests: cache)
        var hourly: [FeeLine] = []
        var free: [FeeLine] = []
        for line in priced.lines {
            guard let rules = line.version.rules.hourly else { continue }
            let activities = line.fees.compactMap { rules.activity($0.key) }
            var paragraphs: [String] = []
            for activity in activities where !paragraphs.contains(activity.paragraph) { paragraphs.append(activity.paragraph) }
            let minutes = Int64(line.quantity?.numerator ?? 0)   // a sum of at most 10 000 integers ≤ 10⁶
            if activities.first?.charge == .free {
                var feeLine = FeeLine(kind: .free, version: nil, feeYear: nil, activities: activities.map(\.key),
                                      paragraphs: paragraphs, minutes: minutes, billedMinutes: nil, rate: nil,
                                      amount: .zero, name: activities.first?.name)
                if explain {
                    feeLine.explanation = line.items.map { entryText(request.entries[$0], number: $0) }
                        + activities.map { "\($0.paragraph): \($0.text)" }
                }
                free.append(feeLine)
                continue
            }
            let rate = line.rate ?? RateDerivation(version: line.version, year: line.feeYear, base: rules.rate, steps: [])
            var feeLine = FeeLine(kind: .hourly, version: line.version, feeYear: line.feeYear, activities: activities.map(\.key),
                                  paragraphs: paragraphs, minutes: minutes, billedMinutes: Int64(line.billed?.numerator ?? 0),
                                  rate: rate, amount: line.amount, incrementMinutes: rules.incrementMinutes)
            if explain {
                feeLine.explanation = HourlyExplanation.line(feeLine, rules: rules, activities: activities, increments: line.increments ?? 0,
                                                             entries: line.items.map { entryText(request.entries[$0], number: $0) })
            }
            hourly.append(feeLine)
        }
        return Invoice(lines: hourly + free, subtotal: priced.subtotal, adjustment: priced.adjustment,
                       total: priced.total, provenance: priced.provenance)
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
