import TaxaBase
import TaxaEngine

/// The schema of one fee's item: its inputs with type, range, scale and choices, and what its
/// price pipeline refuses (an input above the highest band, a lookup value without a case).
package enum FeeSchema {
    static func fee(_ fee: FeeDefinition) -> JSONTree {
        var properties: [(String, JSONTree)] = []
        for input in fee.inputs { properties.append((input.name, schema(input))) }
        let required = fee.inputs.filter { $0.defaultValue == nil }.map(\.name)
        var inputs: [(String, JSONTree)] = [
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("properties", .object(properties)),
        ]
        if !required.isEmpty { inputs.insert(("required", .array(required.map(JSONTree.string))), at: 1) }
        let constraints = FeeSchema.constraints(fee.price, fee)
        if !constraints.isEmpty { inputs.append(("allOf", .array(constraints))) }
        var member: [(String, JSONTree)] = [("properties", .object([("inputs", .object(inputs))]))]
        if !required.isEmpty { member.append(("required", .array([.string("inputs")]))) }
        let description = (fee.paragraph.map { "\($0): " } ?? "") + fee.text
        return .object(RequestSchema.text(fee.name, description) + member)
    }

    /// An input's values: an integer in its range, a decimal string in its range with at most
    /// its scale of decimals, or one of its choices.
    static func schema(_ input: FeeInput) -> JSONTree {
        var members: [(String, JSONTree)]
        var about = input.text.map { $0 + ". " } ?? ""
        switch input.kind {
        case .integer(let range):
            about += "Heltal \(range.lowerBound)–\(range.upperBound)."
            members = [("type", .string("integer")), ("minimum", .integer(range.lowerBound)), ("maximum", .integer(range.upperBound))]
        case .decimal(let scale, let min, let max):
            about += "Decimalsträng \(min)–\(max) med högst \(scale) decimaler."
            let pattern = SchemaPatterns.decimal(
                SchemaPatterns.scaled(min, to: scale, up: true), SchemaPatterns.scaled(max, to: scale), scale: scale)
            members = [("type", .string("string"))] + (pattern.map { [("pattern", .string($0))] } ?? [("not", .object([]))])
        case .choice(let values):
            about += "Ett av: \(values.joined(separator: ", "))."
            members = [("enum", .array(values.map(JSONTree.string)))]
        }
        if let value = input.defaultValue { members.append(("default", json(value))) }
        return .object(RequestSchema.text(input.name, about) + members)
    }

    static func json(_ value: InputValue) -> JSONTree {
        switch value {
        case .integer(let number): .integer(number)
        case .decimal(let number): .string(number.description)
        case .choice(let text): .string(text)
        }
    }

    // MARK: - What the pipeline refuses

    /// The conditions a pipeline puts on the inputs, as schemas of the `inputs` object: a
    /// `bands` block's input at most its highest top; a `lookup` without `otherwise` only the
    /// values it has cases for; and what the blocks of each band and case require, when the
    /// input is in that band or case.
    static func constraints(_ blocks: [any PriceBlock], _ fee: FeeDefinition) -> [JSONTree] {
        var found: [JSONTree] = []
        for block in blocks {
            if let bands = block as? BandsBlock {
                let input = fee.inputs[bands.input]
                if let top = bands.bands.last?.upTo { found.append(require(input, in: Values(input, above: nil, upTo: top))) }
                var previous: ScaledDecimal?
                for band in bands.bands {
                    let inner = constraints(band.blocks, fee)
                    if !inner.isEmpty { found.append(when(input, in: Values(input, above: previous, upTo: band.upTo), inner)) }
                    previous = band.upTo
                }
            } else if let lookup = block as? LookupBlock {
                let input = fee.inputs[lookup.input]
                let cases = Values(input, cases: lookup.cases.map(\.value))
                if lookup.otherwise == nil { found.append(require(input, in: cases)) }
                for entry in lookup.cases {
                    let inner = constraints(entry.blocks, fee)
                    if !inner.isEmpty { found.append(when(input, in: Values(input, cases: [entry.value]), inner)) }
                }
                if let otherwise = lookup.otherwise {
                    let inner = constraints(otherwise, fee)
                    if !inner.isEmpty { found.append(when(input, in: cases.complement, inner)) }
                }
            }
        }
        return found
    }

    /// A set of an input's values, as a schema of the value and whether its default is in it.
    struct Values {
        var schema: JSONTree
        var holdsDefault: Bool

        var complement: Values { Values(schema: .object([("not", schema)]), holdsDefault: !holdsDefault) }

        init(schema: JSONTree, holdsDefault: Bool) {
            self.schema = schema
            self.holdsDefault = holdsDefault
        }

        /// The values above `above` (none: no lower limit) and at most `upTo`.
        init(_ input: FeeInput, above: ScaledDecimal?, upTo: ScaledDecimal) {
            let number = input.defaultValue?.number
            holdsDefault =
                number.map { value in !(Exact.plain(upTo) < value) && (above.map { Exact.plain($0) < value } ?? true) } ?? false
            switch input.kind {
            case .integer:
                var members: [(String, JSONTree)] = []
                if let above { members.append(("minimum", Values.bound(SchemaPatterns.scaled(above, to: 0) + 1))) }
                members.append(("maximum", Values.bound(SchemaPatterns.scaled(upTo, to: 0))))
                schema = .object(members)
            case .decimal(let scale, let min, let max):
                let low = above.map { SchemaPatterns.scaled($0, to: scale) + 1 } ?? SchemaPatterns.scaled(min, to: scale, up: true)
                let high = Swift.min(SchemaPatterns.scaled(upTo, to: scale), SchemaPatterns.scaled(max, to: scale))
                schema = SchemaPatterns.decimal(low, high, scale: scale).map { .object([("pattern", .string($0))]) } ?? .bool(false)
            case .choice:
                schema = .bool(false)  // bands read numbers only
            }
        }

        /// The values a lookup's cases name (an integer's digits, a decimal without trailing
        /// zeros, a choice's string).
        init(_ input: FeeInput, cases: [String]) {
            holdsDefault = input.defaultValue.map { cases.contains($0.text) } ?? false
            switch input.kind {
            case .integer:
                schema = .object([("enum", .array(cases.compactMap { Int64($0) }.map(JSONTree.integer)))])
            case .choice:
                schema = .object([("enum", .array(cases.map(JSONTree.string)))])
            case .decimal(let scale, _, _):
                var patterns: [JSONTree] = []
                for key in cases {
                    guard let value = ScaledDecimal.parse(key, maxScale: 4, allowNegative: true), value.scale <= scale else { continue }
                    let units = SchemaPatterns.scaled(value, to: scale)
                    if let pattern = SchemaPatterns.decimal(units, units, scale: scale) { patterns.append(.object([("pattern", .string(pattern))])) }
                }
                schema = patterns.isEmpty ? .bool(false) : .object([("anyOf", .array(patterns))])
            }
        }

        private static func bound(_ value: Int128) -> JSONTree {
            .integer(Int64(clamping: value))
        }
    }

    /// The `inputs` object's input must be among `values` (when it is left out, its default
    /// must be).
    static func require(_ input: FeeInput, in values: Values) -> JSONTree {
        var members: [(String, JSONTree)] = [("properties", .object([(input.name, values.schema)]))]
        if !values.holdsDefault { members.append(("required", .array([.string(input.name)]))) }
        return .object(members)
    }

    /// When the input is among `values` (given, or left out with its default among them), the
    /// inputs must also meet `then`.
    static func when(_ input: FeeInput, in values: Values, _ then: [JSONTree]) -> JSONTree {
        .object([("if", require(input, in: values)), ("then", .object([("allOf", .array(then))]))])
    }
}
