import TaxaBase

/// One group of a per-capita tariff (an age group of barn- och elevpeng): the council's yearly
/// amount per child or pupil and the count the budget was built on.
@usableFromInline package struct CapitaGroup: Sendable, Equatable {
    /// The group's name exactly as the council prints it ("1-3 år", "Anp.sk 7-9"); requests use it.
    @usableFromInline package var key: String
    @usableFromInline package var yearlyAmount: Money
    @usableFromInline package var budgetedCount: Int64

    // Written out so that the settlement in TaxaForms, which compares a cell's group with each
    // encoded cell's, inlines it.
    @inlinable package static func == (a: CapitaGroup, b: CapitaGroup) -> Bool {
        a.key == b.key && a.yearlyAmount == b.yearlyAmount && a.budgetedCount == b.budgetedCount
    }
}

/// A group name's first 16 bytes, in two words, and its length: two names of at most 16 bytes
/// are the same bytes exactly when these are equal, with no call and no buffer; longer names
/// that agree here are compared in full. Group names are short ("1-3 år", "Anp. sk F-6").
@usableFromInline package struct NamePrefix: Sendable, Equatable {
    @inlinable package static var size: Int { 16 }
    @usableFromInline var low: UInt64 = 0
    @usableFromInline var high: UInt64 = 0
    @usableFromInline package private(set) var length: Int

    @inlinable package init(_ bytes: UnsafeBufferPointer<UInt8>) {
        length = bytes.count
        for index in 0..<min(bytes.count, 8) { low |= UInt64(bytes[index]) << (8 * index) }
        for index in min(bytes.count, 8)..<min(bytes.count, 16) { high |= UInt64(bytes[index]) << (8 * (index - 8)) }
    }

    @inlinable package static func == (a: NamePrefix, b: NamePrefix) -> Bool {
        a.low == b.low && a.high == b.high && a.length == b.length
    }

    /// Whether the prefix is the whole name.
    @inlinable package var isWhole: Bool { length <= NamePrefix.size }

    /// The name's bytes, for a name that is its prefix (`isWhole`).
    package var bytes: [UInt8] {
        (0..<min(length, NamePrefix.size)).map { UInt8(truncatingIfNeeded: ($0 < 8 ? low : high) >> (8 * ($0 % 8))) }
    }
}

/// The rules of a per-capita tariff version (the BEP kind): yearly amounts per group, settled
/// monthly as (actual − budgeted) × yearly amount ÷ 12 per group.
///
/// Immutable and shared by reference, like every kind's rules.
package final class PerCapitaRules: Sendable {
    /// The amounts are yearly and the settlement monthly, so each month settles one twelfth.
    @inlinable package static var monthsPerYear: Int64 { 12 }

    /// In the council's order, which is the order of every result.
    package let groups: [CapitaGroup]
    /// Applied to each cell, to each month's unrounded sum and to the period's unrounded sum.
    package let rounding: MoneyRounding
    /// The settlement rule in words, for explanations.
    package let text: String
    /// The same rules as fees of the engine: per group, (actual − budgeted) × yearly amount ÷ 12,
    /// rounded (see `PerCapitaRules+Fees.swift`).
    package let fees: FeeRules
    /// Each group's fixed parts of a result cell, encoded at load (`EncodedCell.swift`).
    package let encodedCells: [EncodedCell]
    /// The bytes the encoded cells' ranges point into.
    package let encodedBytes: [UInt8]
    /// Each group's fee as a count less the budgeted count at a linear price, in the groups'
    /// order (see `CellPrice`); nil if a fee is priced otherwise.
    package let cellPrices: [CellPrice]?
    /// The groups' names as bytes, and each name's prefix: a request's names are matched
    /// against these, not as strings.
    package let groupKeys: ByteKeys
    package let keyPrefixes: [NamePrefix]

    package init(groups: [CapitaGroup], rounding: MoneyRounding, text: String) {
        self.groups = groups
        self.rounding = rounding
        self.text = text
        fees = PerCapitaRules.compile(groups: groups, rounding: rounding, text: text)
        (encodedCells, encodedBytes) = EncodedCell.encoded(groups)
        cellPrices = CellPrice.compiled(fees)
        groupKeys = ByteKeys(groups.map(\.key))
        keyPrefixes = groups.map { Array($0.key.utf8).withUnsafeBufferPointer(NamePrefix.init) }
    }

    package func group(_ key: String) -> CapitaGroup? {
        groups.first { $0.key.sameBytes(key) } ?? groups.first { $0.key == key }
    }
}
