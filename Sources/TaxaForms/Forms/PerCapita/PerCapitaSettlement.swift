import TaxaBase
import TaxaEngine

/// Prices a per-capita request (the BEP kind), reproducing the council's settlement table:
/// each cell is (actual − budgeted) × yearly amount ÷ 12, rounded; a month's total is its
/// unrounded cells summed, then rounded; the period total is the unrounded months summed,
/// then rounded. A month is settled whole by the version in force on its first day.
///
/// Exact in `Int128`: a count is at most 10⁶ and an amount below 2⁶³ öre, so a cell's yearly
/// value is below 2⁸³ and a sum of 120 months × 100 groups below 2⁹⁷; only the final
/// division into 64-bit öre can fail, and that is reported, not trapped.
package enum PerCapitaSettlement {
    /// Computed, not a stored `static let`: that is a lazily initialised global, checked at
    /// every use (once per cell).
    static var twelve: Int128 { Int128(PerCapitaRules.monthsPerYear) }

    package static func price(
        _ request: PerCapitaRequest, tariff: Tariff, asOf: CivilDate?,
        explain: Bool, cache: RateCache? = nil
    ) throws(RequestError) -> Settlement {
        // The request form's own checks, month by month in request order: every group of the
        // version in force on the month's first day, and no other, spelled as the council does.
        var checked: [(version: TariffVersion, rules: PerCapitaRules, countOfGroup: [Int])] = []
        checked.reserveCapacity(request.months.count)
        for entry in request.months { checked.append(try groupsChecked(entry, tariff: tariff, asOf: asOf)) }

        // Each cell is one item priced alone by the engine: a cell never shares a line, and the
        // kind has no caps, VAT or adjustments, so no lines are collected.
        let access = IndexAccess(indices: [:], asOf: asOf, rates: cache)
        var versions: [TariffVersion] = []
        var uses: [IndexUse] = []
        var months: [MonthSettlement] = []
        months.reserveCapacity(request.months.count)
        for (entry, month) in zip(request.months, checked) {
            if !versions.contains(where: { $0 === month.version }) { versions.append(month.version) }
            months.append(
                try settle(
                    entry, version: month.version, rules: month.rules, countOfGroup: month.countOfGroup, access: access,
                    uses: &uses, explain: explain))
        }
        var order = Array(months.indices)
        order.sort { months[$0].firstDay < months[$1].firstDay }
        if order != Array(months.indices) { months = order.map { months[$0] } }
        let yearlyValue = months.reduce(Int128(0)) { $0 + $1.yearlyValue }
        let total: Money
        do {
            // The latest month's rule; a tariff keeps one rounding rule in practice.
            total = try checked[order.last!].rules.rounding.round(ore: yearlyValue, over: twelve)
        } catch {
            throw RequestError(error, at: JSONPath([.key("months")]))
        }
        return Settlement(
            months: months, yearlyValue: yearlyValue, total: total,
            provenance: FeeEngine.provenance(versions, uses: uses, digests: cache))
    }

    /// The rules in force for the month, once its counts name exactly the version's groups, and
    /// for each group (in the rules' order) the index of its count in the request.
    private static func groupsChecked(
        _ entry: MonthCounts, tariff: Tariff,
        asOf: CivilDate?
    ) throws(RequestError) -> (version: TariffVersion, rules: PerCapitaRules, countOfGroup: [Int]) {
        // Built only for an error: a settled month needs no path.
        var path: JSONPath { JSONPath([.key("months"), .key(entry.month)]) }
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
        // The groups and counts read in place, not copied (a copy retains every name).
        let groups = rules.groups
        var countOfGroup = [Int](repeating: -1, count: groups.count)
        for index in entry.counts.indices {
            // Requests list the groups in the council's order: that place is tried first.
            var group = index < groups.count && groups[index].key.sameBytes(entry.counts[index].group) ? index : nil
            if group == nil { group = groups.firstIndex { $0.key.sameBytes(entry.counts[index].group) } }
            if group == nil { group = groups.firstIndex { $0.key == entry.counts[index].group } }
            guard let group else {
                let expected = rules.groups.map { "\"\($0.key)\"" }.joined(separator: ", ")
                throw RequestError(
                    .invalidRequest,
                    "\(tariff.id) (version \(version.name)) has no group \"\(entry.counts[index].group)\"; expected exactly these groups, spelled as the council prints them: \(expected)",
                    at: path.appending(entry.counts[index].group))
            }
            // Two counts for one group, its name given twice in different Unicode forms (a byte-equal
            // repeat is refused by the parser): which to settle cannot be guessed.
            guard countOfGroup[group] < 0 else {
                let earlier = entry.counts[countOfGroup[group]].group
                throw RequestError(
                    .invalidRequest, SameText.repeated("the group", entry.counts[index].group, as: earlier) + "; give each group's count once",
                    at: path.appending(entry.counts[index].group))
            }
            countOfGroup[group] = index
        }
        if let missing = countOfGroup.firstIndex(of: -1) {
            let expected = rules.groups.map { "\"\($0.key)\"" }.joined(separator: ", ")
            let group = rules.groups[missing]
            throw RequestError(
                .invalidRequest,
                "missing the actual count of group \"\(group.key)\"; \(tariff.id) (version \(version.name)) settles every group: \(expected)",
                at: path.appending(group.key))
        }
        return (version, rules, countOfGroup)
    }

    /// One month, each group's cell priced by the engine (the group's fee: the actual count less
    /// the budgeted count, × the yearly amount ÷ 12, rounded): its total is the unrounded cells
    /// summed, then rounded.
    private static func settle(
        _ entry: MonthCounts, version: TariffVersion, rules: PerCapitaRules, countOfGroup: [Int], access: IndexAccess,
        uses: inout [IndexUse], explain: Bool
    ) throws(RequestError) -> MonthSettlement {
        // Built only for an error: a settled month needs no path.
        var path: JSONPath { JSONPath([.key("months"), .key(entry.month)]) }
        var groups: [GroupSettlement] = []
        groups.reserveCapacity(rules.groups.count)
        var yearlyValue = Int128(0)
        var cellsSum = Money.zero
        var actualTotal: Int64 = 0  // ≤ 100 × 10⁶
        var inputs = [InputValue.integer(0)]
        let fees = rules.fees.fees
        for position in rules.groups.indices {
            let actual = entry.counts[countOfGroup[position]].count
            inputs[0] = .integer(actual)
            let (state, amount) = try FeeEngine.priceAlone(
                fees[position], version: version, feeYear: entry.firstDay.year, inputs: inputs, access: access, item: 0,
                naming: naming(month: entry.month))
            FeeEngine.collect(state.uses, into: &uses)
            do throws(ArithmeticOverflow) {
                // The exact cell is (actual − budgeted) × yearly amount ÷ 12: its denominator divides 12.
                let exact = state.beforeRounding ?? state.current
                let yearly = exact.numerator * (twelve / exact.denominator)
                groups.append(GroupSettlement(group: rules.groups[position], actual: Int64(actual), yearlyValue: yearly, amount: amount))
                yearlyValue += yearly
                cellsSum = try cellsSum.adding(amount)
                actualTotal += Int64(actual)
            } catch {
                throw RequestError(error, at: path)
            }
        }
        do throws(ArithmeticOverflow) {
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

    /// How the engine's errors name a month's cells (only built for an error): the month, as
    /// when every cell of a request was an item of one engine request.
    static func naming(month: String) -> ItemNaming {
        let path = JSONPath([.key("months"), .key(month)])
        return ItemNaming(
            item: { _ in path }, fee: "group", inputs: nil, overflow: { _ in path }, unknownFee: .invalidRequest,
            noun: "group", noVersion: { tariff, date, asOf in tariff.noVersionMessage(on: date, asOf: asOf) })
    }

    /// The month's derivation in Swedish, one line per group, with the source of the figures.
    static func explanation(_ month: MonthSettlement, rules: PerCapitaRules) -> [String] {
        let version = month.version
        var lines = [
            "Belopp per barn och år och budgeterat antal (MBB) enligt \(version.decision.body) \(version.decided) (\(version.decision.reference)), version \(version.name)."
        ]
        // "÷ 12 = the amount", or "÷ 12, rounded = the amount" when the twelfth is not already
        // a multiple of the rounding step: arithmetic the reader can redo either way.
        func twelfth(_ yearly: Int128, _ amount: Money) -> String {
            if yearly % (twelve * Int128(rules.rounding.step.ore)) == 0 { return "÷ 12 = \(amount.swedish)" }
            return "÷ 12, \(SwedishText.rounding(rules.rounding)) = \(amount.swedish)"
        }
        for cell in month.groups {
            lines.append(
                "\(cell.group.key): (\(SwedishText.integer(cell.actual)) − \(SwedishText.integer(cell.group.budgetedCount))) × \(cell.group.yearlyAmount.swedish) = \(kronor(cell.yearlyValue)); \(twelfth(cell.yearlyValue, cell.amount))."
            )
        }
        var total = "Summa \(month.month): \(kronor(month.yearlyValue)) \(twelfth(month.yearlyValue, month.total)), räknat på de oavrundade beloppen"
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
        JSONWriter.text {
            SwedishNumber.append(ore, scale: 2, minimumDecimals: 2, to: &$0); $0.appendText(" kr")
        }
    }
}
