import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// What `taxa publish` publishes for one fee year: every tariff of a root with its decision,
/// its fees and their amounts for the year, its history and provenance. Built once
/// (`PublishBuilder`) and rendered twice, as pages (`PublishHTML`) and as one JSON document
/// (`PublishJSON`), so the two can never say different things.
package struct PublishedSite: Sendable {
    package var year: Int
    package var asOf: CivilDate?
    /// Sorted by tariff id.
    package var tariffs: [PublishedTariff]
}

/// One tariff's page.
package struct PublishedTariff: Sendable {
    package var id: String
    /// The title of the version in force at the end of the year (else the latest version's).
    package var title: String
    package var kind: TariffRules.Kind
    /// The versions in force on some day of the year, oldest first, each with its fees
    /// evaluated for the year; empty when none is.
    package var inForce: [PublishedVersion]
    /// Every version the data holds, oldest first (those hidden by `--as-of` left out).
    package var history: [TariffVersion]
    /// One chart per amount derived from an index, across the years the data covers.
    package var charts: [AmountHistory]
    /// The index values the year's amounts use, with their publications (by series, year).
    package var indexValues: [PublishedIndexValue]

    /// The version a reader meets first: the one in force at the end of the year.
    package var current: PublishedVersion? { inForce.last }
}

/// One version as it prices the fee year.
package struct PublishedVersion: Sendable {
    package var version: TariffVersion
    /// The digest of the rule data behind the year's amounts (`tariff_digest` in results and
    /// in `taxa rates`).
    package var digest: String
    package var fees: [PublishedFee]
    package var caps: [PublishedCap]
    /// The rates command's VAT sentence, with the tariff's own VAT text.
    package var vat: (summary: String, text: String)?
    /// The hourly kind's rate for the year and its derivation.
    package var hourly: PublishedHourly?
    package var adjustments: AdjustmentRule?
    package var examples: [PublishedExample]
}

/// One fee with its inputs and its price for the year.
package struct PublishedFee: Sendable {
    package var key: String
    package var name: String
    package var paragraph: String?
    package var text: String
    package var inputs: [PublishedInput]
    /// How the quantity is summed and rounded, as `taxa rates` says it.
    package var quantity: String?
    /// The whole price as `taxa rates` says it for the year.
    package var price: String
    /// The same price split for the page: the rates command's words, with bands and lookups
    /// as tables.
    package var segments: [PriceSegment]
    /// The fee the service charges, for a fee with no table whose price needs no input from
    /// the request but takes more than one step (a share of the prisbasbelopp rounded).
    package var amount: Money?
}

/// One input a request item gives a fee.
package struct PublishedInput: Sendable {
    package var name: String
    package var text: String?
    /// What values it takes, in Swedish ("heltal 1–10 000", "ett av: 2.5, 6, 10").
    package var values: String
    package var defaultValue: String?
}

/// A piece of a price: words, or a table of the cases of a bands or lookup block.
package indirect enum PriceSegment: Sendable {
    case text(String)
    case table(PriceTable)
}

/// A bands or lookup block as a table: one row per band or case, each with its own price.
package struct PriceTable: Sendable {
    /// The input the rows are chosen by, and what it is in Swedish.
    package var input: String
    package var inputText: String?
    /// The header of the first column ("till och med", "värde").
    package var header: String
    package var rows: [Row]
    /// What holds beyond the rows ("över 1 000 000: ingen avgift angiven").
    package var note: String?

    package struct Row: Sendable {
        package var when: String
        package var price: [PriceSegment]
        /// The fee the service charges for this row, when nothing else decides it.
        package var amount: Money?
    }
}

/// A cap over a group of fees.
package struct PublishedCap: Sendable {
    package var key: String
    package var name: String
    package var paragraph: String?
    package var text: String
    /// The rates command's sentence, with the amount for the year.
    package var summary: String
    package var fees: [String]
}

/// The hourly rate of the year with every indexation step.
package struct PublishedHourly: Sendable {
    package var derivation: RateDerivation
    package var rules: HourlyRules
}

/// A worked example as the tariff publishes it, priced by the service for this page.
package struct PublishedExample: Sendable {
    package var name: String
    package var source: String
    /// The request as the tariff file writes it (compact JSON, without `id` and `tariff`).
    package var request: String
    /// The result's invoice texts, in order.
    package var lines: [String]
    package var total: Money
    package var vat: Money?
}

/// One index value a year's amount uses, with where it was published.
package struct PublishedIndexValue: Sendable, Equatable {
    package var series: String
    package var seriesName: String
    package var unit: IndexUnit
    package var year: Int
    /// As recorded ("2.9", "57300").
    package var value: ScaledDecimal
    package var publication: IndexPublication
}

/// An amount derived from an index, year by year, for its chart.
package struct AmountHistory: Sendable {
    /// What the amount is, in Swedish ("Tillsynsavgift efter årsomsättning, omsattning till
    /// och med 50 000: fast belopp").
    package var label: String
    /// The index series it follows ("PBB", "PKV").
    package var series: String
    package var points: [(year: Int, value: Exact)]
}
