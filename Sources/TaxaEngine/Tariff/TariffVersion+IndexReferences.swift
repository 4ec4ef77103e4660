import TaxaBase

extension TariffVersion {
    /// Every index series the version reads, with where it is named and the unit it must have:
    /// checked at load, so that a tariff naming a series that is not recorded (or one of the
    /// wrong unit) never loads. Read from the amounts the engine prices with, each named once
    /// where the file states it (an amount several fees share, as the hourly rate is, once).
    var indexReferences: [(path: JSONPath, series: String, unit: IndexUnit)] {
        var named: Set<String> = []
        return rules.fees.amountSources.compactMap { path, _, source in
            let reference: (path: JSONPath, series: String, unit: IndexUnit)? =
                switch source {
                case .constant: nil
                // Raises decided year by year read no series.
                case .chained(let chained) where chained.indexation.raises != nil: nil
                case .seriesShare(let share): (path.appending("index"), share.series, IndexUnit.amount)
                case .chained(let chained): (chained.indexedAt.appending("series"), chained.indexation.series, IndexUnit.percent)
                }
            guard let reference, named.insert("\(reference.path) \(reference.series)").inserted else { return nil }
            return reference
        }
    }
}
