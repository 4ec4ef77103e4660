/// An amount of Swedish money in öre (1/100 kr). Every operation is overflow-checked: an
/// amount that cannot be represented is an error, never a trap and never a wrapped number.
@usableFromInline package struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    @usableFromInline package let ore: Int64

    @inlinable package init(ore: Int64) { self.ore = ore }

    package static let zero = Money(ore: 0)

    @inlinable package static func < (a: Money, b: Money) -> Bool { a.ore < b.ore }

    @inlinable package func adding(_ other: Money) throws(ArithmeticOverflow) -> Money {
        let (sum, overflow) = ore.addingReportingOverflow(other.ore)
        if overflow { throw ArithmeticOverflow(operation: "\(self) + \(other)") }
        return Money(ore: sum)
    }

    @inlinable package func negated() throws(ArithmeticOverflow) -> Money {
        if ore == .min { throw ArithmeticOverflow(operation: "-(\(self))") }
        return Money(ore: ore == 0 ? 0 : -ore)
    }

    /// The contract's form: a `.`, exactly two decimals, a leading `-` when negative.
    @inlinable package var description: String {
        let magnitude = ore.magnitude
        let kronor = magnitude / 100
        let cents = magnitude % 100
        return (ore < 0 ? "-" : "") + String(kronor) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// The Swedish form for invoice texts: "1 501,25 kr" (space as thousands separator).
    @inlinable package var swedish: String {
        SwedishNumber.money(self)
    }

    /// Parses a money string such as "1201.00" or "1201" (at most two decimals, no sign).
    @inlinable package static func parse(_ text: String) -> Money? {
        guard let value = ScaledDecimal.parse(text, maxScale: 2, allowNegative: true) else { return nil }
        guard let ore = value.rescaled(to: 2) else { return nil }
        return Money(ore: ore)
    }
}

/// An amount that does not fit in 64-bit öre, or an intermediate product that does not fit
/// in 128 bits: reported to the caller as an error with the operation that overflowed.
@usableFromInline package struct ArithmeticOverflow: Error, Sendable, Equatable {
    @usableFromInline package var operation: String

    @inlinable package init(operation: String) { self.operation = operation }
}

extension Money {
    /// Exact kronor without trailing zeros ("5824.69", "47180"), as unrounded values are shown.
    @inlinable package var kronorText: String { decimalText(Int128(ore), scale: 2) }
}
