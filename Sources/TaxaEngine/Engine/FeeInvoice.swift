import TaxaBase

/// One priced line: the items of one fee (or group) summed under one version and period.
package struct PricedLine: Sendable {
    /// The first of the fees that contributed (in the file's order), and the others of a group.
    package var fee: FeeDefinition
    package var otherFees: [FeeDefinition] = []
    package var version: TariffVersion
    /// The version's position in the tariff, the position among its fees of a fee the line has
    /// (its first item's), and where the lead fee's quantity lies among the line's inputs:
    /// what summing compares, as plain values.
    var versionIndex: Int
    var feeIndex: Int
    var quantityInput: Int?
    package var feeYear: Int
    package var scope: SummingScope
    /// The first item's date, which names the period summed over.
    package var periodDate: CivilDate
    /// Where the line's fee (or group) stands in its version: orders the lines of a result.
    var linePosition: Int
    /// Orders lines of one fee and version: by period, items priced alone by their position.
    var periodOrder: Int
    /// The request's first item on this line, by index, and the others summed with it.
    package var firstItem: Int
    package var otherItems: [Int] = []
    /// Each item's date, fee and quantity, kept only for explanations: one list, not three, as
    /// every line made, moved and destroyed handles each of its lists.
    var noted: [NotedItem] = []
    /// The inputs of the line's first item (the same on every item of a summed line but for
    /// the quantity).
    package var inputs: LineInputs
    /// The summed quantity, what is billed after `less` and increments, and the increments.
    package var quantity: Exact?
    package var billed: Exact?
    /// The summed quantity less `less`, before increments (for explanations).
    var lessened: Exact? = nil
    package var increments: Int64?
    /// The unit price of a `per_unit` block, per `per` units, and its derivation when indexed.
    package var unitPrice: Money?
    package var per: Int64?
    package var rate: RateDerivation?
    /// The pipeline's exact result and the line's amount (rounded to öre, half up, when needed).
    package var unrounded: Exact
    package var amount: Money
    /// The amount before the pipeline's last `round` block, if it has one.
    package var beforeRounding: Exact? = nil
    /// What the line's text shows of its pipeline; nil for a pipeline that is a constant price
    /// per unit (`LinearPrice`) whose rounding, if any, changed nothing.
    var steps: LineSteps?
    package var uses: [IndexUse]
    package var explanation: [String]?

    /// The fees that contributed, in the file's order.
    package var fees: [FeeDefinition] { otherFees.isEmpty ? [fee] : [fee] + otherFees }

    /// The request's items on this line, by index.
    package var items: [Int] { otherItems.isEmpty ? [firstItem] : [firstItem] + otherItems }

    /// The period summed over: the date, `YYYY-MM`, `YYYY`, or empty for the whole request.
    package var period: String {
        switch scope {
        case .item, .day: periodDate.description
        case .month: String(periodDate.description.prefix(7))
        case .year: String(periodDate.year)
        case .request: ""
        }
    }
}

/// An item of a line as its explanation names it.
struct NotedItem: Sendable {
    var date: CivilDate
    var fee: String
    var quantity: Exact?
}

/// A cap line: what a group of fees of one month came to and what the cap takes off.
package struct CapLine: Sendable {
    package var cap: CapRule
    package var version: TariffVersion
    package var month: String
    package var limit: Money
    package var charged: Money
    package var amount: Money
    package var uses: [IndexUse]
    /// The result's lines the cap was applied over, by index.
    package var lines: [Int] = []
    package var explanation: [String]?
}

/// A priced request of any kind, as the engine computed it.
package struct FeeInvoice: Sendable {
    package var lines: [PricedLine]
    package var caps: [CapLine]
    package var subtotal: Money
    package var adjustment: AppliedAdjustment?
    package var vat: VATBreakdown?
    /// The rounding of the total after VAT (öresavrundning), when the version states one.
    package var rounding: RoundingLine?
    package var total: Money
    package var provenance: RuleDigest
}
