/// One year's step of the chained indexation: last year's rounded rate × (1 + index/100),
/// rounded by the tariff's rule.
public struct RateStep: Sendable, Equatable {
    public var year: Int
    public var previous: Money
    public var percent: ScaledDecimal
    public var series: String
    public var publication: IndexPublication
    /// The exact product before rounding, in öre.
    public var exact: Exact
    public var rate: Money

    /// The exact product before rounding, in kronor ("1235.829").
    public var unrounded: String { exact.kronorText }
}

/// The hourly rate of one tariff version in one fee year, with every step that produced it.
public struct RateDerivation: Sendable, Equatable {
    public var version: TariffVersion
    public var year: Int
    public var base: Money
    public var steps: [RateStep]
    public var rate: Money { steps.last?.rate ?? base }
}

/// Computes indexed amounts (LÅFF's hourly rate). In the year of `valid_from` the decided
/// amount applies; each later year Y applies the index value for Y from the publication of the
/// configured month of Y − `publicationYearsBefore` to the previous year's *rounded* amount
/// (chained rounding).
public enum RateIndexation {
    /// `what` names the amount in the `index_missing` message ("the hourly rate").
    public static func derive(
        version: TariffVersion, base: Money, indexation: Indexation?, year: Int,
        indices: [String: IndexSeries], asOf: CivilDate?,
        what: String = "the hourly rate"
    ) throws(RequestError) -> RateDerivation {
        var derivation = RateDerivation(version: version, year: year, base: base, steps: [])
        let firstYear = version.validFrom.year
        guard year > firstYear else { return derivation }
        guard let indexation else { return derivation }
        guard let series = indices[indexation.series] else {
            throw RequestError(.indexMissing, "the index series \(indexation.series) is not loaded")
        }
        var rate = base
        for stepYear in (firstYear + 1)...year {
            let publicationYear = stepYear - indexation.publicationYearsBefore
            guard
                let (percent, publication) = series.value(
                    forYear: stepYear, publishedIn: publicationYear,
                    month: indexation.publicationMonth, asOf: asOf)
            else {
                let visible = asOf.map { " on or before as_of \($0)" } ?? ""
                throw RequestError(
                    .indexMissing,
                    "no \(series.id) value for \(stepYear) published in \(monthName(indexation.publicationMonth)) \(publicationYear)\(visible) is recorded in \(series.file); it is needed for \(what) of \(version.tariffID) (version \(version.name)) in \(stepYear)"
                )
            }
            let scale = percent.scale
            let denominator = powerOfTen(scale + 2)  // 100 · 10^scale
            let numerator = Int128(rate.ore) * (denominator + Int128(percent.units))
            do throws(ArithmeticOverflow) {
                let exact = Exact(numerator: numerator, denominator: denominator)
                let next = try exact.rounded(to: indexation.rounding.step, indexation.rounding.mode)
                derivation.steps.append(
                    RateStep(
                        year: stepYear, previous: rate, percent: percent, series: series.id,
                        publication: publication,
                        exact: exact, rate: next))
                rate = next
            } catch {
                throw RequestError(error)
            }
        }
        return derivation
    }

    static func monthName(_ month: Int) -> String {
        [
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December",
        ][month - 1]
    }
}
