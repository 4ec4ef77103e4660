import TaxaBase

extension TariffVersion {
    /// Every index series the version reads, with where it is named and the unit it must have:
    /// checked at load, so that a tariff naming a series that is not recorded (or one of the
    /// wrong unit) never loads.
    var indexReferences: [(path: JSONPath, series: String, unit: IndexUnit)] {
        if let hourly = rules.hourly {
            return hourly.indexation.map { [(JSONPath([.key("indexation"), .key("series")]), $0.series, IndexUnit.percent)] } ?? []
        }
        return rules.fees.amountSources.compactMap { path, _, source in
            switch source {
            case .constant: nil
            // Raises decided year by year read no series.
            case .chained(let chained) where chained.indexation.raises != nil: nil
            case .seriesShare(let share): (path.appending("index"), share.series, IndexUnit.amount)
            case .chained(let chained): (path.appending("indexed_by").appending("series"), chained.indexation.series, IndexUnit.percent)
            }
        }
    }
}
