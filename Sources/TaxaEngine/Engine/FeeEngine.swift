import TaxaBase

/// The one pricing engine: prices the items of a request against the tariff's versions, for
/// every kind of tariff.
///
/// 1. Each item's date selects the version in force (among those decided by `as_of`) and its
///    fee; its inputs are checked against the fee.
/// 2. Items are summed into lines: per fee (or group), version and period of the fee's scope
///    (item, day, month, fee year, request), and equal other inputs. The summed quantity is
///    reduced by `less` and rounded to whole increments: sum first, then round.
/// 3. Each line runs its fee's price pipeline in exact arithmetic; an amount that is not whole
///    öre is rounded to öre, half up.
/// 4. Caps per calendar month, the subtotal, a reduction or waiver, VAT and the total follow,
///    with the provenance of every version and index value used.
@usableFromInline package enum FeeEngine {
    /// What identifies a summed line, once the lines are too many for a linear search.
    struct LineKey: Hashable {
        /// The version's position in the tariff.
        var version: Int
        var group: Int
        var period: Int
        var others: [InputValue]
    }

    /// Summed lines are found by a linear search up to this many (requests have a handful);
    /// beyond it, by their `LineKey`.
    static let linearSearchLimit = 16

    package static func price(
        _ items: [FeeItem], tariff: Tariff, access: IndexAccess, adjustment: RequestedAdjustment?,
        explain: Bool, naming: ItemNaming = .items, digests: RateCache? = nil, lineTexts: Bool = true
    ) throws(RequestError) -> FeeInvoice {
        var lines: [PricedLine] = []
        lines.reserveCapacity(min(items.count, 64))  // a line is large: growing the list moves them all
        var index: [LineKey: Int] = [:]
        var summedLines = 0

        for position in items.indices {
            let date = items[position].date
            // The item's version and fee are found as positions and read as plain values
            // (`FeeItemShape`): a reference to them is taken only for a new line, which keeps one.
            guard let versionIndex = tariff.versionIndex(on: date, asOf: access.asOf) else {
                throw Cold.noVersion(tariff, date, access.asOf, item: position, naming: naming)
            }
            // The version's fees read in place, without a count on them: the tariff owns them and
            // outlives the request, and every request, on every thread, shares them.
            let found: (index: Int, shape: FeeItemShape)? = Unmanaged.passUnretained(tariff.versions[versionIndex].rules.fees)
                ._withUnsafeGuaranteedRef { fees in fees.feeIndex(items[position].fee).map { ($0, fees.shapes[$0]) } }
            guard let (feeIndex, shape) = found else {
                throw Cold.unknownFee(
                    items[position].fee, tariff, tariff.versions[versionIndex], tariff.versions[versionIndex].rules.fees, item: position,
                    naming: naming)
            }
            // A constant once set: the summing below reads it, and a variable would be checked
            // for exclusive access at every read.
            let inputs: LineInputs
            switch items[position].inputs {
            case .one(let value):
                inputs = shape.inputCount == 1 ? LineInputs(one: value) : LineInputs([value])
            case .json(let value):
                // The fee handed on without a retain (see `priceLine`).
                let decoded = Unmanaged.passUnretained(tariff.versions[versionIndex].rules.fees.fees[feeIndex])._withUnsafeGuaranteedRef {
                    fee in Result { () throws(FieldError) in try FeeItemInputs.decode(value, for: fee) }
                }
                switch decoded {
                case .success(let values): inputs = values
                case .failure(let error):
                    var path = naming.item(position)
                    if let key = naming.inputs { path = path.appending(key) }
                    throw RequestError(.invalidRequest, error.message, at: path.appending(error.path))
                }
            }
            let scope = shape.scope
            let quantityIndex = shape.quantityInput
            let group = shape.linePosition
            let period = period(scope, date, position)
            let itemQuantity = quantityIndex.map { inputs[$0].number ?? .zero }
            // Items priced alone never share a line; the others share one with equal version,
            // group, period and other inputs.
            var existing: Int?
            if scope != .item {
                if index.isEmpty {
                    for candidate in lines.indices
                    where lines[candidate].scope != .item
                        && lines[candidate].versionIndex == versionIndex && lines[candidate].linePosition == group
                        && lines[candidate].periodOrder == period
                        && sameOthers(lines[candidate].inputs, lines[candidate].quantityInput, inputs, quantityIndex)
                    {
                        existing = candidate
                        break
                    }
                } else {
                    existing =
                        index[
                            LineKey(
                                version: versionIndex, group: group, period: period,
                                others: others(inputs, quantityIndex))]
                }
            }
            if let existing {
                // Room for the items still to come (up to 16) when a line takes its second: the
                // list then grows once, not at 1, 2 and 4 items (the hourly form's entries).
                if lines[existing].otherItems.isEmpty {
                    lines[existing].otherItems.reserveCapacity(min(items.count - position, 16))
                }
                lines[existing].otherItems.append(position)
                // A line summed over the whole request is priced for its latest item's year,
                // whatever order the items came in.
                if scope == .request, date.year > lines[existing].feeYear { lines[existing].feeYear = date.year }
                if explain {
                    Cold.noteItem(&lines[existing], date: date, fee: tariff.versions[versionIndex].rules.fees.fees[feeIndex], quantity: itemQuantity)
                }
                if lines[existing].feeIndex != feeIndex {
                    Cold.addFee(tariff.versions[versionIndex].rules.fees.fees[feeIndex], to: &lines[existing])
                }
                if let itemQuantity {
                    do { lines[existing].quantity = try lines[existing].quantity!.adding(itemQuantity) } catch {
                        throw RequestError(error, at: naming.overflow(position))
                    }
                }
            } else {
                if scope != .item {
                    summedLines += 1
                    if !index.isEmpty || summedLines > linearSearchLimit {
                        if index.isEmpty {
                            for (number, summed) in lines.enumerated() where summed.scope != .item {
                                index[
                                    LineKey(
                                        version: summed.versionIndex, group: summed.linePosition, period: summed.periodOrder,
                                        others: others(summed.inputs, summed.quantityInput))] = number
                            }
                        }
                        index[
                            LineKey(
                                version: versionIndex, group: group, period: period,
                                others: others(inputs, quantityIndex))] = lines.count
                    }
                }
                // Made in place: a line is a large value, and a copy retains each of its parts. The
                // version is read without a count of its own (as the fees above): the line counts
                // the references it keeps.
                Unmanaged.passUnretained(tariff.versions[versionIndex])._withUnsafeGuaranteedRef { version in
                    lines.append(
                        PricedLine(
                            fee: version.rules.fees.fees[feeIndex], version: version, versionIndex: versionIndex, feeIndex: feeIndex,
                            quantityInput: quantityIndex, feeYear: date.year, scope: scope, periodDate: date, linePosition: group,
                            periodOrder: scope == .item ? position : period, firstItem: position, inputs: inputs,
                            quantity: itemQuantity,
                            billed: nil, increments: nil, unitPrice: nil, per: nil, rate: nil, unrounded: .zero, amount: .zero,
                            uses: [], explanation: nil))
                    if explain {
                        Cold.noteItem(&lines[lines.count - 1], date: date, fee: version.rules.fees.fees[feeIndex], quantity: itemQuantity)
                    }
                }
            }
        }

        for i in lines.indices {
            try priceLine(&lines[i], access: access, explain: explain, naming: naming, text: lineTexts)
        }
        // The request's versions in the order of their first items (lines are made in that
        // order); most requests have one, which is then not collected into a list.
        let single: TariffVersion? =
            lines.isEmpty || lines.contains { $0.versionIndex != lines[0].versionIndex } ? nil : lines[0].version
        let versions = single == nil ? Cold.versions(of: lines) : []
        sortLines(&lines)

        let (caps, capUses) = try applyCaps(lines, access: access, explain: explain, naming: naming)
        let latest = single ?? versions.max { ($0.validFrom, $0.decided) < ($1.validFrom, $1.decided) }
        // The version's adjustment rule is read only for a request that asks for one: a copy
        // of it (its texts) per request would count a reference on each.
        if adjustment != nil && latest?.adjustments == nil { throw Cold.noAdjustments(tariff) }
        do throws(ArithmeticOverflow) {
            var subtotal = Money.zero
            for index in lines.indices { subtotal = try subtotal.adding(lines[index].amount) }
            for cap in caps { subtotal = try subtotal.adding(cap.amount) }
            var applied: AppliedAdjustment?
            if let adjustment, let rule = latest?.adjustments {
                applied = AppliedAdjustment(
                    request: adjustment, paragraph: rule.paragraph,
                    amount: try Adjustments.amount(adjustment, subtotal: subtotal),
                    subtotal: subtotal, text: rule.text)
            }
            var total = try subtotal.adding(applied?.amount ?? .zero)
            let feeVAT = single?.rules.fees.feeVAT ?? versions.contains { $0.rules.fees.feeVAT }
            let vat = try vat(lines, caps, applied, feeVAT: feeVAT, latest: latest, total: &total)
            let rounding = try roundTotal(latest, total: &total)
            return FeeInvoice(
                lines: lines, caps: caps, subtotal: subtotal, adjustment: applied,
                vat: vat, rounding: rounding, total: total,
                provenance: provenance(single, versions, lines, capUses, digests: digests))
        } catch {
            throw RequestError(error, at: naming.totalOverflow)
        }
    }

    /// Whether a line's inputs and an item's other than their quantities are equal, without
    /// collecting them.
    static func sameOthers(_ a: LineInputs, _ quantityA: Int?, _ b: LineInputs, _ quantityB: Int?) -> Bool {
        var i = 0
        var j = 0
        while true {
            if i == quantityA { i += 1 }
            if j == quantityB { j += 1 }
            let endA = i >= a.count
            let endB = j >= b.count
            if endA || endB { return endA && endB }
            if a[i] != b[j] { return false }
            i += 1
            j += 1
        }
    }

    static func others(_ inputs: LineInputs, _ quantityIndex: Int?) -> [InputValue] {
        var others: [InputValue] = []
        for (i, value) in inputs.enumerated() where i != quantityIndex { others.append(value) }
        return others
    }

    /// Lines in the order of their fees in the tariff file, then by version, then by period;
    /// lines equal in all three keep the order they were made in.
    static func sortLines(_ lines: inout [PricedLine]) {
        guard lines.count > 1 else { return }
        // One 128-bit key per line: position in the file, the version's position in its tariff
        // (versions are in (valid_from, decided) order, no two alike: checked at load), the
        // period, and the line's index, which keeps the sort stable. Sorting plain integers is
        // far cheaper than comparing lines.
        var keys: [UInt128] = []
        keys.reserveCapacity(lines.count)
        var sorted = true
        for index in lines.indices {
            let position = UInt128(UInt32(truncatingIfNeeded: lines[index].linePosition))
            let version = UInt128(UInt32(truncatingIfNeeded: lines[index].versionIndex))
            let period = UInt128(UInt32(truncatingIfNeeded: lines[index].periodOrder))
            keys.append(position << 96 | version << 64 | period << 32 | UInt128(index))
            if index > 0, keys[index] >> 32 < keys[index - 1] >> 32 { sorted = false }
        }
        if sorted { return }
        keys.sort()
        var order = keys.map { Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: $0)) }
        // Into that order by swapping along each cycle of the permutation, in raw memory: no
        // line is copied (`Array.swapAt` copies through a temporary).
        lines.withUnsafeMutableBufferPointer { buffer in
            for start in order.indices where order[start] != start {
                var position = start
                while order[position] != start {
                    let next = order[position]
                    buffer.swapAt(position, next)
                    order[position] = position
                    position = next
                }
                order[position] = position
            }
        }
    }

    /// The line's period as a number that is equal exactly when items share a line.
    static func period(_ scope: SummingScope, _ date: CivilDate, _ position: Int) -> Int {
        switch scope {
        case .item: -1 - position
        case .day: date.year * 10_000 + date.month * 100 + date.day
        case .month: date.year * 100 + date.month
        case .year: date.year
        case .request: 0
        }
    }

    /// Sums, rounds to increments and runs the pipeline for one line.
    /// `text`: whether the line's text (`FeeText`) will be written, so its steps are recorded.
    static func priceLine(
        _ line: inout PricedLine, access: IndexAccess, explain: Bool, naming: ItemNaming, text: Bool = true
    ) throws(RequestError) {
        // The line's fee and version are handed on without a retain: the line keeps them alive
        // (and the tariff set, which owns them, outlives every request), and every request, on
        // every thread, shares them: a count on them is an atomic operation threads contend for.
        let priced = Unmanaged.passUnretained(line.fee)._withUnsafeGuaranteedRef { fee in
            Unmanaged.passUnretained(line.version)._withUnsafeGuaranteedRef { version in
                Result { () throws(RequestError) in
                    try priceLine(&line, fee: fee, version: version, access: access, explain: explain, naming: naming, text: text)
                }
            }
        }
        try priced.get()
    }

    /// `priceLine` with the line's fee and version as parameters: read in place, not retained.
    /// It must not assign the line's fee or version (the tariff keeps them alive in any case).
    @inline(never)
    static func priceLine(
        _ line: inout PricedLine, fee: FeeDefinition, version: TariffVersion, access: IndexAccess, explain: Bool,
        naming: ItemNaming, text: Bool
    ) throws(RequestError) {
        if let rule = fee.quantity, let sum = line.quantity {
            do throws(ArithmeticOverflow) {
                let billed = try billedQuantity(rule, sum)
                line.lessened = billed.lessened
                line.increments = billed.increments
                line.billed = billed.billed
            } catch {
                throw RequestError(error, at: naming.overflow(line.firstItem))
            }
        }
        // A price per unit, constant or at an indexed rate derived at load, without explanation:
        // its amounts are written into the line (a pricing state would be made and then copied
        // on the way), and its text's record is made as its blocks make it.
        if !explain {
            if let linear = fee.linear {
                try priceLinear(&line, price: linear.price, unitPrice: linear.unitPrice, per: linear.per, rounding: linear.rounding, fee: fee, naming: naming)
                if text { line.steps = linear.steps(beforeRounding: line.beforeRounding, amount: line.unrounded) }
                return
            }
            // An indexed price per unit (an hourly rate): the blocks would derive the rate again.
            // With a rounding, its text's record is the blocks' to make.
            if let indexed = fee.indexedLinear, !text || indexed.rounding == nil,
                let rate = indexed.rate(of: fee, year: line.feeYear, access: access)
            {
                try priceLinear(
                    &line, price: rate.price, unitPrice: rate.unitPrice, per: indexed.per, rounding: indexed.rounding, fee: fee,
                    naming: naming)
                line.rate = rate.rate
                line.uses = rate.uses
                if text { line.steps = indexed.steps(amount: line.unrounded, rate: rate) }
                return
            }
        }
        var state: PriceState
        do {
            // The blocks record the text's steps (a price per unit without explanation was
            // priced above).
            let steps = text ? LineSteps() : nil
            state = try runPipeline(
                fee, version: version, feeYear: line.feeYear, inputs: line.inputs, billed: line.billed,
                access: access, explain: explain, steps: steps)
            if text { line.steps = steps }
        } catch {
            throw locate(error, fee: fee, item: line.firstItem, naming: naming)
        }
        line.unrounded = state.current
        line.beforeRounding = state.beforeRounding
        do { line.amount = try state.current.money() } catch {
            throw RequestError(error, at: naming.overflow(line.firstItem))
        }
        line.unitPrice = state.unitPrice
        line.per = state.per
        // Moved, not copied: the state ends here, and a copy would retain what it holds.
        swap(&line.rate, &state.rate)
        swap(&line.uses, &state.uses)
        if explain { line.explanation = FeeExplanation.line(line, trace: state.trace ?? [], naming: naming) }
    }

    /// A line priced by `LinearPrice`'s arithmetic: its billed quantity × `price` ÷ `per`, then
    /// `rounding`, the exact operations of its blocks (`PerUnitBlock`, then `RoundBlock`).
    static func priceLinear(
        _ line: inout PricedLine, price: Exact, unitPrice: Money?, per: Int64, rounding: MoneyRounding?, fee: FeeDefinition,
        naming: ItemNaming
    ) throws(RequestError) {
        let amounts: (amount: Exact, beforeRounding: Exact?)
        do { amounts = try LinearPrice.amounts(line.billed ?? .zero, price: price, per: per, rounding: rounding) } catch {
            throw locate(error, fee: fee, item: line.firstItem, naming: naming)
        }
        line.unrounded = amounts.amount
        line.beforeRounding = amounts.beforeRounding
        do { line.amount = try amounts.amount.money() } catch {
            throw RequestError(error, at: naming.overflow(line.firstItem))
        }
        line.unitPrice = unitPrice
        line.per = per
    }

    /// A line's summed quantity less `less` (if the rule has it), and then rounded to whole
    /// increments: what is billed. Sum first, then round.
    @inlinable static func billedQuantity(
        _ rule: QuantityRule, _ sum: Exact
    ) throws(ArithmeticOverflow) -> (lessened: Exact?, increments: Int64?, billed: Exact) {
        var billed = sum
        var lessened: Exact?
        var increments: Int64?
        if let less = rule.less {
            billed = try billed.adding(Exact(numerator: -Int128(less), denominator: 1))
            lessened = billed
        }
        if let increment = rule.increment, let mode = rule.rounding {
            let count = try divide(billed.numerator, by: try Exact.multiply(billed.denominator, Int128(increment)), rounding: mode)
            increments = count
            billed = Exact(numerator: Int128(count) * Int128(increment), denominator: 1)
        }
        return (lessened, increments, billed)
    }

    /// Runs a fee's price pipeline on a line's billed quantity and inputs.
    /// Inlinable into the forms (another layer): a linear price, the common case, is one
    /// multiplication and needs no call. (A line of `price` priced per unit without explanation
    /// never comes here: `priceLine` prices it; its shortcuts serve `priceAlone`'s cells.)
    @inlinable static func runPipeline(
        _ fee: FeeDefinition, version: TariffVersion, feeYear: Int, inputs: LineInputs, billed: Exact?,
        access: IndexAccess, explain: Bool, steps: LineSteps? = nil
    ) throws(BlockFailure) -> PriceState {
        if !explain, let linear = fee.linear { return try linear.state(billed ?? .zero) }
        // With steps to record for a line's text, an indexed price per unit runs its blocks.
        if !explain, steps == nil, let indexed = fee.indexedLinear, let rate = indexed.rate(of: fee, year: feeYear, access: access) {
            return try indexed.state(billed ?? .zero, rate: rate)
        }
        // A percentage records its steps for a line's text: only without them is it one multiplication.
        if !explain, steps == nil, let percent = fee.percentOf {
            let input = percent.input
            return try percent.state((input == fee.quantity?.inputIndex ? billed : nil) ?? inputs[input].number ?? .zero)
        }
        return try runBlocks(fee, version: version, feeYear: feeYear, inputs: inputs, billed: billed, access: access, explain: explain, steps: steps)
    }

    /// The blocks of a fee's pipeline, one after the other.
    @usableFromInline static func runBlocks(
        _ fee: FeeDefinition, version: TariffVersion, feeYear: Int, inputs: LineInputs, billed: Exact?,
        access: IndexAccess, explain: Bool, steps: LineSteps?
    ) throws(BlockFailure) -> PriceState {
        let pricing = PricingLine(
            fee: fee, version: version, feeYear: feeYear, inputs: inputs, quantity: billed, access: access, steps: steps)
        var state = PriceState(explain: explain)
        try BlockRegistry.run(fee.price, &state, pricing)
        return state
    }

    /// A pipeline's failure as the request error of the line's (first) item.
    @usableFromInline static func locate(_ error: BlockFailure, fee: FeeDefinition, item: Int, naming: ItemNaming) -> RequestError {
        switch error {
        case .input(let input, let message):
            return RequestError(.invalidRequest, message, at: naming.input(item, fee.inputs[input].name))
        case .notOffered(let message, let input?):
            return RequestError(.notOffered, message, at: naming.input(item, fee.inputs[input].name))
        case .notOffered(let message, nil):
            return RequestError(.notOffered, message, at: naming.inputs.map { naming.item(item).appending($0) } ?? naming.item(item))
        case .amount(var failure):
            failure.path = naming.item(item).appending("date")
            return failure
        case .request(var failure):
            failure.path = naming.overflow(item)
            return failure
        }
    }

    /// One cap line per cap and calendar month whose capped lines sum to more than the cap. A
    /// month is capped as a whole even when a new version begins in it: the lines of every
    /// version count, and the cap of the latest version among them applies.
    /// Returns the cap lines and the index values every cap was computed from, applied or not:
    /// a month under its cap was still priced by comparing it with the cap.
    static func applyCaps(
        _ lines: [PricedLine], access: IndexAccess, explain: Bool,
        naming: ItemNaming
    ) throws(RequestError) -> (lines: [CapLine], uses: [IndexUse]) {
        guard lines.contains(where: { !$0.version.rules.fees.caps.isEmpty }) else { return ([], []) }
        var groups: [(key: String, month: Int, lines: [Int])] = []
        for index in lines.indices {
            switch lines[index].scope {
            case .item, .day, .month: break
            case .year, .request: continue
            }
            let month = lines[index].periodDate.year * 100 + lines[index].periodDate.month
            let key = lines[index].fee.key
            // Read in place: a reference to each cap rule taken would cost more than the
            // comparisons.
            let caps = lines[index].version.rules.fees.caps
            for cap in caps.indices
            where caps[cap].fees.contains(key) || lines[index].otherFees.contains(where: { caps[cap].fees.contains($0.key) }) {
                if let group = groups.firstIndex(where: { $0.key == caps[cap].key && $0.month == month }) {
                    groups[group].lines.append(index)
                } else {
                    groups.append((caps[cap].key, month, [index]))
                }
            }
        }
        var capLines: [CapLine] = []
        var uses: [IndexUse] = []
        for group in groups {
            let first = group.lines[0]
            var version = lines[first].version
            for index in group.lines where (version.validFrom, version.decided) < (lines[index].version.validFrom, lines[index].version.decided) {
                version = lines[index].version
            }
            guard let cap = version.rules.fees.caps.first(where: { $0.key == group.key }) else { continue }
            let year = group.month / 100
            let limit: AmountValue
            do { limit = try cap.amount.evaluate(version: version, year: year, access: access, explain: explain) } catch {
                var located = error
                located.path = naming.item(lines[first].firstItem).appending("date")
                throw located
            }
            uses += limit.uses
            do throws(ArithmeticOverflow) {
                var charged = Money.zero
                for index in group.lines { charged = try charged.adding(lines[index].amount) }
                let limitMoney = try limit.value.money()
                guard limitMoney < charged else { continue }
                let amount = try limitMoney.adding(try charged.negated())
                // Made in place, as a priced line is: a copy retains each of its parts.
                capLines.append(
                    CapLine(
                        cap: cap, version: version, month: String(lines[first].periodDate.description.prefix(7)),
                        limit: limitMoney, charged: charged, amount: amount, uses: limit.uses, lines: group.lines))
                if explain {
                    capLines[capLines.count - 1].explanation = FeeExplanation.cap(capLines[capLines.count - 1], derivation: limit.derivation)
                }
            } catch {
                throw RequestError(error, at: naming.overflow(lines[first].firstItem))
            }
        }
        return (capLines, uses)
    }

    /// The versions and index values behind a result. A result of one version whose index
    /// values are those of one of its fee years (or none) takes the digest derived at load.
    /// `single`: the one version of every line, if they have one.
    static func provenance(
        _ single: TariffVersion?, _ versions: [TariffVersion], _ lines: [PricedLine], _ capUses: [IndexUse],
        digests: RateCache?
    ) -> RuleDigest {
        var uses = capUses
        for index in lines.indices { collect(lines[index].uses, into: &uses) }
        if let single { return provenance(single, uses: uses, digests: digests) }
        return provenance(versions, uses: uses, digests: digests)
    }

    /// Adds a line's index values to those of a result. Usually every line used the same
    /// cached values, or none: then they are taken as they are, without collecting them.
    @inlinable package static func collect(_ lineUses: [IndexUse], into uses: inout [IndexUse]) {
        guard !lineUses.isEmpty && lineUses != uses else { return }
        if uses.isEmpty { uses = lineUses } else { uses += lineUses }
    }

    /// The provenance of one version: its digest derived at load when the index values are
    /// those of one of its fee years, without building a list of versions for the lookup.
    package static func provenance(_ version: TariffVersion, uses collected: [IndexUse], digests: RateCache?) -> RuleDigest {
        if let digests, RuleDigest.isCanonical(collected), let known = digests.digest(version, uses: collected) {
            return known
        }
        return provenance([version], uses: collected, digests: digests)
    }

    /// The provenance of `versions` and the index values `uses` collected from their lines.
    package static func provenance(_ versions: [TariffVersion], uses collected: [IndexUse], digests: RateCache?) -> RuleDigest {
        var uses = collected
        if !RuleDigest.isCanonical(uses) { uses = RuleDigest.canonical(uses) }
        if versions.count == 1, let digests, let known = digests.digest(versions[0], uses: uses) {
            return known
        }
        return RuleDigest(versions: versions, uses: uses)
    }

    /// What most requests never reach — errors, explanations, lines of several fees, VAT — kept
    /// out of line, so that the common path of `price` stays a short stretch of code (it runs
    /// for every request, and the processor's instruction cache holds little more than it).
    package enum Cold {
        @inline(never)
        package static func noVersion(_ tariff: Tariff, _ date: CivilDate, _ asOf: CivilDate?, item: Int, naming: ItemNaming) -> RequestError {
            RequestError(.noTariffInForce, naming.noVersion(tariff, date, asOf), at: naming.item(item).appending("date"))
        }

        /// The versions of `lines` in the order of their first lines.
        @inline(never)
        static func versions(of lines: [PricedLine]) -> [TariffVersion] {
            var versions: [TariffVersion] = []
            for index in lines.indices where !versions.contains(where: { $0 === lines[index].version }) {
                versions.append(lines[index].version)
            }
            return versions
        }

        @inline(never)
        package static func unknownFee(
            _ key: String, _ tariff: Tariff, _ version: TariffVersion, _ rules: FeeRules, item: Int, naming: ItemNaming
        ) -> RequestError {
            let known = rules.fees.map(\.key).joined(separator: ", ")
            return RequestError(
                naming.unknownFee,
                "\(tariff.id) (version \(version.name)) has no \(naming.noun) \"\(key)\"; expected one of: \(known)",
                at: naming.item(item).appending(naming.fee))
        }

        @inline(never)
        package static func noAdjustments(_ tariff: Tariff) -> RequestError {
            RequestError(
                .invalidRequest, "\(tariff.id) has no provision for reductions or waivers", at: JSONPath([.key("adjustment")]))
        }

        /// Records an item's date, fee and quantity on its line, for the explanation.
        @inline(never)
        static func noteItem(_ line: inout PricedLine, date: CivilDate, fee: FeeDefinition, quantity: Exact?) {
            line.noted.append(NotedItem(date: date, fee: fee.key, quantity: quantity))
        }

        /// A fee of the line's group, if the line does not have it yet; the first in the file's order leads.
        @inline(never)
        static func addFee(_ fee: FeeDefinition, to line: inout PricedLine) {
            guard line.fee !== fee && !line.otherFees.contains(where: { $0 === fee }) else { return }
            var fees = line.fees
            fees.append(fee)
            fees.sort { $0.position < $1.position }
            line.fee = fees[0]
            line.quantityInput = fees[0].quantity?.inputIndex
            line.otherFees = Array(fees.dropFirst())
        }

    }
}
