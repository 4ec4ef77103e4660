/// One priced line: the items of one fee (or group) summed under one version and period.
public struct PricedLine: Sendable {
    /// The first of the fees that contributed (in the file's order), and the others of a group.
    public var fee: FeeDefinition
    var otherFees: [FeeDefinition] = []
    public var version: TariffVersion
    public var feeYear: Int
    public var scope: SummingScope
    /// The first item's date, which names the period summed over.
    var periodDate: CivilDate
    /// Where the line's fee (or group) stands in its version: orders the lines of a result.
    var linePosition: Int
    /// Orders lines of one fee and version: by period, items priced alone by their position.
    var periodOrder: Int
    /// The request's first item on this line, by index, and the others summed with it.
    public var firstItem: Int
    var otherItems: [Int] = []
    /// Each item's date, fee and quantity, kept only for explanations.
    var itemDates: [CivilDate] = []
    var itemFees: [String] = []
    var itemQuantities: [Exact] = []
    /// The inputs of the line's first item (the same on every item of a summed line but for
    /// the quantity).
    public var inputs: [InputValue]
    /// The summed quantity, what is billed after `less` and increments, and the increments.
    public var quantity: Exact?
    public var billed: Exact?
    /// The summed quantity less `less`, before increments (for explanations).
    var lessened: Exact? = nil
    public var increments: Int64?
    /// The unit price of a `per_unit` block, per `per` units, and its derivation when indexed.
    public var unitPrice: Money?
    public var per: Int64?
    public var rate: RateDerivation?
    /// The pipeline's exact result and the line's amount (rounded to öre, half up, when needed).
    public var unrounded: Exact
    public var amount: Money
    /// The amount before the pipeline's last `round` block, if it has one.
    public var beforeRounding: Exact? = nil
    /// What the line's text shows of its pipeline; nil for a pipeline that is a constant price
    /// per unit (`LinearPrice`) whose rounding, if any, changed nothing.
    var steps: LineSteps?
    public var uses: [IndexUse]
    public var explanation: [String]?

    /// The fees that contributed, in the file's order.
    public var fees: [FeeDefinition] { otherFees.isEmpty ? [fee] : [fee] + otherFees }

    /// The request's items on this line, by index.
    public var items: [Int] { otherItems.isEmpty ? [firstItem] : [firstItem] + otherItems }

    /// The period summed over: the date, `YYYY-MM`, `YYYY`, or empty for the whole request.
    public var period: String {
        switch scope {
        case .item, .day: periodDate.description
        case .month: String(periodDate.description.prefix(7))
        case .year: String(periodDate.year)
        case .request: ""
        }
    }
}

/// A cap line: what a group of fees of one month came to and what the cap takes off.
public struct CapLine: Sendable {
    public var cap: CapRule
    public var version: TariffVersion
    public var month: String
    public var limit: Money
    public var charged: Money
    public var amount: Money
    public var uses: [IndexUse]
    /// The result's lines the cap was applied over, by index.
    public var lines: [Int] = []
    public var explanation: [String]?
}

/// A priced request of any kind, as the engine computed it.
public struct FeeInvoice: Sendable {
    public var lines: [PricedLine]
    public var caps: [CapLine]
    public var subtotal: Money
    public var adjustment: AppliedAdjustment?
    public var vat: VATBreakdown?
    /// The rounding of the total after VAT (öresavrundning), when the version states one.
    public var rounding: RoundingLine?
    public var total: Money
    public var provenance: RuleDigest
}
