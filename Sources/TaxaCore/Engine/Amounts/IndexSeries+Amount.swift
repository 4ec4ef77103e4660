extension IndexSeries {
    /// The value for `year` from the latest publication listing it, published on or before
    /// `asOf` (all when nil): how an amount series such as the prisbasbelopp is read.
    public func amount(forYear year: Int, asOf: CivilDate?) -> (value: ScaledDecimal, publication: IndexPublication)? {
        var found: (ScaledDecimal, IndexPublication)?
        for publication in publications {
            if let asOf, publication.published > asOf { continue }
            guard let value = publication.values[year] else { continue }
            if found == nil || found!.1.published <= publication.published { found = (value, publication) }
        }
        return found
    }
}
