import TaxaBase

/// Where an amount in a price comes from: written in the tariff, a share of an amount index
/// (the prisbasbelopp of the fee year), or a base amount chained yearly by a percentage index
/// (LÅFF's hourly rate and PKV).
package enum AmountSource: Sendable {
    case constant(Money)
    case seriesShare(SeriesShare)
    case chained(ChainedAmount)
}

/// `value of series for the fee year × factor ÷ dividedBy`, optionally rounded: 1,5 % of the
/// prisbasbelopp, or 0,5392 × prisbasbelopp ÷ 12 rounded to whole kronor.
package struct SeriesShare: Sendable, Equatable {
    package var series: String
    package var factor: ScaledDecimal
    /// True when the file wrote the factor as a percentage (texts say "1,5 %" rather than "× 0,015").
    package var asPercent: Bool
    package var dividedBy: Int64
    package var rounding: MoneyRounding?
    /// `<file>#<path>`: the key under which its yearly values are derived once at load (empty:
    /// not derived at load).
    package var cacheKey: String = ""
}

/// A base amount indexed yearly by a percentage series from the year of `valid_from`.
///
/// A class, shared rather than copied: with its indexation it would be by far the largest
/// payload of `AmountSource`, which a block copies each time it reads its amount (as a struct,
/// a call to memcpy per copy, and a retain of each of its strings per reading).
package final class ChainedAmount: Sendable, Equatable {
    package let base: Money
    package let indexation: Indexation
    /// `<file>#<path>`: the key under which its yearly values are derived once at load.
    package let cacheKey: String
    /// What the amount is, in the `index_missing` message ("the hourly rate").
    package let what: String
    /// Where its indexation rule is written in the version file (`indexation` in an hourly
    /// file, `…indexed_by` under an amount), for `taxa check`'s messages.
    package let indexedAt: JSONPath

    package init(base: Money, indexation: Indexation, cacheKey: String, what: String, indexedAt: JSONPath) {
        self.base = base
        self.indexation = indexation
        self.cacheKey = cacheKey
        self.what = what
        self.indexedAt = indexedAt
    }

    package static func == (a: ChainedAmount, b: ChainedAmount) -> Bool {
        a === b || (a.base == b.base && a.indexation == b.indexation && a.cacheKey == b.cacheKey && a.what == b.what)
    }
}

/// The index series and cut-off one request prices with, and the values derived at load.
@usableFromInline package struct IndexAccess: Sendable {
    package var indices: [String: IndexSeries]
    package var asOf: CivilDate?
    package var rates: RateCache?

    package init(indices: [String: IndexSeries], asOf: CivilDate?, rates: RateCache?) {
        self.indices = indices
        self.asOf = asOf
        self.rates = rates
    }
}

/// An amount as evaluated for one version and fee year, with the index values it used.
package struct AmountValue: Sendable {
    package var value: Exact
    package var uses: [IndexUse] = []
    /// The chained derivation, for an indexed amount.
    package var rate: RateDerivation? = nil
    /// How it was derived, in Swedish (filled only when asked for).
    package var derivation: [String] = []
}

extension AmountSource {
    /// The amount for `version` in fee year `year`. Fails with `index_missing` when an index
    /// value it needs is not recorded (or not published by `as_of`).
    package func evaluate(
        version: TariffVersion, year: Int, access: IndexAccess,
        explain: Bool
    ) throws(RequestError) -> AmountValue {
        switch self {
        case .constant(let money):
            return AmountValue(value: Exact(money))
        case .seriesShare(let share):
            // Derived at load, unless the derivation's words are wanted.
            if !explain, access.asOf == nil, let cached = access.rates?.amount(share.cacheKey, of: version, year: year) {
                return try cached.get()
            }
            return try share.evaluate(version: version, year: year, access: access, explain: explain)
        case .chained(let chained):
            var value: AmountValue
            if access.asOf == nil, let cached = access.rates?.amount(chained.cacheKey, of: version, year: year) {
                value = try cached.get()
            } else {
                let derivation = try RateIndexation.derive(
                    version: version, base: chained.base, indexation: chained.indexation,
                    year: year, indices: access.indices, asOf: access.asOf,
                    what: chained.what)
                value = AmountValue(
                    value: Exact(derivation.rate), uses: derivation.steps.compactMap { $0.decision == nil ? IndexUse($0) : nil }, rate: derivation)
            }
            if explain, let derivation = value.rate {
                value.derivation = SwedishText.derivation(derivation, indexation: chained.indexation)
            }
            return value
        }
    }

    /// The key under which an amount taken from an index is derived at load (nil: a constant).
    package var cacheKey: String? {
        switch self {
        case .constant: nil
        case .seriesShare(let share): share.cacheKey
        case .chained(let chained): chained.cacheKey
        }
    }

    /// The constant, when the amount is one.
    package var constant: Money? {
        if case .constant(let money) = self { return money }
        return nil
    }
}

extension SeriesShare {
    func evaluate(version: TariffVersion, year: Int, access: IndexAccess, explain: Bool) throws(RequestError) -> AmountValue {
        guard let index = access.indices[series] else {
            throw RequestError(.indexMissing, "the index series \(series) is not loaded")
        }
        guard let (amount, publication) = index.amount(forYear: year, asOf: access.asOf) else {
            let visible = access.asOf.map { " published on or before as_of \($0)" } ?? ""
            throw RequestError(
                .indexMissing,
                "no \(series) value for \(year)\(visible) is recorded in \(index.file); it is needed by \(version.tariffID) (version \(version.name)) in \(year)"
            )
        }
        do throws(ArithmeticOverflow) {
            let unrounded = try Exact(kronor: amount).multiplied(
                by: Int128(factor.units),
                dividedBy: powerOfTen(factor.scale) * Int128(dividedBy))
            let use = IndexUse(series: series, published: publication.published, year: year, value: amount.description)
            var value = AmountValue(value: unrounded, uses: [use])
            if let rounding { value.value = Exact(try unrounded.rounded(to: rounding.step, rounding.mode)) }
            if explain {
                let share =
                    asPercent
                    ? SwedishText.percent(ScaledDecimal(units: factor.units, scale: factor.scale - 2)) + " av"
                    : SwedishText.decimal(factor) + " ×"
                var text =
                    "\(series) \(year): \(SwedishText.kronor(Exact(kronor: amount))) (\(publication.title), \(publication.published)); \(share) \(series) \(SwedishText.kronor(Exact(kronor: amount)))"
                if dividedBy != 1 { text += " ÷ \(dividedBy)" }
                text += " = \(SwedishText.kronor(unrounded))"
                if let rounding {
                    text += ", \(SwedishText.rounding(rounding)) = \(SwedishText.kronor(value.value))"
                }
                value.derivation = [text + "."]
            }
            return value
        } catch {
            throw RequestError(error)
        }
    }
}
