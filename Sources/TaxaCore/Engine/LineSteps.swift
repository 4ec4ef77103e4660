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
/// constant price per unit: that one (`LinearPrice`) needs a record only when its rounding
/// changed the amount. Filled by the thread pricing the line, before the line is shared;
/// read-only after.
final class LineSteps: @unchecked Sendable {
    /// The block that set the amount the steps start from.
    enum Start: Sendable {
        /// The amount as it is: "1 133,00 kr".
        case fixed
        /// The billed quantity × `price` ÷ `per`: "3 lägenheter à 1 133,00 kr = 3 399,00 kr".
        case perUnit(price: Exact, per: Int64)
        /// `percent` of `base` (in öre); when the input's value was taken at most `base`, the
        /// first step is `.limitedFrom` with that value.
        case percent(percent: ScaledDecimal, base: Exact)
    }

    /// A later block that changed the amount, with the amount it left.
    enum Step: Sendable {
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
    }

    // Mutated only by the one thread pricing the line, never while being read: no dynamic
    // exclusivity checks (they cost more than recording a step).
    @exclusivity(unchecked) private(set) var start: Start?
    /// The amount the starting block set.
    @exclusivity(unchecked) private(set) var startAmount = Exact.zero
    @exclusivity(unchecked) var steps: [Step] = []

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
                start: start, startAmount: steps.startAmount, steps: steps.steps, quantity: quantity, unrounded: unrounded, amount: amount,
                to: &out)
        } else if steps == nil, let unitPrice {
            append(
                start: .perUnit(price: Exact(unitPrice), per: per ?? 1), startAmount: unrounded, steps: [], quantity: quantity,
                unrounded: unrounded, amount: amount, to: &out)
        } else {
            SwedishNumber.append(amount, to: &out)
        }
    }

    private static func append(
        start: Start, startAmount: Exact, steps: [Step], quantity: (value: Exact, unit: String)?, unrounded: Exact, amount: Money,
        to out: inout JSONWriter
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
            }
        }
        if roundsLast {
            out.appendText(", avrundat till hela öre, hälften uppåt = ")
            SwedishNumber.append(amount, to: &out)
        }
    }

    private static func appendQuantity(_ quantity: (value: Exact, unit: String), to out: inout JSONWriter) {
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
