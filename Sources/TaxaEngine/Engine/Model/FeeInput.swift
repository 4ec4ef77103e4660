import TaxaBase

/// One input a fee declares: what a request item may carry under `inputs`, checked at the edge.
package struct FeeInput: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// A JSON integer in the range.
        case integer(ClosedRange<Int64>)
        /// A decimal string with at most `scale` decimals, from `min` to `max` inclusive.
        case decimal(scale: Int, min: ScaledDecimal, max: ScaledDecimal)
        /// One of the listed strings.
        case choice([String])
    }

    package var name: String
    package var kind: Kind
    /// Used when the item leaves the input out; without one the input is required.
    package var defaultValue: InputValue?
    package var text: String?
}

extension ScaledDecimal {
    /// The same value with no trailing zeros after the point ("1.50" → 1.5, "-0" → 0): equal
    /// values are then equal inputs, on one line and in one lookup case.
    var normalized: ScaledDecimal {
        var units = self.units
        var scale = self.scale
        while scale > 0 && units % 10 == 0 { units /= 10; scale -= 1 }
        return ScaledDecimal(units: units, scale: scale)
    }
}

/// A validated input value of one item.
@usableFromInline package enum InputValue: Sendable, Hashable {
    case integer(Int64)
    case decimal(ScaledDecimal)
    case choice(String)

    /// The value as a plain number (nil for a choice), for quantities and percentages.
    @usableFromInline package var number: Exact? {
        switch self {
        case .integer(let value): Exact(numerator: Int128(value), denominator: 1)
        case .decimal(let value): Exact(numerator: Int128(value.units), denominator: powerOfTen(value.scale))
        case .choice: nil
        }
    }

    /// The value in Swedish texts: "1 000 000", "150,5", a choice's string.
    var swedish: String {
        switch self {
        case .integer(let value): SwedishText.integer(value)
        case .decimal(let value): SwedishText.decimal(value)
        case .choice(let value): value
        }
    }

    /// The value as a lookup key and in messages: an integer's digits, a decimal as written
    /// without trailing zeros, a choice's string.
    package var text: String {
        switch self {
        case .integer(let value): String(value)
        case .decimal(let value): value.description
        case .choice(let value): value
        }
    }
}
