/// What a line's invoice text shows of its price pipeline, so that the text is arithmetic a
/// citizen can redo: the block that set the amount, then every later block that changed it,
/// each with the amount it left. "3 lägenheter à 1 133,00 kr = 3 399,00 kr, 30 % = 1 019,70
/// kr", not "3 lägenheter à 1 133,00 kr = 1 019,70 kr". A block that leaves the amount as it
/// was (a share of 1, a rounding of an amount already rounded, a floor or ceiling that does
/// not bind) changes nothing to redo and is left out. An amount whose decimals never end
/// (1 201 kr × 7/60) is not written out when a rounding follows it: "7 min à 1 201,00 kr per
/// 60 min, avrundat till hela öre, hälften uppåt = 140,12 kr".
///
/// Recorded by the blocks only for lines whose text is written (`PriceState.recordsSteps`).
/// Most lines are a fixed amount or a whole-öre price per unit and nothing else: their text is
/// made from the line's own fields, and only the others get a `LineSteps` record.
struct LineText: Sendable {
    /// How the amount was set, for a line without a record.
    enum Plain: UInt8, Sendable {
        case none, fixed, perUnit
    }

    var plain = Plain.none
    var record: LineSteps?

    /// The text of a line's price: its quantity and unit (when the fee has one), the start, the
    /// steps and, when the pipeline's amount is not whole öre, its rounding to `amount`.
    func append(
        quantity: (value: Exact, unit: String)?, unitPrice: Money?, per: Int64?, unrounded: Exact, amount: Money,
        to out: inout JSONWriter
    ) {
        if let record {
            LineSteps.append(
                start: record.start, startAmount: record.startAmount, steps: record.steps, quantity: quantity, unrounded: unrounded,
                amount: amount, to: &out)
            return
        }
        switch plain {
        case .none:
            SwedishNumber.append(amount, to: &out)
        case .fixed:
            LineSteps.append(start: .fixed, startAmount: unrounded, steps: [], quantity: quantity, unrounded: unrounded, amount: amount, to: &out)
        case .perUnit:
            LineSteps.append(
                start: .perUnit(price: Exact(unitPrice ?? .zero), per: per ?? 1), startAmount: unrounded, steps: [], quantity: quantity,
                unrounded: unrounded, amount: amount, to: &out)
        }
    }
}

/// The start of a line's text in full and the steps after it. Made and filled only by the
/// thread pricing the line, before the line is shared; read-only after.
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

    let start: Start
    /// The amount the starting block set.
    let startAmount: Exact
    var steps: [Step] = []

    init(start: Start, startAmount: Exact) {
        self.start = start
        self.startAmount = startAmount
    }

    /// The text of a line's price: its quantity and unit (when the fee has one), the start, the
    /// steps and, when the pipeline's amount is not whole öre, its rounding to `amount`.
    static func append(
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

extension PriceState {
    /// Records the block that set the amount (dropping the steps of any amount set before it).
    mutating func startedFixed() {
        guard recordsSteps else { return }
        text = LineText(plain: .fixed)
    }

    /// Records a price per unit; one that is not whole öre needs the record to show it.
    mutating func startedPerUnit(price: Exact, per: Int64) {
        guard recordsSteps else { return }
        text = LineText(plain: .perUnit)
        if !price.isWholeOre { text.record = LineSteps(start: .perUnit(price: price, per: per), startAmount: current) }
    }

    /// Records a percentage, and the input's value when it was taken at most the base.
    mutating func started(percent: ScaledDecimal, base: Exact, limitedFrom: Exact?) {
        guard recordsSteps else { return }
        let record = LineSteps(start: .percent(percent: percent, base: base), startAmount: current)
        if let limitedFrom { record.steps.append(.limitedFrom(limitedFrom)) }
        text = LineText(plain: .none, record: record)
    }

    /// Records a block that changed the amount from `before`.
    mutating func stepped(_ step: LineSteps.Step, before: Exact) {
        guard recordsSteps else { return }
        if text.record == nil {
            // The start so far needed no record: `before` is the amount it set.
            let start: LineSteps.Start =
                text.plain == .perUnit ? .perUnit(price: Exact(unitPrice ?? .zero), per: per ?? 1) : .fixed
            text.record = LineSteps(start: start, startAmount: before)
        }
        text.record!.steps.append(step)
    }
}
