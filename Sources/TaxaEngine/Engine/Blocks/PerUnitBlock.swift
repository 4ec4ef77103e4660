import TaxaBase

/// `{"per_unit": {"price": AMOUNT, "per": 60}}`: the billed quantity × price ÷ per, e.g. billed
/// minutes × an hourly rate ÷ 60.
package struct PerUnitBlock: PriceBlock {
    package static let key = "per_unit"
    package static let summary = "the billed quantity × a price per unit"
    let price: AmountSource
    let per: Int64

    init(price: AmountSource, per: Int64) {
        self.price = price
        self.per = per
    }

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        guard context.quantity != nil else {
            throw FieldError("prices a quantity, but the fee declares none; add \"quantity\" to the fee")
        }
        let object = try ObjectFields(value, what: "a per-unit price")
        try object.onlyKeys(["price", "per"])
        var inner = context
        inner.path = context.path.appending("price")
        price = try object.read("price") { v throws(FieldError) in try AmountSourceParser.parse(v, context: inner) }
        per = try object.readIfPresent("per") { v throws(FieldError) in try Read.integer(v, in: 1...1_000_000) } ?? 1
    }

    package func setsAmount(after amountSet: Bool) -> Bool { true }

    package var discardsAmountSoFar: Bool { true }
    package var setsAmountItself: Bool { true }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let value = try line.amount(price, explain: state.trace != nil)
        state.record(value)
        let quantity = line.quantity ?? .zero
        do throws(ArithmeticOverflow) {
            state.amount = try quantity.times(value.value).multiplied(by: 1, dividedBy: Int128(per))
        } catch {
            throw .overflow(error)
        }
        state.unitPrice = value.value.isWholeOre ? Money(ore: Int64(value.value.numerator)) : nil
        state.per = per
        state.rate = value.rate
        line.steps?.started(.perUnit(price: value.value, per: per), amount: state.current)
        if state.explaining {
            let unit = line.fee.quantity?.unit ?? ""
            let perText = per == 1 ? "" : " / \(per)"
            state.explain("\(SwedishText.number(quantity)) \(unit) × \(SwedishText.kronor(value.value))\(perText) = \(SwedishText.kronor(state.current)).")
        }
    }

    package func describe(_ context: DescribeContext) -> String {
        let unit = context.fee.quantity?.unit ?? ""
        return per == 1 ? "\(context.amount(price)) × antal \(unit)" : "\(context.amount(price)) per \(per) \(unit)"
    }

    package var amountSources: [(path: JSONPath, source: AmountSource)] { [(JSONPath([.key("price")]), price)] }
}
