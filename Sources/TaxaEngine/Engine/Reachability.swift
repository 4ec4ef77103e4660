import TaxaBase

/// The values an input (or a line's billed quantity) can take, as far as the fee's declaration
/// tells: a step and bounds. `taxa check` uses it to refuse a band, a tier or a table row that
/// no request can ever reach — a typo in a top, or a band above the input's `max` — which
/// would otherwise sit in the file looking as if it priced something.
package struct ValueDomain: Sendable {
    /// Values are in units of 10⁻⁴ (band tops have at most 4 decimals).
    static let scale = 4
    /// Every value is a multiple of this.
    var step: Int128
    /// Inclusive bounds; nil: unbounded on that side.
    var lower: Int128?
    var upper: Int128?
    /// What the values are, for messages ("an integer from 0 to 100").
    var text: String

    /// The values of `input` as an item gives them.
    static func input(_ input: FeeInput) -> ValueDomain? {
        switch input.kind {
        case .integer(let range):
            let one = powerOfTen(scale)
            return ValueDomain(
                step: one, lower: Int128(range.lowerBound) * one, upper: Int128(range.upperBound) * one,
                text: "\(input.name) (an integer from \(range.lowerBound) to \(range.upperBound))")
        case .decimal(let decimals, let min, let max):
            guard let low = units(min), let high = units(max) else { return nil }
            return ValueDomain(
                step: powerOfTen(scale - decimals), lower: low, upper: high,
                text: "\(input.name) (a number with at most \(decimals) decimals from \(min) to \(max))")
        case .choice:
            return nil
        }
    }

    /// The billed quantity of a line of `fee`: the summed quantity less `less`, in whole
    /// increments. Bounded above only when items are priced alone (a sum has no top).
    static func billed(_ fee: QuantityRule, _ input: FeeInput) -> ValueDomain? {
        guard var domain = ValueDomain.input(input) else { return nil }
        let one = powerOfTen(scale)
        let less = Int128(fee.less ?? 0) * one
        if fee.scope != .item {
            // A sum of items: at least one item's minimum when that is not negative.
            domain.upper = nil
            if let lower = domain.lower, lower < 0 { domain.lower = nil }
        }
        domain.lower = domain.lower.map { $0 - less }
        domain.upper = domain.upper.map { $0 - less }
        if let increment = fee.increment {
            let size = Int128(increment) * one
            domain.step = size
            // Rounded to whole increments: the bounds move out to the nearest multiples.
            domain.lower = domain.lower.map { floorDivide($0, size) * size }
            domain.upper = domain.upper.map { -floorDivide(-$0, size) * size }
        }
        var facts: [String] = []
        if let increment = fee.increment { facts.append("a multiple of \(increment) \(fee.unit)") }
        if let lower = domain.lower { facts.append("at least \(ValueDomain.text(lower))") }
        if let upper = domain.upper { facts.append("at most \(ValueDomain.text(upper))") }
        domain.text = "the billed quantity of \(fee.input)" + (facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))")
        return domain
    }

    /// Whether some value lies above `above` (nil: no lower limit) and at or below `upTo`
    /// (nil: no upper limit).
    func reaches(above: ScaledDecimal?, upTo: ScaledDecimal?) -> Bool {
        var candidates: [Int128] = []
        if let above, let a = Self.units(above) { candidates.append((Self.floorDivide(a, step) + 1) * step) }
        if let lower { candidates.append(-Self.floorDivide(-lower, step) * step) }
        guard let smallest = candidates.max() else { return true }  // unbounded below
        let tops = [upTo.flatMap(Self.units), upper].compactMap { $0 }
        guard let top = tops.min() else { return true }
        return smallest <= top
    }

    /// Why a band (above `above`, up to `upTo`) can never be reached, or nil when it can.
    func unreachable(above: ScaledDecimal?, upTo: ScaledDecimal?) -> String? {
        guard !reaches(above: above, upTo: upTo) else { return nil }
        let range =
            switch (above, upTo) {
            case (let a?, let b?): "above \(a) and up to \(b)"
            case (let a?, nil): "above \(a)"
            case (nil, let b?): "up to \(b)"
            case (nil, nil): "at all"
            }
        return "can never be reached: no value of \(text) lies \(range); correct its top or remove it"
    }

    static func units(_ value: ScaledDecimal) -> Int128? {
        guard value.scale <= scale else { return nil }
        return Int128(value.units) * powerOfTen(scale - value.scale)
    }

    static func text(_ units: Int128) -> String { decimalText(units, scale: scale).trimmingFractionZeros }

    static func floorDivide(_ a: Int128, _ b: Int128) -> Int128 {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r < 0 ? q - 1 : q
    }
}

extension String {
    /// "19.5000" → "19.5", "20.0000" → "20".
    var trimmingFractionZeros: String {
        guard contains(".") else { return self }
        var text = self
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
