import TaxaBase

/// The shapes of a price pipeline that load-time prices (`LinearPrice`, `PercentPrice`) replace
/// with their arithmetic.
enum PipelineShape {
    /// One block of type `First`, then optionally a rounding, with defined pipelines (`use`)
    /// written out (a pipeline defined once is the same blocks written elsewhere); nil for any
    /// other pipeline.
    static func oneBlockThenRounding<First: PriceBlock>(
        _ written: [any PriceBlock], _ type: First.Type
    ) -> (block: First, rounding: MoneyRounding?)? {
        var blocks: [any PriceBlock] = []
        for block in written {
            if let use = block as? UseBlock { blocks += use.blocks } else { blocks.append(block) }
        }
        guard let first = blocks.first as? First else { return nil }
        switch blocks.count {
        case 1: return (first, nil)
        case 2:
            guard let round = blocks[1] as? RoundBlock else { return nil }
            return (first, round.rounding)
        default: return nil
        }
    }
}
