/// Prices a per-capita request (the BEP kind), reproducing the council's settlement table:
/// each cell is (actual − budgeted) × yearly amount ÷ 12, rounded; a month's total is its
/// unrounded cells summed, then rounded; the period total is the unrounded months summed,
/// then rounded. A month is settled whole by the version in force on its first day.
///
/// Exact in `Int128`: a count is at most 10⁶ and an amount below 2⁶³ öre, so a cell's yearly
/// value is below 2⁸³ and a sum of 120 months × 100 groups below 2⁹⁷; only the final
/// division into 64-bit öre can fail, and that is reported, not trapped.
public enum PerCapitaSettlement {
    static let twelve = Int128(PerCapitaRules.monthsPerYear)

    public static func price(_ request: PerCapitaRequest, tariff: Tariff, asOf: CivilDate?,
                             explain: Bool) throws(RequestError) -> Settlement {
        var settled: [(month: MonthSettlement, rules: PerCapitaRules)] = []
        for entry in request.months {   // in request order, so the first problem is reported
            settled.append(try settle(entry, tariff: tariff, asOf: asOf, explain: explain))
        }
        settled.sort { $0.month.firstDay < $1.month.firstDay }
        let months = settled.map(\.month)
        let yearlyValue = months.reduce(Int128(0)) { $0 + $1.yearlyValue }
        let total: Money
        do {
            // The latest month's rule; a tariff keeps one rounding rule in practice.
            total = try settled.last!.rules.rounding.round(ore: yearlyValue, over: twelve)
        } catch {
            throw RequestError(error, at: JSONPath([.key("months")]))
        }
        let span = months.count == 1 ? months[0].month : "\(months.first!.month) – \(months.last!.month)"
        var versions: [TariffVersion] = []
        for month in months where !versions.contains(month.version) { versions.append(month.version) }
        return Settlement(months: months, yearlyValue: yearlyValue, total: total,
                          text: "Summa avräkning \(span), \(months.count) mån: \(total.swedish)",
                          provenance: RuleDigest(versions: versions, steps: []))
    }

    private static func settle(_ entry: MonthCounts, tariff: Tariff, asOf: CivilDate?,
                               explain: Bool) throws(RequestError) -> (MonthSettlement, PerCapitaRules) {
        let path = JSONPath([.key("months"), .key(entry.month)])
        guard let version = tariff.version(on: entry.firstDay, asOf: asOf) else {
            throw RequestError(.noTariffInForce, "cannot settle \(entry.month): " + tariff.noVersionMessage(on: entry.firstDay, asOf: asOf),
                               at: path)
        }
        guard case .perCapita(let rules) = version.rules else {
            throw RequestError(.invalidRequest, "\(tariff.id) is not a per-capita tariff", at: JSONPath([.key("tariff")]))
        }
        let expected = rules.groups.map { "\"\($0.key)\"" }.joined(separator: ", ")
        for count in entry.counts where rules.group(count.group) == nil {
            throw RequestError(.invalidRequest,
                               "\(tariff.id) (version \(version.name)) has no group \"\(count.group)\"; expected exactly these groups, spelled as the council prints them: \(expected)",
                               at: path.appending(count.group))
        }
        var actuals: [Int64] = []
        for group in rules.groups {
            guard let actual = entry.counts.first(where: { $0.group == group.key })?.count else {
                throw RequestError(.invalidRequest,
                                   "missing the actual count of group \"\(group.key)\"; \(tariff.id) (version \(version.name)) settles every group: \(expected)",
                                   at: path.appending(group.key))
            }
            actuals.append(actual)
        }
        do throws(ArithmeticOverflow) {
            var cells: [GroupSettlement] = []
            for (group, actual) in zip(rules.groups, actuals) {
                let yearly = Int128(actual - group.budgetedCount) * Int128(group.yearlyAmount.ore)
                cells.append(GroupSettlement(group: group, actual: actual, yearlyValue: yearly,
                                             amount: try rules.rounding.round(ore: yearly, over: twelve)))
            }
            let yearlyValue = cells.reduce(Int128(0)) { $0 + $1.yearlyValue }
            let total = try rules.rounding.round(ore: yearlyValue, over: twelve)
            var cellsSum = Money.zero
            for cell in cells { cellsSum = try cellsSum.adding(cell.amount) }
            let actualTotal = actuals.reduce(0, +)   // ≤ 100 × 10⁶
            var month = MonthSettlement(
                month: entry.month, firstDay: entry.firstDay, version: version, groups: cells,
                actualTotal: actualTotal, yearlyValue: yearlyValue, total: total, cellsSum: cellsSum,
                text: "Avräkning \(entry.month) (version \(version.name)): utfall \(actualTotal), att avräkna \(total.swedish)")
            if explain { month.explanation = explanation(month, rules: rules) }
            return (month, rules)
        } catch {
            throw RequestError(error, at: path)
        }
    }

    /// The month's derivation in Swedish, one line per group, with the source of the figures.
    static func explanation(_ month: MonthSettlement, rules: PerCapitaRules) -> [String] {
        let version = month.version
        var lines = ["Belopp per barn och år och budgeterat antal (MBB) enligt \(version.decision.body) \(version.decided) (\(version.decision.reference)), version \(version.name)."]
        for cell in month.groups {
            let exact = cell.yearlyValue % (twelve * Int128(rules.rounding.step.ore)) == 0 ? "" : ", avrundat"
            lines.append("\(cell.group.key): (\(cell.actual) − \(cell.group.budgetedCount)) × \(cell.group.yearlyAmount.swedish) = \(kronor(cell.yearlyValue)); ÷ 12 = \(cell.amount.swedish)\(exact).")
        }
        let rounded = month.yearlyValue % (twelve * Int128(rules.rounding.step.ore)) == 0 ? "" : ", avrundat"
        var total = "Summa \(month.month): \(kronor(month.yearlyValue)) ÷ 12 = \(month.total.swedish)\(rounded), räknat på de oavrundade beloppen"
        if month.cellsSum != month.total {
            total += "; summan av de avrundade beloppen är \(month.cellsSum.swedish)"
        }
        lines.append(total + ".")
        lines.append("Avrundning: till \(rules.rounding.step.swedish) (\(rules.rounding.mode.rawValue)) för varje belopp, varje månads summa och periodens summa.")
        lines.append(rules.text)
        return lines
    }

    /// An öre amount in the Swedish form, even beyond what `Money` holds.
    static func kronor(_ ore: Int128) -> String {
        if let exact = Int64(exactly: ore) { return Money(ore: exact).swedish }
        return decimalText(ore, scale: 2) + " kr"
    }
}
