import TaxaBase
import TaxaEngine

/// What `taxa index add` thinks of a value before recording it, beyond its being well formed.
///
/// Three degrees, because a wrong index value is billed silently for a year while a missing one
/// fails loudly (`index_missing`):
/// - a *refusal* is certainly wrong (a value for a year no tariff can read, a publication more
///   than a year ahead): never recorded;
/// - a *doubt* would change prices if it is a typing error (a jump from the year before no
///   index makes): recorded only with `--confirm`;
/// - a *warning* cannot change a price (a value no tariff reads, a publication after today, no
///   citation): recorded, and said on stderr.
package enum IndexEntryReview {
    package enum Degree: Sendable, Equatable { case refusal, doubt, warning }

    package struct Finding: Sendable, Equatable {
        package var degree: Degree
        /// The field of the index file the value or publication is written to.
        package var path: JSONPath
        package var message: String
    }

    /// What the value may be at most, counted from the publication's year: a tariff reads a
    /// series at most 5 years after the publication (`publication_years_before` is 0–5).
    package static let yearsAfterPublication = 5
    /// A percent series' value beyond ±10 % is a misplaced decimal point more often than a
    /// price change; so is a move of more than 5 percentage points from the year before.
    package static let percentLimit = ScaledDecimal(units: 10, scale: 0)
    package static let percentStep = ScaledDecimal(units: 5, scale: 0)
    /// An amount (the prisbasbelopp) more than 20 % above or below the year before: a digit
    /// too many or too few (10× and 0,1× are far outside).
    package static let amountStepPercent: Int64 = 20

    /// The value `value` for `year` in the publication of `published`, which will be
    /// `publications[position]` of `series` (the series as it is before the change).
    /// `tariffs` are the root's tariffs (nil when the root does not load: what reads the
    /// series is then unknown and not judged); `newPublication` is true when the value starts a
    /// publication, whose `source` is then `source`.
    package static func findings(
        series: IndexSeries, year: Int, value: ScaledDecimal, published: CivilDate, position: Int,
        newPublication: Bool, source: String, today: CivilDate, tariffs: [String: Tariff]?
    ) -> [Finding] {
        let publication = JSONPath([.key("publications"), .index(position)])
        let valuePath = publication.appending("values").appending(String(year))
        var findings: [Finding] = []
        if year > published.year + yearsAfterPublication {
            findings.append(
                Finding(
                    degree: .refusal, path: valuePath,
                    message:
                        "--year \(year) is \(year - published.year) years after the publication of \(published); no tariff reads a value more than \(yearsAfterPublication) years after its publication: check --year and --published"
                ))
        }
        // (A publication more than a year ahead is the mistake to name then, not the year.)
        if year < published.year - yearsAfterPublication, let aYearAhead = today.adding(years: 1), published <= aYearAhead {
            // A percent series is read at most 5 years before its publication too (the value of
            // an earlier year, `value_years_before`); an amount series by its year alone, so an
            // old year there may be a restatement, but is more often a typing error.
            findings.append(
                Finding(
                    degree: series.unit == .percent ? .refusal : .doubt, path: valuePath,
                    message:
                        "--year \(year) is \(published.year - year) years before the publication of \(published); "
                        + (series.unit == .percent
                            ? "no tariff reads a value more than \(yearsAfterPublication) years before its publication: check --year and --published"
                            : "check --year and --published")
                ))
        }
        if let aYearAhead = today.adding(years: 1), published > aYearAhead {
            findings.append(
                Finding(
                    degree: .refusal, path: publication.appending("published"),
                    message:
                        "--published \(published) is more than a year after today (\(today)); a value is recorded once it is published: check the year of --published"
                ))
        } else if published > today {
            findings.append(
                Finding(
                    degree: .warning, path: publication.appending("published"),
                    message: "is \(published), after today (\(today)); requests with an earlier as_of do not see the value"))
        }
        findings += jump(series, year: year, value: value, published: published).map { Finding(degree: .doubt, path: valuePath, message: $0) }
        if let rival = rival(series, year: year, value: value, published: published) {
            findings.append(Finding(degree: rival.differs ? .doubt : .warning, path: valuePath, message: rival.message))
        }
        if let tariffs, let unread = unread(series, year: year, published: published, tariffs: tariffs) {
            findings.append(Finding(degree: .warning, path: valuePath, message: unread))
        }
        if newPublication, let problem = Foresight.placeholder(source) {
            findings.append(
                Finding(
                    degree: .warning, path: publication.appending("source"),
                    message:
                        "\(problem): cite the publication (title, date, address) with --source \"…\" (and --replace once it is recorded)"
                ))
        }
        return findings
    }

    // MARK: - A jump from the year before

    /// The doubt about `value` against the nearest year recorded before it (or, for a first
    /// value of a series recorded backwards, after it).
    static func jump(_ series: IndexSeries, year: Int, value: ScaledDecimal, published: CivilDate) -> [String] {
        let symbol = series.unit.symbol
        var doubts: [String] = []
        if series.unit == .percent, magnitude(value) > magnitude(percentLimit) {
            doubts.append(
                "\(value.asWritten) % is a yearly change beyond ±\(percentLimit.asWritten) %: check the decimal point"
            )
        }
        // No change at all is what a placeholder typed "until the value is known" looks like.
        if series.unit == .percent, value.units == 0 {
            doubts.append(
                "0 % is no change at all; if the value is not published yet, record nothing until it is (requests then fail with index_missing rather than price at last year's rate)"
            )
        }
        guard let (neighbour, other, otherPublished) = neighbour(series, year: year, published: published) else { return doubts }
        let unusual: Bool
        let step: String
        switch series.unit {
        case .percent:
            let scale = max(value.scale, other.scale)
            guard let a = value.rescaled(to: scale), let b = other.rescaled(to: scale) else { return doubts }
            let difference = ScaledDecimal(units: abs(a - b), scale: scale)
            unusual = magnitude(difference) > magnitude(percentStep)
            step = "\(difference.asWritten) percentage points \(a > b ? "above" : "below")"
        case .amount:
            guard let a = value.rescaled(to: 2), let b = other.rescaled(to: 2) else { return doubts }
            // a / b outside 1 ± 20 %, in integers: amounts are at most 10^10 öre, far from overflow.
            unusual = a * 100 > b * (100 + amountStepPercent) || a * 100 < b * (100 - amountStepPercent)
            step = "more than \(amountStepPercent) % \(a > b ? "above" : "below")"
        }
        guard unusual else { return doubts }
        let limit = series.unit == .percent ? "more than \(percentStep.asWritten) percentage points" : "more than \(amountStepPercent) %"
        doubts.append(
            "\(value.asWritten) \(symbol) for \(year) is \(step) \(other.asWritten) \(symbol) for \(neighbour) (publication of \(otherPublished)); \(limit) in one year is unusual: check the value"
        )
        return doubts
    }

    /// The year before `year` as recorded (from the latest publication on or before
    /// `published` that lists it, else the latest that does), or the year after when the year
    /// before is not recorded.
    static func neighbour(_ series: IndexSeries, year: Int, published: CivilDate) -> (year: Int, value: ScaledDecimal, published: CivilDate)? {
        for other in [year - 1, year + 1] {
            let listing = series.publications.filter { $0.values[other] != nil }
            guard let chosen = listing.last(where: { $0.published <= published }) ?? listing.last else { continue }
            return (other, chosen.values[other]!, chosen.published)
        }
        return nil
    }

    private static func magnitude(_ value: ScaledDecimal) -> UInt64 {
        (value.rescaled(to: 4) ?? Int64.max).magnitude
    }

    // MARK: - A second publication of the same value

    /// Another publication read in place of this one (a percent series: the same month; an
    /// amount series: any) that already gives the year: the later one is used from its date
    /// on. Most often the same publication typed with another day.
    static func rival(_ series: IndexSeries, year: Int, value: ScaledDecimal, published: CivilDate) -> (differs: Bool, message: String)? {
        let rivals = series.publications.filter { other in
            other.published != published && other.values[year] != nil
                && (series.unit == .amount || (other.published.year == published.year && other.published.month == published.month))
        }
        guard let rival = rivals.last, let recorded = rival.values[year] else { return nil }
        let differs = recorded.rescaled(to: series.unit.maxScale) != value.rescaled(to: series.unit.maxScale)
        let symbol = series.unit.symbol
        let used =
            published > rival.published
            ? "this one would be used instead from \(published) on" : "it stays the one used from \(rival.published) on"
        let month = series.unit == .percent ? " (also \(RateIndexation.monthName(published.month)) \(published.year))" : ""
        return (
            differs,
            "the publication of \(rival.published)\(month) already records \(recorded.asWritten) \(symbol) for \(year); \(used): if both are one publication, correct its date in the file rather than add a second"
        )
    }

    // MARK: - A value no tariff reads

    /// Who reads the series and how: a percent series in one month, at an offset between the
    /// value's year and the publication's year, from a first year on; an amount series in the
    /// years a version using it is in force.
    struct Reader: Hashable {
        var tariff: String
        var month: Int?
        var offset: Int
        var firstYear: Int
    }

    /// Why no tariff reads `year` from the publication of `published`, or nil when one does
    /// (or none reads the series at all, which `taxa check` does not warn about either).
    static func unread(_ series: IndexSeries, year: Int, published: CivilDate, tariffs: [String: Tariff]) -> String? {
        var readers: [Reader] = []
        var reads = false
        for tariff in tariffs.values {
            for version in tariff.versions {
                // The engine's amounts, every kind's (the hourly rate among them).
                let indexations = version.rules.fees.amountSources.compactMap { _, _, source -> Indexation? in
                    if case .chained(let chained) = source, chained.indexation.raises == nil { chained.indexation } else { nil }
                }
                for indexation in indexations where indexation.series == series.id {
                    let offset = indexation.publicationYearsBefore - indexation.valueYearsBefore
                    let reader = Reader(
                        tariff: tariff.id, month: indexation.publicationMonth, offset: offset,
                        firstYear: version.validFrom.year + 1 - indexation.valueYearsBefore)
                    readers.append(reader)
                    let feeYear = year + indexation.valueYearsBefore
                    if published.month == indexation.publicationMonth, year - published.year == offset, year >= reader.firstYear,
                        prices(tariff, version, fromYear: feeYear)
                    {
                        reads = true
                    }
                }
                let shares = version.rules.fees.amountSources.contains { _, _, source in
                    if case .seriesShare(let share) = source { share.series == series.id } else { false }
                }
                if shares {
                    readers.append(Reader(tariff: tariff.id, month: nil, offset: 0, firstYear: version.validFrom.year))
                    if tariff.versions(inForceDuring: year, asOf: nil).contains(where: { $0.file == version.file }) { reads = true }
                }
            }
        }
        guard !readers.isEmpty, !reads else { return nil }
        if series.unit == .amount {
            let names = Set(readers.map(\.tariff)).sorted().joined(separator: ", ")
            return "no tariff reads \(series.id) for \(year): the tariffs that read it (\(names)) have no version in force in \(year); check --year"
        }
        let ways = Set(readers).sorted { ($0.tariff, $0.firstYear) < ($1.tariff, $1.firstYear) }.map { reader in
            "\(reader.tariff) reads the value for each year from \(reader.firstYear) on as published in \(RateIndexation.monthName(reader.month ?? 1)) \(offsetText(reader.offset))"
        }
        var unique: [String] = []
        for way in ways where !unique.contains(way) { unique.append(way) }
        return
            "no tariff reads \(series.id) for \(year) from a publication of \(RateIndexation.monthName(published.month)) \(published.year): \(unique.joined(separator: "; ")); the value is never used: check --year and --published"
    }

    /// Whether `version` prices some day of `year` or later: a chained amount needs each
    /// year's value from its first indexed year through the last year it is in force.
    private static func prices(_ tariff: Tariff, _ version: TariffVersion, fromYear year: Int) -> Bool {
        if let until = version.validUntil, until.year < year { return false }
        guard let start = CivilDate(year: year, month: 1, day: 1) else { return false }
        // A later decision for the same day, or a later version begun by then, takes over wholly.
        return !tariff.versions.contains { other in
            (other.validFrom == version.validFrom && other.decided > version.decided)
                || (other.validFrom > version.validFrom && other.validFrom <= start)
        }
    }

    private static func offsetText(_ offset: Int) -> String {
        switch offset {
        case 0: "of the same year"
        case 1: "of the year before"
        case let years where years > 1: "\(years) years before"
        default: "\(-offset) year(s) after"
        }
    }
}
