import TaxaBase

/// Which items are summed before a fee's quantity is rounded to whole increments.
package enum SummingScope: String, Sendable, CaseIterable {
    /// Each item alone.
    case item
    /// The same fee (or group) on the same date: "per påbörjad kvart och dag".
    case day
    /// The same calendar month (home-help minutes billed monthly).
    case month
    /// The same fee year, the calendar year: LÅFF's summed handling time, then rounded.
    case year
    /// The whole request.
    case request
}

/// The input of a fee that is a quantity (minutes, days, m³), and how it is summed and rounded
/// before it is priced.
///
/// Immutable and shared by reference, like its fee: every line reads it (which input is the
/// quantity, how it is rounded), and a copy of a struct would retain each of its strings.
@usableFromInline package final class QuantityRule: Sendable, Equatable {
    /// The input's name and its position among the fee's inputs.
    package let input: String
    @usableFromInline package let inputIndex: Int
    /// What it counts, for texts ("min", "dagar").
    package let unit: String
    /// Billed in whole increments of this size (15 for started quarter hours), rounded by `rounding`.
    @usableFromInline package let increment: Int64?
    @usableFromInline package let rounding: RoundingMode?
    /// Subtracted from the summed quantity before the increment rounding (a budgeted count).
    @usableFromInline package let less: Int64?
    package let scope: SummingScope
    /// Fees with the same group are summed together (nil: the fee alone).
    package let group: String?

    package init(
        input: String, inputIndex: Int, unit: String, increment: Int64?, rounding: RoundingMode?, less: Int64?,
        scope: SummingScope, group: String?
    ) {
        self.input = input
        self.inputIndex = inputIndex
        self.unit = unit
        self.increment = increment
        self.rounding = rounding
        self.less = less
        self.scope = scope
        self.group = group
    }

    @usableFromInline package static func == (a: QuantityRule, b: QuantityRule) -> Bool {
        a === b
            || (a.input == b.input && a.inputIndex == b.inputIndex && a.unit == b.unit && a.increment == b.increment
                && a.rounding == b.rounding && a.less == b.less && a.scope == b.scope && a.group == b.group)
    }
}
