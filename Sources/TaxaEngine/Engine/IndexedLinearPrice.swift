import TaxaBase

/// A price pipeline that is only a price per unit whose price is a chained indexed amount
/// (LÅFF's hourly rate: `{"per_unit": {"price": {"amount": "1201.00", "indexed_by": …}, "per": 60}}`)
/// and then, optionally, a rounding. The amount of each version and fee year is derived at
/// load (`RateCache`); a line without `explain` or `as_of` takes it from there and is priced by
/// `LinearPrice`'s arithmetic, without running the blocks: building the blocks' line and state
/// and evaluating the amount through them cost more than the product; without a rounding, its
/// text's record as well (`steps`). With `explain`, with `as_of`, for the text of a pipeline
/// with a rounding, or for a year not derived at load, the blocks run; tests check that both
/// give the same state and text.
@usableFromInline package struct IndexedLinearPrice: Sendable {
    /// The amount's key in the rate cache.
    let key: String
    let per: Int64
    let rounding: MoneyRounding?

    init?(_ written: [any PriceBlock]) {
        guard let (first, rounding) = PipelineShape.oneBlockThenRounding(written, PerUnitBlock.self),
            case .chained(let chained) = first.price
        else { return nil }
        // Only a chained amount (an hourly rate; what the tests compare with the blocks): a
        // share of a series takes the blocks.
        let key = chained.cacheKey
        self.key = key
        per = first.per
        self.rounding = rounding
    }

    /// The state `PerUnitBlock` (and `RoundBlock`) leave on `quantity` for `fee` (whose pipeline
    /// this is) in fee year `year`, or nil when the amount was not derived at load for that
    /// year (or its derivation failed: the blocks then derive it and report why) or `access`
    /// asks for the versions and index values as they stood on a day (`as_of`).
    func state(_ quantity: Exact, fee: FeeDefinition, year: Int, access: IndexAccess) throws(BlockFailure) -> PriceState? {
        guard let rate = rate(of: fee, year: year, access: access) else { return nil }
        return try state(quantity, rate: rate)
    }

    /// The price per unit derived at load for `fee` (whose pipeline this is) in fee year
    /// `year`; nil when it was not, or `access` asks for the values as they stood on a day.
    @usableFromInline func rate(of fee: FeeDefinition, year: Int, access: IndexAccess) -> LinearRate? {
        guard access.asOf == nil else { return nil }
        return access.rates?.linearRate(of: fee, year: year)
    }

    /// What a line's text shows of this pipeline priced at `rate` to `amount`, recorded as
    /// `PerUnitBlock` records it (the product it started from), or nil for a pipeline with a
    /// rounding, whose record the blocks make: the same record, so the same text, without them.
    func steps(amount: Exact, rate: LinearRate) -> LineSteps? {
        guard rounding == nil else { return nil }
        return LineSteps(start: .perUnit(price: rate.price, per: per), amount: amount)
    }

    /// The state on `quantity` at the price derived at load.
    @usableFromInline func state(_ quantity: Exact, rate: LinearRate) throws(BlockFailure) -> PriceState {
        // Made whole: a state filled in afterwards was copied on the way.
        let (amount, beforeRounding) = try LinearPrice.amounts(quantity, price: rate.price, per: per, rounding: rounding)
        return PriceState(
            amount: amount, unitPrice: rate.unitPrice, per: per, beforeRounding: beforeRounding, uses: rate.uses, rate: rate.rate)
    }
}
