/// One priced line of an invoice.
public struct FeeLine: Sendable, Equatable {
    public var kind: ChargeKind
    public var version: TariffVersion?
    public var feeYear: Int?
    public var activities: [String]
    public var paragraphs: [String]
    public var minutes: Int64
    public var billedMinutes: Int64?
    public var rate: RateDerivation?
    public var amount: Money
    /// The increment billed (15 minutes for LÅFF), for the text; 0 for free lines.
    public var incrementMinutes: Int64 = 0
    /// The activity's name, for free lines' text.
    public var name: String? = nil
    /// The derivation in Swedish, present when the request asked for `explain`.
    public var explanation: [String]? = nil

    /// The Swedish invoice text (see `InvoiceText`).
    public var text: String { InvoiceText.string(self) }
}

/// A reduction or waiver as applied to a subtotal.
public struct AppliedAdjustment: Sendable, Equatable {
    public var request: RequestedAdjustment
    public var paragraph: String
    public var amount: Money
    /// The subtotal it applies to and the paragraph's text, for the Swedish derivation.
    public var subtotal: Money = .zero
    public var text: String = ""
}

/// A priced hourly request: lines, subtotal, the adjustment if any, and the total.
public struct Invoice: Sendable, Equatable {
    public var lines: [FeeLine]
    public var subtotal: Money
    public var adjustment: AppliedAdjustment?
    public var total: Money
    /// The tariff versions and index values that produced it (provenance).
    public var provenance: RuleDigest
}
