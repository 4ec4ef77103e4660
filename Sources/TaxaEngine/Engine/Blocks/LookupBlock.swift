import TaxaBase

/// `{"lookup": {"input": INPUT, "cases": {"1": [BLOCK…], …}, "otherwise"?: [BLOCK…]}}`: the case
/// named by the input's value (a child's order, a meter size, a choice of services) continues
/// the pipeline with its own blocks. A lookup on the fee's quantity input finds the case of the
/// billed quantity (`PricingLine.number`).
package struct LookupBlock: DeclaredBlock {
    package static let key = "lookup"
    static let declaration = BlockDeclaration(
        summary: "cases by an input's value, each continuing with its own blocks",
        value: .object(shape),
        doc: """
            The case named by the input's value (a child's order, a meter size, a choice of services)
            continues with its blocks, then the blocks after `lookup`. A case is keyed by a value the
            input can take: a choice's string, an integer's digits in its range (on a summed quantity, any
            integer), a decimal written without trailing zeros (`"2.5"`).
            """,
        notes: """
            A value with no case and no `otherwise` is **not offered** (`not_offered`, at the input's path,
            `items[N].inputs.NAME`), as an empty cell: a lookup may list only the values the tariff offers.
            """,
        examples: [
            #"""
            { "lookup": { "input": "barn", "cases": {
              "1": [ { "fixed": "1200.00" } ],
              "2": [ { "fixed": "800.00" } ] },
              "otherwise": [ { "fixed": "0.00" } ] } }
            """#
        ])
    static let shape = ObjectShape(
        what: "a lookup",
        keys: [
            DeclaredKey("input", .input(numeric: false), .required, "the input whose value names the case (on the quantity input, the billed quantity)"),
            DeclaredKey("cases", .cases(.pipeline, count: 1...Limits.cases), .required, "the blocks of each value"),
            DeclaredKey("otherwise", .pipeline, .optional, "the blocks of every value no case names"),
        ])
    package let input: Int
    package let inputName: String
    package let cases: [(value: String, blocks: [any PriceBlock])]
    /// Each case's key as the integer it names (when it is one): an integer input finds its
    /// case without writing its digits out.
    let integerKeys: [Int64?]
    /// Each case's key as the number it names, for a numeric input (a billed quantity is found
    /// by its value, whatever its spelling).
    let numberKeys: [Exact?]
    package let otherwise: [any PriceBlock]?
    let leavesAmount: Bool

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        var leaves = true
        var cases: [(String, [any PriceBlock])] = []
        let ((index, declared), otherwise) = try DeclaredObject.read(value, Self.shape) { object throws(FieldError) in
            let (index, declared) = try object.read("input") { v throws(FieldError) in try context.input(v, numeric: false) }
            // A summed quantity may exceed one item's range: its case keys are not bounded by it.
            let summed = context.isSummedQuantity(index)
            let members = try object.read("cases", LookupBlock.cases)
            for (key, member) in members {
                try inside("cases") { () throws(FieldError) in
                    try inside(key) { () throws(FieldError) in
                        try LookupBlock.check(key, against: declared, summed: summed)
                        if let twin = cases.first(where: { $0.0 == key }) {
                            throw FieldError(SameText.repeated("the case", key, as: twin.0) + "; a value has one case")
                        }
                        var inner = context
                        inner.path = context.path.appending("cases").appending(key)
                        inner.depth += 1
                        let (blocks, sets) = try BlockRegistry.parsePipeline(member, context: inner)
                        cases.append((key, blocks))
                        leaves = leaves && sets
                    }
                }
            }
            var inner = context
            inner.path = context.path.appending("otherwise")
            inner.depth += 1
            let otherwise = try object.readIfPresent("otherwise") { v throws(FieldError) in try BlockRegistry.parsePipeline(v, context: inner) }
            return ((index, declared), otherwise)
        }
        input = index
        inputName = declared.name
        if let otherwise { leaves = leaves && otherwise.1 }
        self.cases = cases
        integerKeys = cases.map { key, _ in Int64(key).flatMap { String($0) == key ? $0 : nil } }
        numberKeys = cases.map { key, _ in ScaledDecimal.parse(key, maxScale: 4, allowNegative: true).map(Exact.plain) }
        self.otherwise = otherwise?.0
        leavesAmount = leaves
    }

    /// A case key must be a value the input can take.
    /// The members of `cases`, an object of 1–`Limits.cases` cases keyed by the input's value
    /// (a lookup block's and a lookup factor's alike).
    static func cases(_ value: JSONValue) throws(FieldError) -> [(key: String, value: JSONValue)] {
        guard value.kind == .object, (1...Limits.cases).contains(value.count) else {
            throw FieldError(
                "expected an object of 1–\(Limits.cases) cases keyed by the input's value, got \(value.kind == .object ? "\(value.count) cases" : value.kind.name)"
            )
        }
        return value.members
    }

    static func check(_ key: String, against input: FeeInput, summed: Bool) throws(FieldError) {
        switch input.kind {
        case .choice(let values):
            guard values.contains(key) else {
                throw FieldError("is not a value of the input \(input.name) (expected one of: \(values.joined(separator: ", ")))")
            }
        case .integer(let range):
            guard let number = Int64(key), String(number) == key, summed || range.contains(number) else {
                throw FieldError(
                    summed
                        ? "expected an integer as the case key, the input \(input.name) being an integer (summed: any integer)"
                        : "expected an integer from \(range.lowerBound) to \(range.upperBound) as the case key, the input \(input.name) being an integer")
            }
        case .decimal:
            guard ScaledDecimal.parse(key, maxScale: 4, allowNegative: true)?.description == key else {
                throw FieldError("expected a decimal written without trailing zeros as the case key, e.g. \"2.5\"")
            }
        }
    }

    package func setsAmount(after amountSet: Bool) -> Bool { leavesAmount }

    /// Every case (and `otherwise`) starts by setting an amount of its own.
    package var discardsAmountSoFar: Bool {
        cases.allSatisfy { TaxaEngine.discardsAmountSoFar($0.blocks) } && (otherwise.map(TaxaEngine.discardsAmountSoFar) ?? true)
    }

    package var setsAmountItself: Bool {
        cases.allSatisfy { $0.blocks.last?.setsAmountItself ?? false } && (otherwise.map { $0.last?.setsAmountItself ?? false } ?? true)
    }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let match: Int?
        if line.isBilledQuantity(input) {
            let value = line.number(input)
            match = numberKeys.firstIndex(of: value)
        } else {
            switch line.inputs[input] {
            case .integer(let value):
                match = integerKeys.firstIndex(of: value)
            case .choice(let value):
                // Case keys are distinct as text (checked at load): the byte-equal one, if any, is the only match.
                match = cases.firstIndex { $0.value.sameBytes(value) } ?? cases.firstIndex { $0.value == value }
            case .decimal:
                let key = line.inputs[input].text
                match = cases.firstIndex { $0.value == key }
            }
        }
        let billed = line.isBilledQuantity(input) ? " (debiterad mängd)" : ""
        if let match {
            if state.explaining { state.explain("\(inputName)\(billed) = \(line.valueSwedish(input)).") }
            try BlockRegistry.run(cases[match].blocks, &state, line)
        } else if let otherwise {
            if state.explaining { state.explain("\(inputName)\(billed) = \(line.valueSwedish(input)): övriga fall.") }
            try BlockRegistry.run(otherwise, &state, line)
        } else {
            // A case the tariff leaves out is not offered (the input itself is valid).
            throw .notOffered(
                message:
                    "fees.\(line.fee.key) is not offered for \(inputName)\(line.isBilledQuantity(input) ? " (the billed quantity of the line)" : "") = \(line.valueText(input)): the tariff lists no case for it (it lists: \(cases.map(\.value).joined(separator: ", ")))",
                input: input)
        }
    }

    package func describe(_ context: DescribeContext) -> String {
        var cases = self.cases.map { "\($0.value): \(context.pipeline($0.blocks))" }
        if let otherwise { cases.append("övriga: \(context.pipeline(otherwise))") }
        return "efter \(inputName) [" + cases.joined(separator: "; ") + "]"
    }

    package var amountSources: [(path: JSONPath, source: AmountSource)] {
        var found: [(path: JSONPath, source: AmountSource)] = []
        let all =
            cases.map { (JSONPath([.key("cases"), .key($0.value)]), $0.blocks) }
            + (otherwise.map { [(JSONPath([.key("otherwise")]), $0)] } ?? [])
        for (prefix, blocks) in all {
            for (index, block) in blocks.enumerated() {
                for (path, source) in block.amountSources {
                    found.append((prefix.appending(.index(index)).appending(type(of: block).key).appending(path), source))
                }
            }
        }
        return found
    }
}
