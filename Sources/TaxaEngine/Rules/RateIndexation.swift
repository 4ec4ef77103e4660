import TaxaBase

/// One year's step of the chained indexation: last year's rounded rate × (1 + index/100),
/// rounded by the tariff's rule.
package struct RateStep: Sendable, Equatable {
    package var year: Int
    /// The year of the index value applied (the step's year, or as many years before it as the
    /// tariff says).
    package var valueYear: Int
    /// The council's decision, when the raise was decided year by year rather than read from a
    /// series (then `publication` holds its date and reference, and no index value is used).
    package var decision: DecidedRaise? = nil
    package var previous: Money
    package var percent: ScaledDecimal
    package var series: String
    package var publication: IndexPublication
    /// The exact product before rounding, in öre.
    package var exact: Exact
    package var rate: Money

    /// The exact product before rounding, in kronor ("1235.829").
    package var unrounded: String { exact.kronorText }
}

/// The hourly rate of one tariff version in one fee year, with every step that produced it.
///
/// A class, immutable once derived: a derivation is derived once at load and then handed from
/// the rate cache to each priced line and invoice line of every request; one shared reference
/// costs one retain where a struct's copy retained its version and its steps, and reading
/// `rate` reads through it rather than copying it out.
package final class RateDerivation: Sendable, Equatable {
    package let version: TariffVersion
    package let year: Int
    package let base: Money
    package let steps: [RateStep]
    /// The derived amount: the last step's, or the decided amount itself.
    package let rate: Money

    package init(version: TariffVersion, year: Int, base: Money, steps: [RateStep]) {
        self.version = version
        self.year = year
        self.base = base
        self.steps = steps
        rate = steps.last?.rate ?? base
    }

    package static func == (a: RateDerivation, b: RateDerivation) -> Bool {
        a === b || (a.version == b.version && a.year == b.year && a.base == b.base && a.steps == b.steps)
    }
}

/// Computes indexed amounts (LÅFF's hourly rate). In the year of `valid_from` the decided
/// amount applies; each later year Y applies the index value for Y from the publication of the
/// configured month of Y − `publicationYearsBefore` to the previous year's *rounded* amount
/// (chained rounding).
package enum RateIndexation {
    /// `what` names the amount in the `index_missing` message ("the hourly rate").
    package static func derive(
        version: TariffVersion, base: Money, indexation: Indexation?, year: Int,
        indices: [String: IndexSeries], asOf: CivilDate?,
        what: String = "the hourly rate"
    ) throws(RequestError) -> RateDerivation {
        let firstYear = version.validFrom.year
        guard year > firstYear, let indexation else { return RateDerivation(version: version, year: year, base: base, steps: []) }
        if let raises = indexation.raises {
            return try decided(raises, version: version, base: base, indexation: indexation, year: year, asOf: asOf, what: what)
        }
        guard let series = indices[indexation.series] else {
            throw RequestError(.indexMissing, "the index series \(indexation.series) is not loaded")
        }
        var steps: [RateStep] = []
        var rate = base
        for stepYear in (firstYear + 1)...year {
            let publicationYear = stepYear - indexation.publicationYearsBefore
            let valueYear = stepYear - indexation.valueYearsBefore
            guard
                let (percent, publication) = series.value(
                    forYear: valueYear, publishedIn: publicationYear,
                    month: indexation.publicationMonth, asOf: asOf)
            else {
                let visible = asOf.map { " on or before as_of \($0)" } ?? ""
                throw RequestError(
                    .indexMissing,
                    "no \(series.id) value for \(valueYear) published in \(monthName(indexation.publicationMonth)) \(publicationYear)\(visible) is recorded in \(series.file); it is needed for \(what) of \(version.tariffID) (version \(version.name)) in \(stepYear)"
                )
            }
            let step = try RateStep(
                year: stepYear, valueYear: valueYear, previous: rate, percent: percent, series: series.id,
                publication: publication, rounding: indexation.rounding)
            steps.append(step)
            rate = step.rate
        }
        return RateDerivation(version: version, year: year, base: base, steps: steps)
    }

    /// The chain of raises the council decided year by year; a year without a recorded
    /// decision (or one decided after `asOf`) cannot be priced.
    private static func decided(
        _ raises: [DecidedRaise], version: TariffVersion, base: Money, indexation: Indexation, year: Int, asOf: CivilDate?,
        what: String
    ) throws(RequestError) -> RateDerivation {
        var steps: [RateStep] = []
        var rate = base
        for stepYear in (version.validFrom.year + 1)...year {
            guard let raise = raises.first(where: { $0.year == stepYear && (asOf == nil || $0.decided <= asOf!) }) else {
                let visible = asOf.map { " decided on or before as_of \($0)" } ?? ""
                throw RequestError(
                    .indexMissing,
                    "no raise for \(stepYear)\(visible) is recorded in \(version.file) (indexed_by.raises); it is needed for \(what) of \(version.tariffID) (version \(version.name)) in \(stepYear): record the council's decision for \(stepYear), a raise or \"none\""
                )
            }
            var step = try RateStep(
                year: stepYear, valueYear: stepYear, previous: rate, percent: raise.percent ?? ScaledDecimal(units: 0, scale: 0),
                series: "",
                publication: IndexPublication(published: raise.decided, title: raise.decision, source: raise.decision, values: [:]),
                rounding: indexation.rounding)
            step.decision = raise
            steps.append(step)
            rate = step.rate
        }
        return RateDerivation(version: version, year: year, base: base, steps: steps)
    }

    package static func monthName(_ month: Int) -> String {
        [
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December",
        ][month - 1]
    }
}

extension RateStep {
    /// Last year's rounded rate × (1 + percent/100), rounded by `rounding`.
    init(
        year: Int, valueYear: Int, previous: Money, percent: ScaledDecimal, series: String, publication: IndexPublication,
        rounding: MoneyRounding
    ) throws(RequestError) {
        let scale = percent.scale
        let denominator = powerOfTen(scale + 2)  // 100 · 10^scale
        do throws(ArithmeticOverflow) {
            let numerator = try Exact.multiply(Int128(previous.ore), denominator + Int128(percent.units))
            let exact = Exact(numerator: numerator, denominator: denominator)
            self.init(
                year: year, valueYear: valueYear, previous: previous, percent: percent, series: series,
                publication: publication, exact: exact, rate: try exact.rounded(to: rounding.step, rounding.mode))
        } catch {
            throw RequestError(error)
        }
    }
}
