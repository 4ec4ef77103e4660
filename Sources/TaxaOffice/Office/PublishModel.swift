/// What `taxa publish` publishes for one fee year: every tariff of a root with its decision,
/// its fees and their amounts for the year, its history and provenance. Built once
/// (`PublishBuilder`) and rendered twice, as pages (`PublishHTML`) and as one JSON document
/// (`PublishJSON`), so the two can never say different things.
public struct PublishedSite: Sendable {
    public var year: Int
    public var asOf: CivilDate?
    /// Sorted by tariff id.
    public var tariffs: [PublishedTariff]
}

/// One tariff's page.
public struct PublishedTariff: Sendable {
    public var id: String
    /// The title of the version in force at the end of the year (else the latest version's).
    public var title: String
    public var kind: TariffRules.Kind
    /// The versions in force on some day of the year, oldest first, each with its fees
    /// evaluated for the year; empty when none is.
    public var inForce: [PublishedVersion]
    /// Every version the data holds, oldest first (those hidden by `--as-of` left out).
    public var history: [TariffVersion]
    /// One chart per amount derived from an index, across the years the data covers.
    public var charts: [AmountHistory]
    /// The index values the year's amounts use, with their publications (by series, year).
    public var indexValues: [PublishedIndexValue]

    /// The version a reader meets first: the one in force at the end of the year.
    public var current: PublishedVersion? { inForce.last }
}

/// One version as it prices the fee year.
public struct PublishedVersion: Sendable {
    public var version: TariffVersion
    /// The digest of the rule data behind the year's amounts (`tariff_digest` in results and
    /// in `taxa rates`).
    public var digest: String
    public var fees: [PublishedFee]
    public var caps: [PublishedCap]
    /// The rates command's VAT sentence, with the tariff's own VAT text.
    public var vat: (summary: String, text: String)?
    /// The hourly kind's rate for the year and its derivation.
    public var hourly: PublishedHourly?
    public var adjustments: AdjustmentRule?
    public var examples: [PublishedExample]
}

/// One fee with its inputs and its price for the year.
public struct PublishedFee: Sendable {
    public var key: String
    public var name: String
    public var paragraph: String?
    public var text: String
    public var inputs: [PublishedInput]
    /// How the quantity is summed and rounded, as `taxa rates` says it.
    public var quantity: String?
    /// The whole price as `taxa rates` says it for the year.
    public var price: String
    /// The same price split for the page: the rates command's words, with bands and lookups
    /// as tables.
    public var segments: [PriceSegment]
    /// The fee the service charges, for a fee with no table whose price needs no input from
    /// the request but takes more than one step (a share of the prisbasbelopp rounded).
    public var amount: Money?
}

/// One input a request item gives a fee.
public struct PublishedInput: Sendable {
    public var name: String
    public var text: String?
    /// What values it takes, in Swedish ("heltal 1–10 000", "ett av: 2.5, 6, 10").
    public var values: String
    public var defaultValue: String?
}

/// A piece of a price: words, or a table of the cases of a bands or lookup block.
public indirect enum PriceSegment: Sendable {
    case text(String)
    case table(PriceTable)
}

/// A bands or lookup block as a table: one row per band or case, each with its own price.
public struct PriceTable: Sendable {
    /// The input the rows are chosen by, and what it is in Swedish.
    public var input: String
    public var inputText: String?
    /// The header of the first column ("till och med", "värde").
    public var header: String
    public var rows: [Row]
    /// What holds beyond the rows ("över 1 000 000: ingen avgift angiven").
    public var note: String?

    public struct Row: Sendable {
        public var when: String
        public var price: [PriceSegment]
        /// The fee the service charges for this row, when nothing else decides it.
        public var amount: Money?
    }
}

/// A cap over a group of fees.
public struct PublishedCap: Sendable {
    public var key: String
    public var name: String
    public var paragraph: String?
    public var text: String
    /// The rates command's sentence, with the amount for the year.
    public var summary: String
    public var fees: [String]
}

/// The hourly rate of the year with every indexation step.
public struct PublishedHourly: Sendable {
    public var derivation: RateDerivation
    public var rules: HourlyRules
}

/// A worked example as the tariff publishes it, priced by the service for this page.
public struct PublishedExample: Sendable {
    public var name: String
    public var source: String
    /// The request as the tariff file writes it (compact JSON, without `id` and `tariff`).
    public var request: String
    /// The result's invoice texts, in order.
    public var lines: [String]
    public var total: Money
    public var vat: Money?
}

/// One index value a year's amount uses, with where it was published.
public struct PublishedIndexValue: Sendable, Equatable {
    public var series: String
    public var seriesName: String
    public var unit: IndexUnit
    public var year: Int
    /// As recorded ("2.9", "57300").
    public var value: ScaledDecimal
    public var publication: IndexPublication
}

/// An amount derived from an index, year by year, for its chart.
public struct AmountHistory: Sendable {
    /// What the amount is, in Swedish ("Tillsynsavgift efter årsomsättning, omsattning till
    /// och med 50 000: fast belopp").
    public var label: String
    /// The index series it follows ("PBB", "PKV").
    public var series: String
    public var points: [(year: Int, value: Exact)]
}
