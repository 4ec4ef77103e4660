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

    public static func price(
        _ request: PerCapitaRequest, tariff: Tariff, asOf: CivilDate?,
        explain: Bool, cache: RateCache? = nil
    ) throws(RequestError) -> Settlement {
        // The request form's own checks, month by month in request order: every group of the
        // version in force on the month's first day, and no other, spelled as the council does.
        var items: [FeeItem] = []
        var monthOfItem: [Int] = []
        var rulesOfMonth: [PerCapitaRules] = []
        rulesOfMonth.reserveCapacity(request.months.count)
        for (index, entry) in request.months.enumerated() {
            let (rules, countOfGroup) = try groupsChecked(entry, tariff: tariff, asOf: asOf)
            rulesOfMonth.append(rules)
            if items.isEmpty {
                items.reserveCapacity(request.months.count * rules.groups.count)
                monthOfItem.reserveCapacity(request.months.count * rules.groups.count)
            }
            for (position, group) in rules.groups.enumerated() {
                let actual = entry.counts[countOfGroup[position]].count
                items.append(
                    FeeItem(
                        fee: group.key, date: entry.firstDay, inputs: .decoded([.integer(actual)]),
                        definition: rules.fees.fees[position]))
                monthOfItem.append(index)
            }
        }
        let keys = request.months.map(\.month)
        let positions = monthOfItem
        var naming = ItemNaming(
            item: { JSONPath([.key("months"), .key(keys[positions[$0]])]) }, fee: "group", inputs: nil,
            overflow: { JSONPath([.key("months"), .key(keys[positions[$0]])]) }, unknownFee: .invalidRequest, noun: "group",
            noVersion: { tariff, date, asOf in tariff.noVersionMessage(on: date, asOf: asOf) })
        naming.totalOverflow = JSONPath([.key("months")])
        let priced = try FeeEngine.price(
            items, tariff: tariff, access: IndexAccess(indices: [:], asOf: asOf, rates: cache),
            adjustment: nil, explain: false, naming: naming, digests: cache)
        var lineOfItem: [Int] = []
        lineOfItem.reserveCapacity(items.count)
        for _ in items.indices { lineOfItem.append(0) }
        for index in priced.lines.indices { lineOfItem[priced.lines[index].firstItem] = index }

        var months: [MonthSettlement] = []
        months.reserveCapacity(request.months.count)
        var first = 0
        for (index, entry) in request.months.enumerated() {
            let rules = rulesOfMonth[index]
            months.append(
                try settle(
                    entry, rules: rules, lines: priced.lines, of: lineOfItem[first..<(first + rules.groups.count)],
                    explain: explain))
            first += rules.groups.count
        }
        var order = Array(months.indices)
        order.sort { months[$0].firstDay < months[$1].firstDay }
        if order != Array(months.indices) { months = order.map { months[$0] } }
        let yearlyValue = months.reduce(Int128(0)) { $0 + $1.yearlyValue }
        let total: Money
        do {
            // The latest month's rule; a tariff keeps one rounding rule in practice.
            total = try rulesOfMonth[order.last!].rounding.round(ore: yearlyValue, over: twelve)
        } catch {
            throw RequestError(error, at: JSONPath([.key("months")]))
        }
        return Settlement(months: months, yearlyValue: yearlyValue, total: total, provenance: priced.provenance)
    }

    /// The rules in force for the month, once its counts name exactly the version's groups, and
    /// for each group (in the rules' order) the index of its count in the request.
    private static func groupsChecked(
        _ entry: MonthCounts, tariff: Tariff,
        asOf: CivilDate?
    ) throws(RequestError) -> (PerCapitaRules, [Int]) {
        let path = JSONPath([.key("months"), .key(entry.month)])
        guard let version = tariff.version(on: entry.firstDay, asOf: asOf) else {
            throw RequestError(
                .noTariffInForce, "cannot settle \(entry.month): " + tariff.noVersionMessage(on: entry.firstDay, asOf: asOf),
                at: path)
        }
        guard let rules = version.rules.perCapita else {
            throw RequestError(.invalidRequest, "\(tariff.id) is not a per-capita tariff", at: JSONPath([.key("tariff")]))
        }
        // Each count's group, by its bytes (the request spells it as the tariff does) and, for
        // a name that matches no group byte for byte, as Swift compares text.
        var countOfGroup: [Int] = []
        for _ in rules.groups { countOfGroup.append(-1) }
        for (index, count) in entry.counts.enumerated() {
            // Requests list the groups in the council's order: that place is tried first.
            var group = index < rules.groups.count && rules.groups[index].key.sameBytes(count.group) ? index : nil
            if group == nil { group = rules.groups.firstIndex { $0.key.sameBytes(count.group) } }
            if group == nil { group = rules.groups.firstIndex { $0.key == count.group } }
            guard let group else {
                let expected = rules.groups.map { "\"\($0.key)\"" }.joined(separator: ", ")
                throw RequestError(
                    .invalidRequest,
                    "\(tariff.id) (version \(version.name)) has no group \"\(count.group)\"; expected exactly these groups, spelled as the council prints them: \(expected)",
                    at: path.appending(count.group))
            }
            if countOfGroup[group] < 0 { countOfGroup[group] = index }
        }
        if let missing = countOfGroup.firstIndex(of: -1) {
            let expected = rules.groups.map { "\"\($0.key)\"" }.joined(separator: ", ")
            let group = rules.groups[missing]
            throw RequestError(
                .invalidRequest,
                "missing the actual count of group \"\(group.key)\"; \(tariff.id) (version \(version.name)) settles every group: \(expected)",
                at: path.appending(group.key))
        }
        return (rules, countOfGroup)
    }

    /// One month from the engine's cells (`lines[line]` for each group in order): its total is
    /// the unrounded cells summed, then rounded.
    private static func settle(
        _ entry: MonthCounts, rules: PerCapitaRules, lines: [PricedLine], of cells: ArraySlice<Int>,
        explain: Bool
    ) throws(RequestError) -> MonthSettlement {
        let path = JSONPath([.key("months"), .key(entry.month)])
        do throws(ArithmeticOverflow) {
            var groups: [GroupSettlement] = []
            groups.reserveCapacity(rules.groups.count)
            var yearlyValue = Int128(0)
            var cellsSum = Money.zero
            var actualTotal: Int64 = 0  // ≤ 100 × 10⁶
            for (group, index) in zip(rules.groups, cells) {
                // The exact cell is (actual − budgeted) × yearly amount ÷ 12: its denominator divides 12.
                let exact = lines[index].beforeRounding ?? lines[index].unrounded
                let yearly = exact.numerator * (twelve / exact.denominator)
                let actual = Int64(lines[index].quantity?.numerator ?? 0)
                let amount = lines[index].amount
                groups.append(GroupSettlement(group: group, actual: actual, yearlyValue: yearly, amount: amount))
                yearlyValue += yearly
                cellsSum = try cellsSum.adding(amount)
                actualTotal += actual
            }
            let version = lines[cells.first!].version
            let total = try rules.rounding.round(ore: yearlyValue, over: twelve)
            var month = MonthSettlement(
                month: entry.month, firstDay: entry.firstDay, version: version, groups: groups,
                actualTotal: actualTotal, yearlyValue: yearlyValue, total: total, cellsSum: cellsSum)
            if explain { month.explanation = explanation(month, rules: rules) }
            return month
        } catch {
            throw RequestError(error, at: path)
        }
    }

    /// The month's derivation in Swedish, one line per group, with the source of the figures.
    static func explanation(_ month: MonthSettlement, rules: PerCapitaRules) -> [String] {
        let version = month.version
        var lines = [
            "Belopp per barn och år och budgeterat antal (MBB) enligt \(version.decision.body) \(version.decided) (\(version.decision.reference)), version \(version.name)."
        ]
        for cell in month.groups {
            let exact = cell.yearlyValue % (twelve * Int128(rules.rounding.step.ore)) == 0 ? "" : ", avrundat"
            lines.append(
                "\(cell.group.key): (\(cell.actual) − \(cell.group.budgetedCount)) × \(cell.group.yearlyAmount.swedish) = \(kronor(cell.yearlyValue)); ÷ 12 = \(cell.amount.swedish)\(exact)."
            )
        }
        let rounded = month.yearlyValue % (twelve * Int128(rules.rounding.step.ore)) == 0 ? "" : ", avrundat"
        var total = "Summa \(month.month): \(kronor(month.yearlyValue)) ÷ 12 = \(month.total.swedish)\(rounded), räknat på de oavrundade beloppen"
        if month.cellsSum != month.total {
            total += "; summan av de avrundade beloppen är \(month.cellsSum.swedish)"
        }
        lines.append(total + ".")
        lines.append("Avrundning: \(SwedishText.rounding(rules.rounding)), för varje belopp, varje månads summa och periodens summa.")
        lines.append(rules.text)
        return lines
    }

    /// An öre amount in the Swedish form, even beyond what `Money` holds.
    static func kronor(_ ore: Int128) -> String {
        if let exact = Int64(exactly: ore) { return Money(ore: exact).swedish }
        return decimalText(ore, scale: 2) + " kr"
    }
}
