/// Prices an hourly request (the LÅFF kind).
///
/// Minutes of all hourly entries under the same version and fee year are summed *first* and
/// then rounded up to whole increments (7 + 7 + 7 minutes by three officers is two started
/// quarters, not three); each such group is one line, oldest first. Free activities get one
/// line each and are never billed.
public enum HourlyFee {
    public static func price(_ request: HourlyRequest, tariff: Tariff, indices: [String: IndexSeries],
                             asOf: CivilDate?, explain: Bool, cache: RateCache? = nil) throws(RequestError) -> Invoice {
        struct Group {
            var version: TariffVersion
            var rules: HourlyRules
            var year: Int
            var minutes: Int64 = 0
            var entries: [Int] = []
        }
        var hourly: [Group] = []
        var free: [(activity: Activity, minutes: Int64, entries: [Int])] = []
        var versionsUsed: [TariffVersion] = []

        for (index, entry) in request.entries.enumerated() {
            var path: JSONPath { JSONPath([.key("entries"), .index(index)]) }   // built only for an error
            guard let version = tariff.version(on: entry.date, asOf: asOf) else {
                throw RequestError(.noTariffInForce, noVersionMessage(tariff, entry.date, asOf), at: path.appending("date"))
            }
            guard case .hourly(let rules) = version.rules else {
                throw RequestError(.invalidRequest, "\(tariff.id) is not an hourly tariff", at: JSONPath([.key("tariff")]))
            }
            guard let activity = rules.activity(entry.activity) else {
                let known = rules.activities.map(\.key).joined(separator: ", ")
                throw RequestError(.unknownActivity,
                                   "\(tariff.id) (version \(version.name)) has no activity \"\(entry.activity)\"; expected one of: \(known)",
                                   at: path.appending("activity"))
            }
            if !versionsUsed.contains(where: { $0.validFrom == version.validFrom }) { versionsUsed.append(version) }
            switch activity.charge {
            case .hourly:
                let year = entry.date.year
                let position = hourly.firstIndex { $0.version.validFrom == version.validFrom && $0.year == year }
                    ?? { hourly.append(Group(version: version, rules: rules, year: year)); return hourly.count - 1 }()
                hourly[position].minutes += entry.minutes   // ≤ 10 000 × 1 000 000: cannot overflow
                hourly[position].entries.append(index)
            case .free:
                if let position = free.firstIndex(where: { $0.activity.key == activity.key }) {
                    free[position].minutes += entry.minutes
                    free[position].entries.append(index)
                } else {
                    free.append((activity, entry.minutes, [index]))
                }
            }
        }
        hourly.sort { ($0.version.validFrom, $0.year) < ($1.version.validFrom, $1.year) }

        var lines: [FeeLine] = []
        for group in hourly {
            let rate: RateDerivation
            do {
                if asOf == nil, let cached = cache?.rate(group.version, year: group.year) {
                    rate = try cached.get()
                } else {
                    rate = try RateIndexation.derive(version: group.version, rules: group.rules, year: group.year,
                                                     indices: indices, asOf: asOf)
                }
            } catch {
                var located = error   // point at the first entry that needed the rate
                located.path = JSONPath([.key("entries"), .index(group.entries[0]), .key("date")])
                throw located
            }
            lines.append(try hourlyLine(group.version, group.rules, group.year, group.minutes, group.entries,
                                        rate: rate, request: request, explain: explain))
        }
        for item in free {
            var line = FeeLine(kind: .free, version: nil, feeYear: nil, activities: [item.activity.key],
                               paragraphs: [item.activity.paragraph], minutes: item.minutes, billedMinutes: nil,
                               rate: nil, amount: .zero, name: item.activity.name)
            if explain {
                line.explanation = item.entries.map { entryText(request.entries[$0], number: $0) }
                    + ["\(item.activity.paragraph): \(item.activity.text)"]
            }
            lines.append(line)
        }

        let rule = versionsUsed.max(by: { $0.validFrom < $1.validFrom })?.adjustments
        if request.adjustment != nil && rule == nil {
            throw RequestError(.invalidRequest, "\(tariff.id) has no provision for reductions or waivers",
                               at: JSONPath([.key("adjustment")]))
        }
        do throws(ArithmeticOverflow) {
            var subtotal = Money.zero
            for line in lines { subtotal = try subtotal.adding(line.amount) }
            var applied: AppliedAdjustment?
            if let adjustment = request.adjustment, let rule {
                applied = AppliedAdjustment(request: adjustment, paragraph: rule.paragraph,
                                            amount: try adjustmentAmount(adjustment, subtotal: subtotal))
            }
            let total = try subtotal.adding(applied?.amount ?? .zero)
            let provenance: RuleDigest
            if asOf == nil, versionsUsed.count == 1,
               let known = cache?.digest(versionsUsed[0], lastYear: hourly.map(\.year).max() ?? versionsUsed[0].validFrom.year) {
                provenance = RuleDigest(version: versionsUsed[0], known: known)
            } else {
                provenance = RuleDigest(versions: versionsUsed, steps: lines.flatMap { $0.rate?.steps ?? [] })
            }
            return Invoice(lines: lines, subtotal: subtotal, adjustment: applied, total: total, provenance: provenance)
        } catch {
            throw RequestError(error)
        }
    }

    /// Reduction: −round_half_up(subtotal × percent / 100) to öre; waiver: −subtotal.
    static func adjustmentAmount(_ adjustment: RequestedAdjustment, subtotal: Money) throws(ArithmeticOverflow) -> Money {
        switch adjustment {
        case .reduction(let percent, _, _):
            let reduction = try divide(Int128(subtotal.ore) * Int128(percent.units), by: powerOfTen(percent.scale + 2),
                                       rounding: .halfUp)
            return try Money(ore: reduction).negated()
        case .waiver:
            return try subtotal.negated()
        }
    }

    private static func hourlyLine(_ version: TariffVersion, _ rules: HourlyRules, _ year: Int, _ minutes: Int64,
                                   _ entries: [Int], rate: RateDerivation, request: HourlyRequest,
                                   explain: Bool) throws(RequestError) -> FeeLine {
        let increments = try? divide(Int128(minutes), by: Int128(rules.incrementMinutes), rounding: rules.incrementRounding)
        let billed = (increments ?? 0) * rules.incrementMinutes
        let amount: Money
        do {
            amount = Money(ore: try divide(Int128(billed) * Int128(rate.rate.ore), by: 60, rounding: .halfUp))
        } catch {
            throw RequestError(error, at: JSONPath([.key("entries")]))
        }
        var activities: [Activity] = []
        for index in entries {
            if let activity = rules.activity(request.entries[index].activity), !activities.contains(activity) {
                activities.append(activity)
            }
        }
        activities.sort { rules.position(of: $0) < rules.position(of: $1) }
        var paragraphs: [String] = []
        for activity in activities where !paragraphs.contains(activity.paragraph) { paragraphs.append(activity.paragraph) }
        let quarters = increments ?? 0
        var line = FeeLine(kind: .hourly, version: version, feeYear: year, activities: activities.map(\.key),
                           paragraphs: paragraphs, minutes: minutes, billedMinutes: billed, rate: rate,
                           amount: amount, incrementMinutes: rules.incrementMinutes)
        if explain {
            var lines = entries.map { entryText(request.entries[$0], number: $0) }
            lines.append("Summa nedlagd handläggningstid \(year): \(minutes) min. \(rules.paragraph): varje påbörjad period om \(rules.incrementMinutes) min debiteras: ⌈\(minutes)/\(rules.incrementMinutes)⌉ = \(quarters), alltså \(billed) min.")
            lines += rateExplanation(rate, rules: rules)
            lines.append("Belopp: \(billed)/60 tim × \(rate.rate.swedish) = \(amount.swedish) (avrundat till hela öre, hälften uppåt, där det inte går jämnt ut).")
            lines.append("\(rules.paragraph): \(rules.text)")
            for activity in activities { lines.append("\(activity.paragraph): \(activity.text)") }
            line.explanation = lines
        }
        return line
    }

    static func rateExplanation(_ rate: RateDerivation, rules: HourlyRules) -> [String] {
        let version = rate.version
        var lines = ["Timavgift \(version.validFrom.year): \(rate.base.swedish) enligt \(version.decision.body) \(version.decided) (\(version.decision.reference)), gäller från \(version.validFrom)."]
        for step in rate.steps {
            let rounding = rules.indexation.map { "avrundat till \($0.rounding.step.swedish) (\($0.rounding.mode.rawValue))" } ?? ""
            lines.append("Timavgift \(step.year): \(step.previous.swedish) × (1 + \(step.percent)/100) = \(step.unrounded.replacingAll(".", with: ",")) kr, \(rounding) = \(step.rate.swedish). \(step.series) \(step.percent) % för \(step.year) publicerat \(step.publication.published) (\(step.publication.title)).")
        }
        if let indexation = rules.indexation, !rate.steps.isEmpty {
            lines.append("\(indexation.paragraph): \(indexation.text)")
        }
        return lines
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
