/// One publication of an index series: the values it lists per year, as published that day.
public struct IndexPublication: Sendable, Equatable {
    public var published: CivilDate
    public var title: String
    public var source: String
    /// Percent change per calendar year, e.g. 2025 → 2.9.
    public var values: [Int: ScaledDecimal]
}

/// A price index series (e.g. SKR's PKV) with every publication the office has recorded.
public struct IndexSeries: Sendable {
    public var id: String
    public var name: String
    public var publisher: String
    public var publications: [IndexPublication]
    public var file: String

    /// The value for `year` from the publication of `publicationYear`/`publicationMonth`
    /// (the latest such publication, if the office recorded a correction), counting only
    /// publications on or before `asOf`.
    public func value(forYear year: Int, publishedIn publicationYear: Int, month publicationMonth: Int,
                      asOf: CivilDate?) -> (percent: ScaledDecimal, publication: IndexPublication)? {
        var found: (ScaledDecimal, IndexPublication)?
        for publication in publications
        where publication.published.year == publicationYear && publication.published.month == publicationMonth {
            if let asOf, publication.published > asOf { continue }
            guard let percent = publication.values[year] else { continue }
            if found == nil || found!.1.published <= publication.published { found = (percent, publication) }
        }
        return found
    }
}
