import TaxaBase

/// What `taxa check` can foresee going wrong in a valid tariff set, as warnings naming file and
/// field: versions decided "in the future", versions that drop what the previous one priced,
/// days between versions with none in force (`VersionGaps`), tariffs with nothing in force soon, index values that are never read or not yet published,
/// missing index values for the coming year, and citations left empty.
///
/// Everything is judged from `today`, which callers pass in (see `Today`), so the same files
/// give the same warnings on the same day.
package enum Foresight {
    package static func warnings(_ set: TariffSet, today: CivilDate) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for tariff in set.tariffs.values.sorted(by: { $0.id < $1.id }) {
            for (position, version) in tariff.versions.enumerated() {
                warnings += decidedLater(version, today: today)
                if position > 0 { warnings += dropped(from: tariff.versions[position - 1], in: version) }
                if let problem = placeholder(version.decision.reference) {
                    warnings.append(
                        Diagnostic(
                            .warning, file: version.file, path: JSONPath([.key("decision"), .key("reference")]),
                            message: "\(problem); cite the decision (body, date, paragraph or case number) so every price can be traced to it"))
                }
            }
            warnings += VersionGaps.warnings(tariff)
            warnings += nothingInForce(tariff, today: today)
            warnings += missingIndexValues(tariff, set.indices, throughYear: today.year + 1)
        }
        for series in set.indices.values.sorted(by: { $0.id < $1.id }) {
            warnings += publicationWarnings(series, tariffs: set.tariffs, today: today)
        }
        return warnings
    }

    // MARK: - Tariff versions

    /// Without `as_of` every recorded version counts, so one decided after today already prices.
    static func decidedLater(_ version: TariffVersion, today: CivilDate) -> [Diagnostic] {
        guard version.decided > today else { return [] }
        return [
            Diagnostic(
                .warning, file: version.file, path: JSONPath([.key("decided")]),
                message:
                    "is \(version.decided), after today (\(today)): requests without as_of are already priced by this version from \(version.validFrom) as if it were decided; add it once the decision is taken"
            )
        ]
    }

    /// Keys the previous version priced that this one no longer has: requests naming them
    /// and dated from this version on will be rejected.
    static func dropped(from previous: TariffVersion, in version: TariffVersion) -> [Diagnostic] {
        guard let before = previous.pricedKeys, let now = version.pricedKeys, before.noun == now.noun else { return [] }
        return before.keys.filter { !now.keys.contains($0) }.map { key in
            Diagnostic(
                .warning, file: version.file, path: now.path,
                message:
                    "drops the \(now.noun) \"\(key)\" that version \(previous.name) has; requests naming it dated from \(version.validFrom) will be rejected")
        }
    }

    /// No version in force today nor on any day of the coming year.
    static func nothingInForce(_ tariff: Tariff, today: CivilDate) -> [Diagnostic] {
        guard let end = today.adding(years: 1) else { return [] }  // today is in 9999: nothing to foresee
        if tariff.version(on: today) != nil { return [] }
        if tariff.versions.contains(where: { $0.validFrom > today && $0.validFrom <= end }) { return [] }
        let consequence = "requests dated from \(today) through \(end) will fail with no_tariff_in_force"
        if let last = tariff.versions.last(where: { $0.validFrom <= today }), let until = last.validUntil {
            return [
                Diagnostic(
                    .warning, file: last.file, path: JSONPath([.key("valid_until")]),
                    message: "\(tariff.id) has no version in force today (\(today)) or in the coming year: its latest version ended \(until); \(consequence)")
            ]
        }
        guard let first = tariff.versions.first(where: { $0.validFrom > today }) else { return [] }
        return [
            Diagnostic(
                .warning, file: first.file, path: JSONPath([.key("valid_from")]),
                message:
                    "\(tariff.id) has no version in force today (\(today)) or in the coming year: its first version begins \(first.validFrom); \(consequence)")
        ]
    }

    /// Index values not recorded yet for years requests will soon be dated in: for every amount
    /// chained by an index series (an hourly rate, an indexed fee), each year from the one
    /// after `valid_from` until the next version takes over (or `lastYear`) whose value is not
    /// recorded — one warning per year, so the office sees every gap at once; then every other
    /// amount taken from an index (`missingAmounts`).
    static func missingIndexValues(_ tariff: Tariff, _ indices: [String: IndexSeries], throughYear lastYear: Int) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for (position, version) in tariff.versions.enumerated() {
            // Years this version can price: until the next version takes over.
            let nextStart = tariff.versions.dropFirst(position + 1).first?.validFrom
            let until = min(lastYear, nextStart.map { $0.month == 1 && $0.day == 1 ? $0.year - 1 : $0.year } ?? lastYear)
            guard version.validFrom.year < until else { continue }
            var seen: Set<ObjectIdentifier> = []
            for (_, _, source) in version.rules.fees.amountSources {
                guard case .chained(let chained) = source, chained.indexation.raises == nil,
                    seen.insert(ObjectIdentifier(chained)).inserted, let series = indices[chained.indexation.series]
                else { continue }
                let indexation = chained.indexation
                for year in (version.validFrom.year + 1)...until {
                    let publicationYear = year - indexation.publicationYearsBefore
                    let valueYear = year - indexation.valueYearsBefore
                    guard series.value(forYear: valueYear, publishedIn: publicationYear, month: indexation.publicationMonth, asOf: nil) == nil
                    else { continue }
                    warnings.append(
                        Diagnostic(
                            .warning, file: version.file, path: chained.indexedAt.appending("series"),
                            message:
                                "\(tariff.id): no \(series.id) for \(valueYear) recorded (published in \(RateIndexation.monthName(indexation.publicationMonth)) \(publicationYear)); requests dated \(year) will fail with index_missing"
                        ))
                }
            }
        }
        return warnings + missingAmounts(tariff, indices, throughYear: lastYear)
    }

    /// Every other amount a version's fees and caps take from an index (the prisbasbelopp of
    /// the fee year, an amount raised by decided raises), evaluated for each year from this one
    /// through `lastYear` in which the version is in force; one warning per amount and year.
    static func missingAmounts(_ tariff: Tariff, _ indices: [String: IndexSeries], throughYear lastYear: Int) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let access = IndexAccess(indices: indices, asOf: nil, rates: nil)
        let firstYear = lastYear - 1
        for year in firstYear...lastYear {
            for version in tariff.versions(inForceDuring: year, asOf: nil) {
                var reported: Set<String> = []
                for (path, _, source) in version.rules.fees.amountSources {
                    switch source {
                    case .constant: continue
                    case .chained(let chained) where chained.indexation.raises == nil: continue  // each year above
                    default: break
                    }
                    do throws(RequestError) {
                        _ = try source.evaluate(version: version, year: year, access: access, explain: false)
                    } catch {
                        guard error.code == .indexMissing, reported.insert(error.message).inserted else { continue }
                        warnings.append(
                            Diagnostic(
                                .warning, file: version.file, path: path,
                                message: "\(tariff.id): \(error.message); requests dated \(year) will fail with index_missing"))
                    }
                }
            }
        }
        return warnings
    }

    // MARK: - Index series

    static func publicationWarnings(_ series: IndexSeries, tariffs: [String: Tariff], today: CivilDate) -> [Diagnostic] {
        // The months in which the tariffs that follow this series read it, and who reads it.
        var readers: [Int: Set<String>] = [:]
        for tariff in tariffs.values {
            for version in tariff.versions {
                for (_, _, source) in version.rules.fees.amountSources {
                    if case .chained(let chained) = source, chained.indexation.series == series.id {
                        readers[chained.indexation.publicationMonth, default: []].insert(tariff.id)
                    }
                }
            }
        }
        var warnings: [Diagnostic] = []
        for (index, publication) in series.publications.enumerated() {
            let path = JSONPath([.key("publications"), .index(index)])
            let published = publication.published
            if !readers.isEmpty && readers[published.month] == nil {
                let read = readers.keys.sorted().map { month in
                    "\(RateIndexation.monthName(month)) (\(readers[month]!.sorted().joined(separator: ", ")))"
                }.joined(separator: " and ")
                warnings.append(
                    Diagnostic(
                        .warning, file: series.file, path: path.appending("published"),
                        message:
                            "is \(published), in \(RateIndexation.monthName(published.month)), but the tariffs read \(series.id) as published in \(read); its values are never used — is the date right?"
                    ))
            }
            if published > today {
                warnings.append(
                    Diagnostic(
                        .warning, file: series.file, path: path.appending("published"),
                        message: "is \(published), after today (\(today)); record a value once it is published"))
            }
            for (key, value) in [("title", publication.title), ("source", publication.source)] {
                if let problem = placeholder(value) {
                    warnings.append(
                        Diagnostic(
                            .warning, file: series.file, path: path.appending(key),
                            message: "\(problem); cite the publication of \(published) (title, date, address) so every indexed rate can be traced to it"))
                }
            }
        }
        return warnings
    }

    // MARK: - Citations

    /// Texts that stand where a citation should be.
    static let placeholders: Set<String> = ["", "unspecified", "unknown", "todo", "tbd", "n/a", "-", "?"]

    /// Why `citation` cites nothing, or nil when it cites something.
    package static func placeholder(_ citation: String) -> String? {
        let trimmed = citation.trimmingSpaces
        guard placeholders.contains(trimmed.lowercased()) else { return nil }
        return trimmed.isEmpty ? "is empty" : "is \"\(trimmed)\", not a citation"
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks (no Foundation).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{A0}" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
