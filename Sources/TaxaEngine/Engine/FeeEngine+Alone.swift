import TaxaBase

extension FeeEngine {
    /// One item priced on a line of its own: the quantity step and the pipeline of `price`,
    /// without collecting lines. For request forms whose items never share a line and that have
    /// no caps, VAT or adjustments — a per-capita cell, the percentage form's one item — where
    /// collecting lines would cost more than the arithmetic. Errors are located by `naming`
    /// (made only for an error) as for item `item`.
    @inlinable package static func priceAlone(
        _ fee: FeeDefinition, version: TariffVersion, feeYear: Int, inputs: LineInputs, access: IndexAccess,
        item: Int, naming: @autoclosure () -> ItemNaming
    ) throws(RequestError) -> (state: PriceState, amount: Money) {
        let state: PriceState
        do throws(BlockFailure) {
            var billed: Exact?
            if let rule = fee.quantity {
                do { billed = try billedQuantity(rule, inputs[rule.inputIndex].number ?? .zero).billed } catch {
                    throw BlockFailure.overflow(error)
                }
            }
            state = try runPipeline(fee, version: version, feeYear: feeYear, inputs: inputs, billed: billed, access: access, explain: false)
        } catch {
            throw locate(error, fee: fee, item: item, naming: naming())
        }
        do { return (state, try state.current.money()) } catch { throw RequestError(error, at: naming().overflow(item)) }
    }
}
