import TaxaBase
import TaxaEngine

/// One priced line of an invoice.
package struct FeeLine: Sendable, Equatable {
    package var kind: ChargeKind
    package var version: TariffVersion?
    package var feeYear: Int?
    package var activities: [String]
    package var paragraphs: [String]
    package var minutes: Int64
    package var billedMinutes: Int64?
    package var rate: RateDerivation?
    package var amount: Money
    /// The increment billed (15 minutes for LÅFF), for the text; 0 for free lines.
    package var incrementMinutes: Int64 = 0
    /// The activity's name, for free lines' text.
    package var name: String? = nil
    /// The derivation in Swedish, present when the request asked for `explain`.
    package var explanation: [String]? = nil

    /// The Swedish invoice text (see `InvoiceText`).
    package var text: String { InvoiceText.string(self) }
}

/// A priced hourly request: lines, subtotal, the adjustment if any, and the total.
package struct Invoice: Sendable, Equatable {
    package var lines: [FeeLine]
    package var subtotal: Money
    package var adjustment: AppliedAdjustment?
    package var total: Money
    /// The tariff versions and index values that produced it (provenance).
    package var provenance: RuleDigest
}
