import TaxaBase

/// `{"per_unit": {"price": AMOUNT, "per": 60}}`: the billed quantity × price ÷ per, e.g. billed
/// minutes × an hourly rate ÷ 60.
package struct PerUnitBlock: DeclaredBlock {
    package static let key = "per_unit"
    static let declaration = BlockDeclaration(
        summary: "the billed quantity × a price ÷ `per`",
        value: .object(shape),
        doc: """
            The billed quantity × `price` ÷ `per`. Needs the fee's `quantity`. *"2 160 kr per timme, per
            påbörjad kvart"* (minutes, increment 15, per 60).
            """,
        notes: "The result line carries `unit_price` and `per` when the price is whole öre.",
        examples: [#"{ "per_unit": { "price": "2160.00", "per": 60 } }"#])
    static let shape = ObjectShape(
        what: "a per-unit price",
        keys: [
            DeclaredKey("price", .amount, .required, "the price of `per` units"),
            DeclaredKey("per", .integer(1...1_000_000), .defaulted("1"), "how many units `price` is for (60: a price per hour of minutes)"),
        ])
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
        var inner = context
        inner.path = context.path.appending("price")
        (price, per) = try DeclaredObject.read(value, Self.shape) { object throws(FieldError) in
            (try object.read("price") { v throws(FieldError) in try AmountSourceParser.parse(v, context: inner) }, try object.integer("per"))
        }
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
