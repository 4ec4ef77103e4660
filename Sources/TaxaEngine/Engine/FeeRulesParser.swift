import TaxaBase

/// Reads the rules of a `fees` tariff version: its fees (inputs, quantity, price pipeline),
/// caps, VAT and worked examples. See docs/rule-vocabulary.md.
package enum FeeRulesParser {
    static let keys = ["fees", "caps", "vat", "adjustments", "total_rounding", "definitions"]
    static let maxFees = Limits.fees

    static func parse(_ fields: ObjectFields, validFrom: CivilDate? = nil, log: ProblemLog) -> TariffRules? {
        // A fee's own VAT rule rounds as the version's does unless it says otherwise (the
        // version's rule itself is reported below).
        let vatRounding = (try? fields.readIfPresent("vat", parseVAT))??.rounding ?? FeeBillingParser.oreHalfUp
        // Read first: fees and caps use them. Until they read, the fees are not read either
        // (each use of a broken definition would only repeat its error).
        let definitions = log.attempt { () throws(FieldError) -> Definitions? in
            try fields.readIfPresent("definitions") { v throws(FieldError) in try Definitions(parsing: v, file: log.file, validFrom: validFrom) }
        }
        guard definitions != nil else { return nil }
        let base = BlockContext(
            inputs: [], quantity: nil, amountSet: false, file: log.file, path: .root, definitions: definitions ?? nil,
            validFrom: validFrom)
        let fees = log.attempt { () throws(FieldError) -> [FeeDefinition] in
            try fields.read("fees") { v throws(FieldError) in try parseFees(v, base: base, vatRounding: vatRounding) }
        }
        let caps = log.attempt { () throws(FieldError) -> [CapRule] in
            try fields.readIfPresent("caps") { v throws(FieldError) in try parseCaps(v, fees: fees ?? [], base: base) } ?? []
        }
        let vat = log.attempt { () throws(FieldError) -> VATRule? in
            try fields.readIfPresent("vat", parseVAT)
        }
        let totalRounding = log.attempt { () throws(FieldError) -> TotalRounding? in
            try fields.readIfPresent("total_rounding", FeeBillingParser.totalRounding)
        }
        // Unused definitions are reported only when everything else read: a fee that failed
        // early may be the one that uses them.
        if let definitions = definitions ?? nil, fees != nil, caps != nil {
            for unused in definitions.unused { log.error(unused.message, at: unused.path) }
        }
        guard let fees, let caps, let vat, let totalRounding else { return nil }
        guard
            log.attempt({ () throws(FieldError) in try inside("fees") { () throws(FieldError) in try FeeBillingParser.checkVATRules(fees, version: vat) } })
                != nil
        else { return nil }
        return .fees(
            FeeRules(fees: fees, caps: caps, vat: vat, totalRounding: totalRounding, definitionPaths: (definitions ?? nil)?.amountPaths ?? [:]))
    }

    /// A fee key or input name: lower-case letters, digits and `_`, as in requests.
    static func identifier(_ key: String, what: String) throws(FieldError) {
        guard (1...Limits.identifier).contains(key.utf8.count),
            key.utf8.allSatisfy({
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_")
            })
        else {
            throw FieldError("\(what) \"\(key)\" must be 1–\(Limits.identifier) characters of a–z, 0–9 and _")
        }
    }

    private static func parseFees(_ value: JSONValue, base: BlockContext, vatRounding: MoneyRounding) throws(FieldError) -> [FeeDefinition] {
        guard value.kind == .object, (1...maxFees).contains(value.count) else {
            throw FieldError("expected an object of 1–\(maxFees) fees keyed by fee key, got \(value.kind == .object ? "\(value.count) fees" : value.kind.name)")
        }
        var fees: [FeeDefinition] = []
        var groups: [String: (fee: String, shape: String)] = [:]
        for (position, (key, member)) in value.members.enumerated() {
            let (fee, shape) = try inside(key) { () throws(FieldError) in
                try parseFee(key, member, position: position, base: base, vatRounding: vatRounding)
            }
            if let group = fee.quantity?.group {
                if let first = groups[group], first.shape != shape {
                    throw FieldError(
                        "is in the group \"\(group)\" with \(first.fee) but is summed or priced differently; fees of one group share the same quantity and price",
                        at: JSONPath([.key(key), .key("quantity"), .key("group")]))
                }
                if let first = fees.first(where: { $0.quantity?.group == group }), first.accounting != fee.accounting || first.vat != fee.vat {
                    throw FieldError(
                        "is in the group \"\(group)\" with \(first.key) but has other accounting codes or VAT; a group's line carries one of each",
                        at: JSONPath([.key(key), .key("quantity"), .key("group")]))
                }
                // Items of a group share a line when their other inputs are equal, compared by
                // position, and the line is priced on its first item's inputs by the first fee's
                // blocks: inputs declared otherwise would let one item's value decide for another.
                if let first = groups[group], let leader = fees.first(where: { $0.key == first.fee }),
                    !sameDeclarations(leader.inputs, fee.inputs)
                {
                    throw FieldError(
                        "is in the group \"\(group)\" with \(first.fee) but declares other inputs; the items of a group are summed on one line and priced on one item's inputs, so every fee of the group declares the same inputs (names, types, ranges, defaults) in the same order",
                        at: JSONPath([.key(key), .key("inputs")]))
                }
                if groups[group] == nil { groups[group] = (key, shape) }
            }
            fees.append(fee)
        }
        return fees
    }

    /// Whether two fees declare the same inputs in the same order (their `text` aside).
    static func sameDeclarations(_ a: [FeeInput], _ b: [FeeInput]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.kind == $1.kind && $0.defaultValue == $1.defaultValue }
    }

    private static func parseFee(
        _ key: String, _ value: JSONValue, position: Int, base: BlockContext, vatRounding: MoneyRounding
    ) throws(FieldError) -> (FeeDefinition, String) {
        try identifier(key, what: "a fee key")
        let object = try ObjectFields(value, what: "a fee")
        try object.onlyKeys(["name", "paragraph", "text", "inputs", "quantity", "price", "accounting", "vat"])
        let inputs = try object.readIfPresent("inputs") { v throws(FieldError) in try parseInputs(v, definitions: base.definitions) } ?? []
        let quantity = try object.readIfPresent("quantity") { v throws(FieldError) in try parseQuantity(v, inputs: inputs) }
        let path = JSONPath([.key("fees"), .key(key)])
        var context = base
        context.inputs = inputs
        context.quantity = quantity
        context.path = path.appending("price")
        let (price, setsAmount) = try object.read("price") { v throws(FieldError) in try BlockRegistry.parsePipeline(v, context: context) }
        guard setsAmount else {
            throw FieldError(
                "never sets an amount; start the price with a block that sets one (\(BlockRegistry.setterNames)), in every band and case",
                at: JSONPath([.key("price")]))
        }
        let fee = FeeDefinition(
            key: key,
            name: try object.read("name") { v throws(FieldError) in try Read.string(v, length: 1...200) },
            paragraph: try object.readIfPresent("paragraph") { v throws(FieldError) in try Read.string(v, length: 1...100) },
            text: try object.read("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) },
            inputs: inputs, quantity: quantity, price: price, position: position, path: path,
            accounting: try object.readIfPresent("accounting", FeeBillingParser.accounting),
            vat: try object.readIfPresent("vat") { v throws(FieldError) in try FeeBillingParser.feeVAT(v, defaultRounding: vatRounding) })
        // Fees of a group must agree on how they are summed and priced: compare them as written.
        var shape = ""
        if let member = object.optional("quantity") { shape += member.compactText }
        if let member = object.optional("price") { shape += member.compactText }
        return (fee, shape)
    }

    private static func parseInputs(_ value: JSONValue, definitions: Definitions?) throws(FieldError) -> [FeeInput] {
        guard value.kind == .object, value.count <= Limits.inputs else {
            throw FieldError(
                "expected an object of at most \(Limits.inputs) inputs keyed by name, got \(value.kind == .object ? "\(value.count) inputs" : value.kind.name)")
        }
        var inputs: [FeeInput] = []
        for (name, member) in value.members {
            inputs.append(
                try inside(name) { () throws(FieldError) -> FeeInput in
                    // `{"use": NAME}`: an input declared once under `definitions`.
                    if let reference = Definitions.reference(member) {
                        guard let definitions else {
                            throw FieldError("names a definition, but the version file has no \"definitions\"", at: JSONPath([.key("use")]))
                        }
                        let (definition, entry) = try definitions.entry(reference, kind: .input)
                        return try definitions.read(definition, entry) { v throws(FieldError) in try parseInput(name, v) }
                    }
                    return try parseInput(name, member)
                })
        }
        return inputs
    }

    static let maxDecimal = ScaledDecimal(units: Limits.decimalInput, scale: 0)

    private static func parseInput(_ name: String, _ value: JSONValue) throws(FieldError) -> FeeInput {
        try identifier(name, what: "an input name")
        let object = try ObjectFields(value, what: "an input")
        let type = try object.read("type") { v throws(FieldError) in try Read.string(v, length: 1...20) }
        let text = try object.readIfPresent("text") { v throws(FieldError) in try Read.string(v, length: 1...2000) }
        var input: FeeInput
        switch type {
        case "integer":
            try object.onlyKeys(["type", "min", "max", "default", "text"])
            let bounds = -Limits.integerInput...Limits.integerInput
            let min = try object.readIfPresent("min") { v throws(FieldError) in try Read.integer(v, in: bounds) } ?? 0
            let max = try object.readIfPresent("max") { v throws(FieldError) in try Read.integer(v, in: bounds) } ?? Limits.integerInput
            guard min <= max else { throw FieldError("min \(min) is above max \(max)", at: JSONPath([.key("max")])) }
            input = FeeInput(name: name, kind: .integer(min...max), text: text)
        case "decimal":
            try object.onlyKeys(["type", "scale", "min", "max", "default", "text"])
            let scale = Int(try object.read("scale") { v throws(FieldError) in try Read.integer(v, in: 0...Int64(Limits.decimalInputScale)) })
            let bound = { (key: String) throws(FieldError) -> ScaledDecimal? in
                try object.readIfPresent(key) { v throws(FieldError) -> ScaledDecimal in
                    let number = try Read.decimal(v, maxScale: scale, allowNegative: true, what: "a bound with at most \(scale) decimals")
                    // In magnitude, whatever the scale: "100000000000000.00" is as far out as "100000000000000".
                    guard !(Exact.plain(maxDecimal) < Exact.plain(number)),
                        !(Exact.plain(number) < Exact.plain(ScaledDecimal(units: -maxDecimal.units, scale: 0)))
                    else {
                        throw FieldError("expected a bound of at most \(maxDecimal) in magnitude, got \(number)")
                    }
                    return number
                }
            }
            let min = try bound("min") ?? ScaledDecimal(units: 0, scale: 0)
            let max = try bound("max") ?? maxDecimal
            guard !(Exact.plain(max) < Exact.plain(min)) else { throw FieldError("min \(min) is above max \(max)", at: JSONPath([.key("max")])) }
            input = FeeInput(name: name, kind: .decimal(scale: scale, min: min, max: max), text: text)
        case "choice":
            try object.onlyKeys(["type", "values", "default", "text"])
            let values = try object.read("values") { v throws(FieldError) -> [String] in
                var values: [String] = []
                for (index, element) in try Read.array(v, count: 1...Limits.choiceValues, of: "strings").enumerated() {
                    let value = try inside(index: index) { () throws(FieldError) in try Read.string(element, length: 1...Limits.choiceValue) }
                    if let earlier = values.first(where: { $0 == value }) {
                        throw FieldError(
                            earlier.sameBytes(value) ? "\"\(value)\" is listed twice" : SameText.repeated("the value", value, as: earlier),
                            at: JSONPath([.index(index)]))
                    }
                    values.append(value)
                }
                return values
            }
            input = FeeInput(name: name, kind: .choice(values), text: text)
        default:
            throw FieldError("expected an input type, one of: integer, decimal, choice; got \"\(type)\"", at: JSONPath([.key("type")]))
        }
        input.defaultValue = try object.readIfPresent("default") { v throws(FieldError) in try FeeItemInputs.read(v, as: input) }
        return input
    }

    private static func parseQuantity(_ value: JSONValue, inputs: [FeeInput]) throws(FieldError) -> QuantityRule {
        let object = try ObjectFields(value, what: "a quantity rule")
        try object.onlyKeys(["input", "unit", "increment", "rounding", "less", "scope", "group"])
        let context = BlockContext(inputs: inputs, quantity: nil, amountSet: false, file: "", path: .root)
        let (index, input) = try object.read("input") { v throws(FieldError) in try context.input(v, numeric: true) }
        let increment = try object.readIfPresent("increment") { v throws(FieldError) in try Read.integer(v, in: 1...1_000_000) }
        let rounding = try object.readIfPresent("rounding", TariffVersionParser.rounding)
        if increment != nil, rounding == nil {
            throw FieldError("missing required key \"rounding\" (up, half_up or down): how a part of an increment is billed", at: JSONPath([.key("rounding")]))
        }
        if increment == nil, rounding != nil {
            throw FieldError("rounds to an increment, but \"increment\" is missing", at: JSONPath([.key("increment")]))
        }
        let scope = try object.read("scope") { v throws(FieldError) -> SummingScope in
            let text = try Read.string(v, length: 1...20)
            guard let scope = SummingScope(rawValue: text) else {
                throw FieldError("expected a scope, one of: \(SummingScope.allCases.map(\.rawValue).joined(separator: ", ")); got \"\(text)\"")
            }
            return scope
        }
        let group = try object.readIfPresent("group") { v throws(FieldError) -> String in
            let group = try Read.string(v, length: 1...Limits.identifier)
            try identifier(group, what: "a group")
            return group
        }
        return QuantityRule(
            input: input.name, inputIndex: index,
            unit: try object.read("unit") { v throws(FieldError) in try Read.string(v, length: 1...20) },
            increment: increment, rounding: rounding,
            less: try object.readIfPresent("less") { v throws(FieldError) in try Read.integer(v, in: 0...1_000_000_000) },
            scope: scope, group: group)
    }

    private static func parseCaps(_ value: JSONValue, fees: [FeeDefinition], base: BlockContext) throws(FieldError) -> [CapRule] {
        var caps: [CapRule] = []
        for (index, element) in try Read.array(value, count: 0...Limits.caps, of: "caps").enumerated() {
            caps.append(
                try inside(index: index) { () throws(FieldError) -> CapRule in
                    let object = try ObjectFields(element, what: "a cap")
                    try object.onlyKeys(["key", "name", "paragraph", "text", "fees", "period", "amount", "accounting"])
                    let key = try object.read("key") { v throws(FieldError) in try Read.string(v, length: 1...Limits.identifier) }
                    try inside("key") { () throws(FieldError) in try identifier(key, what: "a cap key") }
                    _ = try object.read("period") { v throws(FieldError) -> String in
                        let period = try Read.string(v, length: 1...20)
                        guard period == "month" else { throw FieldError("expected \"month\" (caps apply per calendar month), got \"\(period)\"") }
                        return period
                    }
                    let capped = try object.read("fees") { v throws(FieldError) -> [String] in
                        var keys: [String] = []
                        for (position, member) in try Read.array(v, count: 1...Limits.fees, of: "fee keys").enumerated() {
                            let key = try inside(index: position) { () throws(FieldError) -> String in
                                let key = try Read.string(member, length: 1...Limits.identifier)
                                guard let fee = fees.first(where: { $0.key == key }) else {
                                    throw FieldError("names the fee \"\(key)\", which this version does not have")
                                }
                                guard [.item, .day, .month].contains(fee.scope) else {
                                    throw FieldError(
                                        "names the fee \"\(key)\", summed per \(fee.scope.rawValue); a monthly cap needs fees summed per item, day or month")
                                }
                                return key
                            }
                            keys.append(key)
                        }
                        return keys
                    }
                    var context = base
                    context.path = JSONPath([.key("caps"), .index(index), .key("amount")])
                    return CapRule(
                        key: key,
                        name: try object.read("name") { v throws(FieldError) in try Read.string(v, length: 1...200) },
                        paragraph: try object.readIfPresent("paragraph") { v throws(FieldError) in try Read.string(v, length: 1...100) },
                        text: try object.read("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) },
                        fees: capped,
                        amount: try object.read("amount") { v throws(FieldError) in try AmountSourceParser.parse(v, context: context) },
                        accounting: try object.readIfPresent("accounting", FeeBillingParser.accounting))
                })
        }
        return caps
    }

    private static func parseVAT(_ value: JSONValue) throws(FieldError) -> VATRule {
        let object = try ObjectFields(value, what: "the VAT rule")
        try object.onlyKeys(["rate", "included", "rounding", "text", "accounting"])
        return VATRule(
            rate: try object.read("rate") { v throws(FieldError) -> ScaledDecimal in
                let rate = try Read.decimal(v, maxScale: 2, what: "a VAT rate in percent")
                guard rate.units > 0, let scaled = rate.rescaled(to: 2), scaled <= 100_00 else {
                    throw FieldError("expected a VAT rate above 0 and at most 100 percent, got \"\(rate)\"")
                }
                return rate
            },
            included: try object.read("included", Read.bool),
            rounding: try object.read("rounding", TariffVersionParser.moneyRounding),
            text: try object.read("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) },
            accounting: try object.readIfPresent("accounting", FeeBillingParser.accounting))
    }
}

extension JSONValue {
    /// The value as compact JSON text.
    var compactText: String {
        var writer = JSONWriter(reservingCapacity: 256)
        appendCompactJSON(to: &writer)
        return String(decoding: writer.finishLine().dropLast(), as: UTF8.self)
    }
}
