import TaxaBase

/// What an index series' values mean: a yearly percentage change (SKR's PKV, chained onto a
/// rate) or an amount in kronor per year (the prisbasbelopp, used as it stands).
package enum IndexUnit: String, Sendable {
    case percent, amount
}

/// One publication of an index series: the values it lists per year, as published that day.
package struct IndexPublication: Sendable, Equatable {
    package var published: CivilDate
    package var title: String
    package var source: String
    /// The value per calendar year exactly as written in the file, in the series' unit:
    /// a percent change (2025 → 2.9) or an amount in kronor (2024 → 57300).
    package var values: [Int: ScaledDecimal]

    package init(published: CivilDate, title: String, source: String, values: [Int: ScaledDecimal]) {
        self.published = published
        self.title = title
        self.source = source
        self.values = values
    }
}

/// An index series (SKR's PKV, the prisbasbelopp) with every publication the office has recorded.
package struct IndexSeries: Sendable {
    package var id: String
    package var name: String
    package var publisher: String
    package var unit: IndexUnit
    /// The file's `notes`, kept so `taxa index add` rewrites them unchanged.
    package var notes: [String]
    /// The file's `notes_until_first_value`: what holds only while nothing is recorded
    /// ("no values yet"); `taxa index add` drops them with the first value.
    package var notesUntilFirstValue: [String]
    /// Sorted by `published`; no two share a date.
    package var publications: [IndexPublication]
    package var file: String

    package init(
        id: String, name: String, publisher: String, unit: IndexUnit = .percent,
        notes: [String] = [], notesUntilFirstValue: [String] = [],
        publications: [IndexPublication], file: String
    ) {
        self.id = id
        self.name = name
        self.publisher = publisher
        self.unit = unit
        self.notes = notes
        self.notesUntilFirstValue = notesUntilFirstValue
        self.publications = publications
        self.file = file
    }

    /// The value for `year` from the publication of `publicationYear`/`publicationMonth`
    /// (the latest such publication, if the office recorded a correction), counting only
    /// publications on or before `asOf`. Nil for an amount series: an amount read as a
    /// percentage change would multiply a rate by hundreds.
    package func value(
        forYear year: Int, publishedIn publicationYear: Int, month publicationMonth: Int,
        asOf: CivilDate?
    ) -> (percent: ScaledDecimal, publication: IndexPublication)? {
        guard unit == .percent else { return nil }
        var found: (ScaledDecimal, IndexPublication)?
        for publication in publications
        where publication.published.year == publicationYear && publication.published.month == publicationMonth {
            if let asOf, publication.published > asOf { continue }
            guard let percent = publication.values[year] else { continue }
            if found == nil || found!.1.published <= publication.published { found = (percent, publication) }
        }
        return found
    }

    /// The amount for `year` (kronor) from the latest publication that lists it, counting only
    /// publications on or before `asOf` (all when nil): a later publication for the same year
    /// is a correction and wins from its date on. Nil for a percent series, and when no
    /// counted publication lists the year.
    package func amount(forYear year: Int, asOf: CivilDate?) -> (value: ScaledDecimal, publication: IndexPublication)? {
        guard unit == .amount else { return nil }
        var found: (value: ScaledDecimal, publication: IndexPublication)?
        for publication in publications {
            if let asOf, publication.published > asOf { continue }
            guard let value = publication.values[year] else { continue }
            if found == nil || found!.publication.published < publication.published { found = (value, publication) }
        }
        return found
    }
}
