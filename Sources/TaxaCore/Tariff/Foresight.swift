/// Gaps `taxa check` can foresee in a valid tariff set: index values that are not recorded yet
/// for years requests will soon be dated in, and publications without a citable source.
public enum Foresight {
    public static func warnings(_ set: TariffSet, throughYear lastYear: Int) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for tariff in set.tariffs.values.sorted(by: { $0.id < $1.id }) {
            for (position, version) in tariff.versions.enumerated() {
                guard let rules = version.rules.hourly, let indexation = rules.indexation,
                      let series = set.indices[indexation.series] else { continue }
                // Years this version can price: until the next version takes over.
                let nextStart = tariff.versions.dropFirst(position + 1).first?.validFrom
                let until = min(lastYear, nextStart.map { $0.month == 1 && $0.day == 1 ? $0.year - 1 : $0.year } ?? lastYear)
                guard version.validFrom.year < until else { continue }
                for year in (version.validFrom.year + 1)...until {
                    let publicationYear = year - indexation.publicationYearsBefore
                    if series.value(forYear: year, publishedIn: publicationYear, month: indexation.publicationMonth, asOf: nil) == nil {
                        warnings.append(Diagnostic(.warning, file: version.file, path: JSONPath([.key("indexation"), .key("series")]),
                            message: "\(tariff.id): no \(series.id) for \(year) recorded (published in \(RateIndexation.monthName(indexation.publicationMonth)) \(publicationYear)); requests dated \(year) will fail with index_missing"))
                    }
                }
            }
        }
        for series in set.indices.values.sorted(by: { $0.id < $1.id }) {
            for (index, publication) in series.publications.enumerated() where publication.source == "unspecified" {
                warnings.append(Diagnostic(.warning, file: series.file, path: JSONPath([.key("publications"), .index(index), .key("source")]),
                    message: "the publication of \(publication.published) cites no source; name SKR's publication (title, date, address)"))
            }
        }
        return warnings
    }
}
