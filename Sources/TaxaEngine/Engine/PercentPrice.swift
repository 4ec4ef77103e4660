import TaxaBase

/// A price pipeline that is a percentage of one input, optionally rounded (`PercentBlock`
/// without `of_at_most`, then `RoundBlock`), precomputed at load so a line priced without
/// explanation or line text skips the blocks: the percentage form's one fee is such a pipeline,
/// and the blocks' fixed cost (the line and state they build) weighed more than its arithmetic.
/// The state it leaves is the one the blocks leave.
@usableFromInline package struct PercentPrice: Sendable {
    @usableFromInline let input: Int
    /// `percent` as a fraction of 100 öre per krona: units ÷ 10^(scale + 2).
    @usableFromInline let units: Int128
    @usableFromInline let divisor: Int128
    @usableFromInline let rounding: MoneyRounding?

    init?(_ written: [any PriceBlock]) {
        // 10^(scale + 2) must fit in 128 bits; a finer percentage keeps the blocks.
        guard let (first, rounding) = PipelineShape.oneBlockThenRounding(written, PercentBlock.self),
            first.ofAtMost == nil, first.percent.scale + 2 <= 38
        else { return nil }
        self.rounding = rounding
        input = first.input
        units = Int128(first.percent.units)
        divisor = powerOfTen(first.percent.scale + 2)
    }

    /// The state `PercentBlock` (and `RoundBlock`) leave on a line whose input is `number`.
    @inlinable func state(_ number: Exact) throws(BlockFailure) -> PriceState {
        do throws(ArithmeticOverflow) {
            let amount = try number.multiplied(by: 100).multiplied(by: units, dividedBy: divisor)  // kronor → öre
            guard let rounding else { return PriceState(amount: amount, unitPrice: nil, per: nil, beforeRounding: nil) }
            return PriceState(
                amount: Exact(try amount.rounded(to: rounding.step, rounding.mode)), unitPrice: nil, per: nil, beforeRounding: amount)
        } catch {
            throw .overflow(error)
        }
    }
}
