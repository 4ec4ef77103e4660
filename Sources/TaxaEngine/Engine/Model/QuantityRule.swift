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
@usableFromInline package struct QuantityRule: Sendable, Equatable {
    /// The input's name and its position among the fee's inputs.
    package var input: String
    @usableFromInline package var inputIndex: Int
    /// What it counts, for texts ("min", "dagar").
    package var unit: String
    /// Billed in whole increments of this size (15 for started quarter hours), rounded by `rounding`.
    @usableFromInline package var increment: Int64?
    @usableFromInline package var rounding: RoundingMode?
    /// Subtracted from the summed quantity before the increment rounding (a budgeted count).
    @usableFromInline package var less: Int64?
    package var scope: SummingScope
    /// Fees with the same group are summed together (nil: the fee alone).
    package var group: String?
}
