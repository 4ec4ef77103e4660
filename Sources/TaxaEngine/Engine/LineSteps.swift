import TaxaBase

/// What a line's invoice text shows of its price pipeline, so that the text is arithmetic a
/// citizen can redo: the block that set the amount, then every later block that changed it,
/// each with the amount it left. "3 lägenheter à 1 133,00 kr = 3 399,00 kr, 30 % = 1 019,70
/// kr", not "3 lägenheter à 1 133,00 kr = 1 019,70 kr". A block that leaves the amount as it
/// was (a share of 1, a rounding of an amount already rounded, a floor or ceiling that does
/// not bind) changes nothing to redo and is left out. An amount whose decimals never end
/// (1 201 kr × 7/60) is not written out when a rounding follows it: "7 min à 1 201,00 kr per
/// 60 min, avrundat till hela öre, hälften uppåt = 140,12 kr".
///
/// The blocks record into it through `PricingLine.steps`, made only for the lines of a result
/// (not for the cells of forms with texts of their own), and only where the pipeline is not a
/// price per unit priced without them: a constant one (`LinearPrice`) needs a record only when
/// its rounding changed the amount, an indexed one without a rounding (`IndexedLinearPrice`)
/// makes the record its blocks would. Filled by the thread pricing the line, before the line is
/// shared; read-only after.
@usableFromInline package final class LineSteps: @unchecked Sendable {
    /// The block that set the amount the steps start from.
    enum Start: Sendable {
        /// The amount as it is: "1 133,00 kr".
        case fixed
        /// The billed quantity × `price` ÷ `per`: "3 lägenheter à 1 133,00 kr = 3 399,00 kr".
        case perUnit(price: Exact, per: Int64)
        /// `percent` of `base` (in öre); when the input's value was taken at most `base`, the
        /// first step is `.limitedFrom` with that value.
        case percent(percent: ScaledDecimal, base: Exact)
        /// Tiers of the billed quantity, each tier's part that is not zero (`tierParts`): "25
        /// sidor = 70,00 kr + (5 sidor à 2,00 kr) = 80,00 kr", "21 m³ = (21 m³ à 3,00 kr) +
        /// 20,00 kr = 83,00 kr". (The parts are kept beside the start, so that a start stays a
        /// plain value.)
        case tiers
    }

    /// One tier's part of a tiers amount: its units at its unit price, or its flat amount.
    enum TierPart: Sendable {
        case units(Exact, price: Exact, per: Int64)
        case flat(Exact)
    }

    /// A later block that changed the amount, with the amount it left.
    package enum Step: Sendable {
        /// A percentage's input, taken at most the base: "(underlaget 60 000,00 kr räknas som högst 47 490,00 kr)".
        case limitedFrom(Exact)
        /// The amount × the factor: ", 30 % = 1 019,70 kr".
        case share(ScaledDecimal, result: Exact)
        /// Raised to a floor: ", lägst 3 500,00 kr".
        case floor(Exact)
        /// Lowered to a ceiling: ", högst 1 000,00 kr".
        case ceiling(Exact)
        /// Rounded: ", avrundat till hela kronor, hälften uppåt = 1 425,00 kr".
        case round(MoneyRounding, result: Exact)
        /// An amount added: ", + 40,00 kr (kungörelse) = 390,00 kr" (the amount added is the
        /// result less the amount before it).
        case add(result: Exact, label: StepLabel?)
        /// Multiplied by a factor: ", × 52 = 1 040,00 kr", ", × 3,2 (OF) = 183,36 kr" (the
        /// factor is the result over the amount before it, which is not zero: a step that
        /// changes nothing is not recorded).
        case multiply(result: Exact, label: StepLabel?)
    }

    /// A block's own words for its step ("kungörelse", "OF"), held by the block. A step refers
    /// to them without counting references, so that a step stays a plain value copied as bytes:
    /// the block lives as long as the line's fee, which the line holds.
    package struct StepLabel: @unchecked Sendable {
        unowned(unsafe) let words: Words

        final class Words: Sendable {
            let text: String
            init(_ text: String) { self.text = text }
        }
    }

    // Mutated only by the one thread pricing the line, never while being read: no dynamic
    // exclusivity checks (they cost more than recording a step).
    @exclusivity(unchecked) private(set) var start: Start?
    /// The amount the starting block set.
    @exclusivity(unchecked) private(set) var startAmount = Exact.zero
    @exclusivity(unchecked) var steps: [Step] = []
    /// The parts of a `tiers` start.
    @exclusivity(unchecked) private(set) var tierParts: [TierPart] = []

    init() {}

    init(start: Start, amount: Exact) {
        self.start = start
        startAmount = amount
    }

    /// Records the block that set the amount, dropping what was recorded of an amount before it.
    func started(_ start: Start, amount: Exact) {
        self.start = start
        startAmount = amount
        if !steps.isEmpty { steps = [] }
    }

    /// Records tiers and their parts that are not zero.
    func started(tiers parts: [TierPart], amount: Exact) {
        started(.tiers, amount: amount)
        tierParts = parts
    }

    /// Records a percentage, and the input's value when it was taken at most the base.
    func started(percent: ScaledDecimal, base: Exact, limitedFrom: Exact?, amount: Exact) {
        started(.percent(percent: percent, base: base), amount: amount)
        if let limitedFrom { steps.append(.limitedFrom(limitedFrom)) }
    }

    /// The text of a line's price: its quantity and unit (when the fee has one), the start, the
    /// steps and, when the pipeline's amount is not whole öre, its rounding to `amount`. Without
    /// a record (`steps` nil) the line is a constant price per unit, `unitPrice` per `per`.
    static func append(
        _ steps: LineSteps?, quantity: (value: Exact, unit: String)?, unitPrice: Money?, per: Int64?, unrounded: Exact,
        amount: Money, to out: inout JSONWriter
    ) {
        if let steps, let start = steps.start {
            append(
                start: start, startAmount: steps.startAmount, steps: steps.steps, record: steps, quantity: quantity,
                unrounded: unrounded, amount: amount, to: &out)
        } else if steps == nil, let unitPrice {
            append(
                start: .perUnit(price: Exact(unitPrice), per: per ?? 1), startAmount: unrounded, steps: [], record: nil, quantity: quantity,
                unrounded: unrounded, amount: amount, to: &out)
        } else {
            SwedishNumber.append(amount, to: &out)
        }
    }

    private static func append(
        start: Start, startAmount: Exact, steps: [Step], record: LineSteps?, quantity: (value: Exact, unit: String)?,
        unrounded: Exact, amount: Money, to out: inout JSONWriter
    ) {
        let roundsLast = !unrounded.isWholeOre
        /// " = value", unless a rounding follows a value whose decimals never end.
        func result(_ value: Exact, next: Int) {
            let rounding: Bool
            if next < steps.count, case .round = steps[next] { rounding = true } else { rounding = next == steps.count && roundsLast }
            if rounding && SwedishNumber.decimal(value) == nil { return }
            out.appendText(" = ")
            SwedishNumber.appendKronor(value, to: &out)
        }
        switch start {
        case .fixed:
            if let quantity { Self.appendQuantity(quantity, to: &out); out.appendText(" = ") }
            SwedishNumber.appendKronor(startAmount, to: &out)  // an amount as the tariff states it
        case .perUnit(let price, let per):
            let quantity = quantity ?? (.zero, "")
            Self.appendQuantity(quantity, to: &out)
            out.appendText(" à ")
            SwedishNumber.appendKronor(price, to: &out)
            if per != 1 {
                out.appendText(" per ")
                SwedishNumber.append(Int128(per), scale: 0, to: &out)
                out.appendByte(UInt8(ascii: " "))
                out.appendText(quantity.unit)
            }
            result(startAmount, next: 0)
        case .percent(let percent, let base):
            SwedishNumber.append(Int128(percent.units), scale: percent.scale, to: &out)
            out.appendText(" % av ")
            SwedishNumber.appendKronor(base, to: &out)
            if let first = steps.first, case .limitedFrom(let limitedFrom) = first {
                out.appendText(" (underlaget ")
                SwedishNumber.appendKronor(limitedFrom, to: &out)
                out.appendText(" räknas som högst ")
                SwedishNumber.appendKronor(base, to: &out)
                out.appendByte(UInt8(ascii: ")"))
            }
            let limited = steps.first.map { if case .limitedFrom = $0 { true } else { false } } ?? false
            result(startAmount, next: limited ? 1 : 0)
        case .tiers:
            // The parts are read from the record here only: passed to every line's text, they
            // would be retained and released for each.
            if Self.appendTiers(record?.tierParts ?? [], value: quantity?.value ?? .zero, unit: quantity?.unit ?? "", amount: startAmount, to: &out) {
                result(startAmount, next: 0)
            }
        }
        for (position, step) in steps.enumerated() {
            if case .limitedFrom = step { continue }
            out.appendText(", ")
            switch step {
            case .limitedFrom: break
            case .share(let factor, let value):
                let percent = Self.percent(factor)
                SwedishNumber.append(percent.units, scale: percent.scale, to: &out)
                out.appendText(" %")
                result(value, next: position + 1)
            case .floor(let bound):
                out.appendText("lägst ")
                SwedishNumber.appendKronor(bound, to: &out)
            case .ceiling(let bound):
                out.appendText("högst ")
                SwedishNumber.appendKronor(bound, to: &out)
            case .round(let rounding, let result):
                SwedishText.appendRounding(rounding, to: &out)
                out.appendText(" = ")
                SwedishNumber.appendKronor(result, to: &out)
            case .add(let value, let label):
                let before = Self.amount(before: position, steps, start: startAmount)
                out.appendText("+ ")
                SwedishNumber.appendKronor((try? value.adding(before.negatedValue)) ?? .zero, to: &out)
                Self.appendLabel(label, to: &out)
                result(value, next: position + 1)
            case .multiply(let value, let label):
                let before = Self.amount(before: position, steps, start: startAmount)
                out.appendText("× ")
                SwedishNumber.appendNumber(value.dividedBy(before), to: &out)
                Self.appendLabel(label, to: &out)
                result(value, next: position + 1)
            }
        }
        if roundsLast {
            out.appendText(", avrundat till hela öre, hälften uppåt = ")
            SwedishNumber.append(amount, to: &out)
        }
    }

    /// The amount before step `position`: an added amount and a factor are recovered from it.
    private static func amount(before position: Int, _ steps: [Step], start: Exact) -> Exact {
        for step in steps[..<position].reversed() {
            if let amount = step.amount { return amount }
        }
        return start
    }

    private static func appendLabel(_ label: StepLabel?, to out: inout JSONWriter) {
        guard let label else { return }
        out.appendText(" (")
        out.appendText(label.words.text)
        out.appendByte(UInt8(ascii: ")"))
    }

    static func appendQuantity(_ quantity: (value: Exact, unit: String), to out: inout JSONWriter) {
        SwedishNumber.appendNumber(quantity.value, to: &out)
        out.appendByte(UInt8(ascii: " "))
        out.appendText(quantity.unit)
    }

    /// A factor as a percentage: 0.30 → 30, 1 → 100, 0.5392 → 53.92.
    static func percent(_ factor: ScaledDecimal) -> (units: Int128, scale: Int) {
        factor.scale >= 2
            ? (Int128(factor.units), factor.scale - 2)
            : (Int128(factor.units) * powerOfTen(2 - factor.scale), 0)
    }
}
extension LineSteps {
    /// "25 sidor = 70,00 kr + (5 sidor à 2,00 kr)": the billed quantity, then each tier's part
    /// that is not zero, units at a price in brackets; "21 m³ à 3,00 kr" when the one part
    /// prices the whole quantity (volume tiers without a flat amount); "19 sidor = 0,00 kr"
    /// without a part. Returns whether the sum (`amount`) is still to be written.
    @inline(never)
    static func appendTiers(_ parts: [TierPart], value: Exact, unit: String, amount: Exact, to out: inout JSONWriter) -> Bool {
        var alone = false
        if parts.count == 1, case .units(let units, _, _) = parts[0], units == value { alone = true }
        if !alone {
            appendQuantity((value, unit), to: &out)
            out.appendText(" = ")
        }
        for (index, part) in parts.enumerated() {
            if index > 0 { out.appendText(" + ") }
            switch part {
            case .units(let units, let price, let per):
                if !alone { out.appendByte(UInt8(ascii: "(")) }
                appendQuantity((units, unit), to: &out)
                out.appendText(" à ")
                SwedishNumber.appendKronor(price, to: &out)
                if per != 1 {
                    out.appendText(" per ")
                    SwedishNumber.append(Int128(per), scale: 0, to: &out)
                    out.appendByte(UInt8(ascii: " "))
                    out.appendText(unit)
                }
                if !alone { out.appendByte(UInt8(ascii: ")")) }
            case .flat(let flat):
                SwedishNumber.appendKronor(flat, to: &out)
            }
        }
        if parts.isEmpty { SwedishNumber.appendKronor(amount, to: &out) }
        // One flat amount is the amount itself; anything else is summed.
        if parts.count == 1, case .flat = parts[0] { return false }
        return !parts.isEmpty
    }
}

extension LineSteps.Step {
    /// The amount the step left (nil: a note that changes no amount).
    var amount: Exact? {
        switch self {
        case .share(_, let result), .round(_, let result), .add(let result, _), .multiply(let result, _): result
        case .floor(let bound), .ceiling(let bound): bound
        case .limitedFrom: nil
        }
    }
}

extension Exact {
    /// The same amount with the opposite sign (for a difference of amounts in a text).
    var negatedValue: Exact { Exact(numerator: -numerator, denominator: denominator) }

    /// This over `other` (not zero) as a plain number: a factor recovered from a product.
    func dividedBy(_ other: Exact) -> Exact {
        guard other.numerator != 0 else { return .zero }
        let sign: Int128 = other.numerator < 0 ? -1 : 1
        let (top, o1) = numerator.multipliedReportingOverflow(by: other.denominator * sign)
        let (bottom, o2) = denominator.multipliedReportingOverflow(by: other.numerator * sign)
        guard !o1, !o2 else { return .zero }
        return Exact(numerator: top, denominator: bottom)
    }
}
