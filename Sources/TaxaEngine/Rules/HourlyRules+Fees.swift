import TaxaBase

/// The hourly kind (LÅFF) as a composition of the engine's blocks: every charged activity is a
/// fee whose minutes are summed per fee year with the other charged activities (one group),
/// rounded up to whole increments and priced at the indexed hourly rate per 60 minutes; a free
/// activity is a fee of 0 kr whose minutes are summed over the request.
extension HourlyRules {
    /// The group the charged activities are summed in.
    static let chargedGroup = "hourly"
    static let minutesInput = FeeInput(name: "minutes", kind: .integer(0...Limits.entryMinutes), text: nil)

    /// The hourly rate as an amount of the engine: chained by its index year by year (derived
    /// at load, keyed by the version's `file`), or the rate as decided.
    static func price(rate: Money, indexation: Indexation?, file: String) -> AmountSource {
        indexation.map {
            .chained(
                ChainedAmount(
                    base: rate, indexation: $0, cacheKey: "\(file)#hourly.rate", what: "the hourly rate",
                    indexedAt: JSONPath([.key("indexation")])))
        } ?? .constant(rate)
    }

    static func compile(
        price: AmountSource, incrementMinutes: Int64, incrementRounding: RoundingMode, activities: [Activity]
    ) -> FeeRules {
        let charged: [any PriceBlock] = [PerUnitBlock(price: price, per: 60)]
        let free: [any PriceBlock] = [FixedBlock(amount: .constant(.zero))]
        var fees: [FeeDefinition] = []
        for (position, activity) in activities.enumerated() {
            let quantity: QuantityRule
            switch activity.charge {
            case .hourly:
                quantity = QuantityRule(
                    input: "minutes", inputIndex: 0, unit: "min", increment: incrementMinutes,
                    rounding: incrementRounding, less: nil, scope: .year, group: chargedGroup)
            case .free:
                quantity = QuantityRule(
                    input: "minutes", inputIndex: 0, unit: "min", increment: nil, rounding: nil,
                    less: nil, scope: .request, group: nil)
            }
            fees.append(
                FeeDefinition(
                    key: activity.key, name: activity.name, paragraph: activity.paragraph, text: activity.text,
                    inputs: [minutesInput], quantity: quantity, price: activity.charge == .hourly ? charged : free,
                    position: position, path: JSONPath([.key("activities"), .key(activity.key)])))
        }
        return FeeRules(fees: fees)
    }
}
