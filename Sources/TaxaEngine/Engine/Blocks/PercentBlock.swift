import TaxaBase

/// `{"percent": {"of": INPUT, "percent": "1.25", "of_at_most"?: AMOUNT}}`: a percentage of an
/// input in kronor (a turnover, a monthly income), the input taken at most `of_at_most`. A
/// percentage of the fee's quantity input is of the billed quantity (`PricingLine.number`).
package struct PercentBlock: DeclaredBlock {
    package static let key = "percent"
    static let declaration = BlockDeclaration(
        summary: "a percentage of an input (taken at most a limit)",
        value: .object(shape),
        doc: """
            The input (in kronor, taken at most `of_at_most`) × `percent` ÷ 100. *"3 % av inkomsten,
            högst av 47 490 kr"*.
            """,
        examples: [#"{ "percent": { "of": "omsattning", "percent": "1.25", "of_at_most": "47490.00" } }"#])
    static let shape = ObjectShape(
        what: "a percentage",
        keys: [
            DeclaredKey("of", .input(numeric: true), .required, "the input in kronor (on the quantity input, its billed quantity)"),
            DeclaredKey("percent", .ratio, .required, "the percentage"),
            DeclaredKey("of_at_most", .amount, .optional, "the most of the input the percentage is taken of"),
        ])
    let input: Int
    let inputName: String
    let percent: ScaledDecimal
    let ofAtMost: AmountSource?

    init(input: Int, inputName: String, percent: ScaledDecimal, ofAtMost: AmountSource?) {
        self.input = input
        self.inputName = inputName
        self.percent = percent
        self.ofAtMost = ofAtMost
    }

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        var inner = context
        inner.path = context.path.appending("of_at_most")
        let (input, percent, ofAtMost) = try DeclaredObject.read(value, Self.shape) { object throws(FieldError) in
            (
                try object.read("of") { v throws(FieldError) in try context.input(v, numeric: true) },
                try object.read("percent") { v throws(FieldError) in try Read.factor(v, what: "a percentage") },
                try object.readIfPresent("of_at_most") { v throws(FieldError) in try AmountSourceParser.parse(v, context: inner) }
            )
        }
        self.input = input.index
        inputName = input.input.name
        self.percent = percent
        self.ofAtMost = ofAtMost
    }

    package func setsAmount(after amountSet: Bool) -> Bool { true }

    package var discardsAmountSoFar: Bool { true }
    package var setsAmountItself: Bool { true }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let limit = try ofAtMost.map { source throws(BlockFailure) in try line.amount(source, explain: state.trace != nil) }
        do throws(ArithmeticOverflow) {
            var base = try line.number(input).multiplied(by: 100)  // kronor → öre
            var limited = ""
            var limitedFrom: Exact?
            if let limit {
                state.record(limit)
                if limit.value < base {
                    limitedFrom = base
                    if state.explaining {
                        limited = " (\(inputName) \(SwedishText.kronor(base)) räknas som högst \(SwedishText.kronor(limit.value)))"
                    }
                    base = limit.value
                }
            }
            state.amount = try base.multiplied(by: Int128(percent.units), dividedBy: powerOfTen(percent.scale + 2))
            line.steps?.started(percent: percent, base: base, limitedFrom: limitedFrom, amount: state.current)
            if state.explaining {
                state.explain("\(SwedishText.percent(percent)) av \(SwedishText.kronor(base))\(limited) = \(SwedishText.kronor(state.current)).")
            }
        } catch {
            throw .overflow(error)
        }
    }

    package func describe(_ context: DescribeContext) -> String {
        "\(SwedishText.percent(percent)) av \(inputName)" + (ofAtMost.map { " (räknat på högst \(context.amount($0)))" } ?? "")
    }

    package var amountSources: [(path: JSONPath, source: AmountSource)] {
        ofAtMost.map { [(JSONPath([.key("of_at_most")]), $0)] } ?? []
    }
}
