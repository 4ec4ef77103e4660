import TaxaBase

/// A price pipeline that is only a constant price per unit and then, optionally, a rounding:
/// `[{"per_unit": {"price": "142549.00", "per": 12}}, {"round": …}]` (written out or as a
/// defined pipeline, `use`); any other block (tiers, a table, a factor, an added amount, …)
/// leaves the pipeline to its blocks. Derived at load from the
/// blocks and evaluated without them, by the same exact operations in the same order: the
/// per-capita form prices up to 100 groups × 120 months of such lines in one request, where
/// running the blocks one by one costs several times the arithmetic itself. Used only without
/// `explain` (the blocks write the explanation); tests check it against running the blocks.
@usableFromInline package struct LinearPrice: Sendable {
    /// The price per `per` units.
    @usableFromInline let price: Exact
    @usableFromInline let unitPrice: Money
    @usableFromInline let per: Int64
    @usableFromInline let rounding: MoneyRounding?

    init?(_ written: [any PriceBlock]) {
        guard let (first, rounding) = PipelineShape.oneBlockThenRounding(written, PerUnitBlock.self),
            case .constant(let price) = first.price
        else { return nil }
        self.rounding = rounding
        self.price = Exact(price)
        unitPrice = price
        per = first.per
    }

    /// The steps a line's text shows of this pipeline, as the blocks would record them: only a
    /// rounding that changed the amount needs recording.
    /// `amount` is the pipeline's amount, `beforeRounding` the amount before its rounding.
    func steps(beforeRounding: Exact?, amount: Exact) -> LineSteps? {
        guard let rounding, let before = beforeRounding, before != amount else { return nil }
        let steps = LineSteps(start: .perUnit(price: price, per: per), amount: before)
        steps.steps.append(.round(rounding, result: amount))
        return steps
    }

    /// The state the pipeline leaves after pricing `quantity` (`PerUnitBlock`, then `RoundBlock`).
    @inlinable func state(_ quantity: Exact) throws(BlockFailure) -> PriceState {
        try Self.state(quantity, price: price, unitPrice: unitPrice, per: per, rounding: rounding)
    }

    /// The state `PerUnitBlock` and then `RoundBlock` (if `rounding`) leave, by the same exact
    /// operations: `quantity` × `price` ÷ `per`, rounded.
    @inlinable static func state(
        _ quantity: Exact, price: Exact, unitPrice: Money?, per: Int64, rounding: MoneyRounding?
    ) throws(BlockFailure) -> PriceState {
        // Built once at the end: a state filled in step by step is copied on the way out.
        let (amount, beforeRounding) = try amounts(quantity, price: price, per: per, rounding: rounding)
        return PriceState(amount: amount, unitPrice: unitPrice, per: per, beforeRounding: beforeRounding)
    }

    /// The amount `PerUnitBlock` and then `RoundBlock` (if `rounding`) leave, and the amount
    /// before the rounding (nil without one).
    @inlinable static func amounts(
        _ quantity: Exact, price: Exact, per: Int64, rounding: MoneyRounding?
    ) throws(BlockFailure) -> (amount: Exact, beforeRounding: Exact?) {
        do throws(ArithmeticOverflow) {
            // A whole quantity (minutes, counts) at a price in öre is one product over `per`,
            // reduced once: the same exact value as the general product, at a third of its cost.
            let amount =
                quantity.denominator == 1 && price.denominator == 1
                ? Exact(numerator: try Exact.multiply(quantity.numerator, price.numerator), denominator: Int128(per))
                : try quantity.times(price).multiplied(by: 1, dividedBy: Int128(per))
            guard let rounding else { return (amount, nil) }
            return (Exact(try amount.rounded(to: rounding.step, rounding.mode)), amount)
        } catch {
            throw .overflow(error)
        }
    }
}
