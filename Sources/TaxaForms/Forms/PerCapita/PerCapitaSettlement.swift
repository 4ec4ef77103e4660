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
        // For each month, its version's place in `versions` and, for each of the version's
        // groups in order, the place of its count in the request (`countOfGroup`, month after
        // month: the layout of the settlement's cells).
        var versions: [TariffVersion] = []
        var versionOfMonth: [Int] = []
        versionOfMonth.reserveCapacity(request.months.count)
        var countOfGroup: [Int] = []
        countOfGroup.reserveCapacity(request.counts.count)
        // Months of one version come in runs (most requests have one version): the version and
        // its rules are taken once for each run, not counted once more for every month.
        var index = 0
        while index < request.months.count {
            let position = try versionPosition(request.months[index], tariff: tariff, asOf: asOf)
            let version = tariff.versions[position]
            guard let rules = version.rules.perCapita else {
                throw RequestError(.invalidRequest, "\(tariff.id) is not a per-capita tariff", at: JSONPath([.key("tariff")]))
            }
            let slot: Int
            if let found = versions.firstIndex(where: { $0 === version }) {
                slot = found
            } else {
                slot = versions.count
                versions.append(version)
            }
            repeat {
                try groupsChecked(request.months[index], request, tariff: tariff, version: version, rules: rules, countOfGroup: &countOfGroup)
                versionOfMonth.append(slot)
                index += 1
            } while index < request.months.count && tariff.versionIndex(on: request.months[index].firstDay, asOf: asOf) == position
        }

        // Each cell is one item priced alone by the engine: a cell never shares a line, and the
        // kind has no caps, VAT or adjustments, so no lines are collected.
        let access = IndexAccess(indices: [:], asOf: asOf, rates: cache)
        var uses: [IndexUse] = []
        var months: [MonthSettlement] = []
        months.reserveCapacity(request.months.count)
        // The cells are as many as the checked counts, and lie where they do.
        var cells = [GroupSettlement](repeating: GroupSettlement(actual: 0, yearlyValue: 0, amount: .zero), count: countOfGroup.count)
        var explanations: [[String]]? = explain ? [] : nil
        // The lists read through buffers: an element read from an array is retained, and a
        // cell written into one is checked for a shared copy.
        try cells.withUnsafeMutableBufferPointer { (cells) throws(RequestError) in
            try countOfGroup.withUnsafeBufferPointer { (countOfGroup) throws(RequestError) in
                try request.counts.withUnsafeBufferPointer { (counts) throws(RequestError) in
                    var first = 0
                    // By runs of months of one version, as above.
                    try forEachRun(request.months.count, key: { versionOfMonth[$0] }) { (slot, run) throws(RequestError) in
                        let version = versions[slot]
                        // Checked: the version has per-capita rules.
                        let rules = version.rules.perCapita!
                        let prices = rules.cellPrices
                        for index in run {
                            let month = try settle(
                                request.months[index], version: version, versionIndex: slot, rules: rules, prices: prices,
                                counts: counts, countOfGroup: countOfGroup, cells: cells, first: first,
                                access: access, uses: &uses, requestIndex: index)
                            if explain {
                                explanations!.append(
                                    explanation(
                                        month, cells: UnsafeBufferPointer(rebasing: cells[month.cells]), version: version, rules: rules))
                            }
                            months.append(month)
                            first = month.cells.upperBound
                        }
                    }
                }
            }
        }
        var order = Array(months.indices)
        order.sort { months[$0].firstDay < months[$1].firstDay }
        if order != Array(months.indices) { months = order.map { months[$0] } }
        let yearlyValue = months.reduce(Int128(0)) { $0 + $1.yearlyValue }
        let total: Money
        do {
            // The latest month's rule; a tariff keeps one rounding rule in practice.
            total = try versions[months.last!.version].rules.perCapita!.rounding.round(ore: yearlyValue, over: twelve)
        } catch {
            throw RequestError(error, at: JSONPath([.key("months")]))
        }
        return Settlement(
            months: months, cells: cells, versions: versions, explanations: explanations, yearlyValue: yearlyValue, total: total,
            provenance: FeeEngine.provenance(versions, uses: uses, digests: cache))
    }

    /// Where a month's names fail to be exactly its version's groups.
    private enum Mismatch {
        /// The count's name matches no group.
        case unknown(count: Int)
        /// The count's name is an earlier count's group, in another Unicode form.
        case repeated(count: Int, earlier: Int)
        /// The group has no count.
        case missing(group: Int)
    }

    /// Calls `body` with each run of consecutive places in `0..<count` that have one `key` (the
    /// months of one version, in a request or a settlement), and that key: what the months of a
    /// run share is taken once for the run, not counted again for every month.
    @inline(__always) static func forEachRun<E: Error>(
        _ count: Int, key: (Int) -> Int, _ body: (_ key: Int, _ run: Range<Int>) throws(E) -> Void
    ) throws(E) {
        var start = 0
        while start < count {
            let runKey = key(start)
            var end = start + 1
            while end < count && key(end) == runKey { end += 1 }
            try body(runKey, start..<end)
            start = end
        }
    }

    /// Where the version in force for the month lies in the tariff's versions.
    private static func versionPosition(_ entry: MonthCounts, tariff: Tariff, asOf: CivilDate?) throws(RequestError) -> Int {
        guard let position = tariff.versionIndex(on: entry.firstDay, asOf: asOf) else {
            throw RequestError(
                .noTariffInForce, "cannot settle \(entry.month.string): " + tariff.noVersionMessage(on: entry.firstDay, asOf: asOf),
                at: JSONPath([.key("months"), .key(entry.month.string)]))
        }
        return position
    }

    /// Checks that the month's counts name exactly the groups of `version` (the one in force
    /// for it, with `rules`); for each group (in the rules' order), the place of its count in
    /// the request is appended to `countOfGroup`.
    private static func groupsChecked(
        _ entry: MonthCounts, _ request: PerCapitaRequest, tariff: Tariff, version: TariffVersion, rules: PerCapitaRules,
        countOfGroup: inout [Int]
    ) throws(RequestError) {
        // Built only for an error: a settled month needs no path.
        var path: JSONPath { JSONPath([.key("months"), .key(entry.month.string)]) }
        let base = countOfGroup.count
        let mismatch = matched(entry.counts, request, rules, base: base, countOfGroup: &countOfGroup)
        guard let mismatch else { return }
        let expected = rules.groups.map { "\"\($0.key)\"" }.joined(separator: ", ")
        switch mismatch {
        case .unknown(let count):
            let name = request.name(count)
            throw RequestError(
                .invalidRequest,
                "\(tariff.id) (version \(version.name)) has no group \"\(name)\"; expected exactly these groups, spelled as the council prints them: \(expected)",
                at: path.appending(name))
        case .repeated(let count, let earlier):
            // Two counts for one group, its name given twice in different Unicode forms (a byte-equal
            // repeat is refused by the parser): which to settle cannot be guessed.
            let name = request.name(count)
            throw RequestError(
                .invalidRequest, SameText.repeated("the group", name, as: request.name(earlier)) + "; give each group's count once",
                at: path.appending(name))
        case .missing(let missing):
            let group = rules.groups[missing]
            throw RequestError(
                .invalidRequest,
                "missing the actual count of group \"\(group.key)\"; \(tariff.id) (version \(version.name)) settles every group: \(expected)",
                at: path.appending(group.key))
        }
    }

    /// Each count's group, by its bytes (the request spells it as the tariff does) and, for a
    /// name that matches no group byte for byte, as Swift compares text; the first mismatch, or
    /// nil once every group has its count (at `countOfGroup[base + group]`).
    private static func matched(
        _ counts: Range<Int>, _ request: PerCapitaRequest, _ rules: PerCapitaRules, base: Int, countOfGroup: inout [Int]
    ) -> Mismatch? {
        let groupCount = rules.groupKeys.count
        countOfGroup.append(contentsOf: repeatElement(-1, count: groupCount))
        // Names, counts and keys read through buffers: an element read from an array is retained.
        return request.counts.withUnsafeBufferPointer { allCounts in
            rules.keyPrefixes.withUnsafeBufferPointer { prefixes in
                countOfGroup.withUnsafeMutableBufferPointer { found in
                    // The prefixes first; a long name's bytes only when they agree.
                    func same(_ group: Int, _ count: GroupCount) -> Bool {
                        prefixes[group] == count.name && (count.name.isWhole || sameLongName(group, count, request, rules))
                    }
                    for count in counts {
                        let name = allCounts[count]
                        // Requests list the groups in the council's order: that place is tried first.
                        let place = count - counts.lowerBound
                        var group = place < groupCount && same(place, name) ? place : nil
                        if group == nil { group = (0..<groupCount).first { same($0, name) } }
                        if group == nil {
                            let text = request.name(count)
                            group = rules.groups.firstIndex { $0.key == text }
                        }
                        guard let group else { return .unknown(count: count) }
                        guard found[base + group] < 0 else { return .repeated(count: count, earlier: found[base + group]) }
                        found[base + group] = count
                    }
                    if let missing = (0..<groupCount).first(where: { found[base + $0] < 0 }) { return .missing(group: missing) }
                    return nil
                }
            }
        }
    }

    /// Whether a name longer than its prefix is the group's, byte for byte.
    private static func sameLongName(_ group: Int, _ count: GroupCount, _ request: PerCapitaRequest, _ rules: PerCapitaRules) -> Bool {
        request.names[count.spill].withUnsafeBufferPointer { rules.groupKeys.key(group, is: $0) }
    }

    /// One month, each group's cell priced by the engine (the group's fee: the actual count less
    /// the budgeted count, × the yearly amount ÷ 12, rounded) and appended to `cells`: its total
    /// is the unrounded cells summed, then rounded.
    private static func settle(
        _ entry: MonthCounts, version: TariffVersion, versionIndex: Int, rules: PerCapitaRules, prices: [CellPrice]?,
        counts: UnsafeBufferPointer<GroupCount>, countOfGroup: UnsafeBufferPointer<Int>,
        cells: UnsafeMutableBufferPointer<GroupSettlement>, first: Int,
        access: IndexAccess, uses: inout [IndexUse], requestIndex: Int
    ) throws(RequestError) -> MonthSettlement {
        // Built only for an error: a settled month needs no path.
        var path: JSONPath { JSONPath([.key("months"), .key(entry.month.string)]) }
        let groupCount = rules.groupKeys.count
        var yearlyValue = Int128(0)
        var cellsSum = Money.zero
        var actualTotal: Int64 = 0  // ≤ 100 × 10⁶
        // The month's groups' counts lie at the same places as its cells; every group has one
        // (a month without one of its groups was refused as `.missing` before it came here).
        for position in 0..<groupCount {
            let actual = counts[countOfGroup[first + position]].count
            // The group's linear price, without a pricing state; the engine's pipeline for any
            // other fee, and for an overflow, which it reports and locates.
            var cell = prices?[position].cell(actual)
            if cell == nil {
                let (state, amount) = try FeeEngine.priceAlone(
                    rules.fees.fees[position], version: version, feeYear: entry.firstDay.year, inputs: LineInputs(one: .integer(actual)),
                    access: access, item: 0, naming: naming(month: entry.month.string))
                FeeEngine.collect(state.uses, into: &uses)
                // The exact cell is (actual − budgeted) × yearly amount ÷ 12: its denominator divides 12.
                let exact = state.beforeRounding ?? state.current
                cell = (exact.numerator * (twelve / exact.denominator), amount)
            }
            let (yearly, amount) = cell!
            do throws(ArithmeticOverflow) {
                cells[first + position] = GroupSettlement(actual: actual, yearlyValue: yearly, amount: amount)
                yearlyValue += yearly
                cellsSum = try cellsSum.adding(amount)
                actualTotal += actual
            } catch {
                throw RequestError(error, at: path)
            }
        }
        do throws(ArithmeticOverflow) {
            let total = try rules.rounding.round(ore: yearlyValue, over: twelve)
            return MonthSettlement(
                month: entry.month, firstDay: entry.firstDay, version: versionIndex, cells: first..<first + groupCount,
                actualTotal: actualTotal, yearlyValue: yearlyValue, total: total, cellsSum: cellsSum, requestIndex: requestIndex)
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
    static func explanation(
        _ month: MonthSettlement, cells: UnsafeBufferPointer<GroupSettlement>, version: TariffVersion, rules: PerCapitaRules
    ) -> [String] {
        var lines = [
            "Belopp per barn och år och budgeterat antal (MBB) enligt \(version.decision.body) \(version.decided) (\(version.decision.reference)), version \(version.name)."
        ]
        // "÷ 12 = the amount", or "÷ 12, rounded = the amount" when the twelfth is not already
        // a multiple of the rounding step: arithmetic the reader can redo either way.
        func twelfth(_ yearly: Int128, _ amount: Money) -> String {
            if yearly % (twelve * Int128(rules.rounding.step.ore)) == 0 { return "÷ 12 = \(amount.swedish)" }
            return "÷ 12, \(SwedishText.rounding(rules.rounding)) = \(amount.swedish)"
        }
        for (group, cell) in zip(rules.groups, cells) {
            lines.append(
                "\(group.key): (\(SwedishText.integer(cell.actual)) − \(SwedishText.integer(group.budgetedCount))) × \(group.yearlyAmount.swedish) = \(kronor(cell.yearlyValue)); \(twelfth(cell.yearlyValue, cell.amount))."
            )
        }
        var total = "Summa \(month.month.string): \(kronor(month.yearlyValue)) \(twelfth(month.yearlyValue, month.total)), räknat på de oavrundade beloppen"
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
