import TaxaBase

/// A factor the amount so far is multiplied by: a constant ("N = 0,8"), an input the case
/// officer gives, or a factor read from a table of the tariff — by bands of an input (SKR's
/// objektfaktor by area), by an input's value (the handling factor per kind of case), or from
/// a grid of several inputs.
package enum FactorSource: Sendable {
    case constant(ScaledDecimal)
    case input(index: Int, name: String)
    /// Bands and lookups are one-key tables; `otherwise` is a lookup's factor for values it
    /// does not list.
    case table(Grid<ScaledDecimal>, otherwise: ScaledDecimal?, form: TableForm)
    /// The sum of factors, as a taxa prints "(HF1 + HF2)".
    indirect case sum([FactorSource])

    /// The factor for a line, as an exact plain number, and how it was chosen (for
    /// explanations: "area 120 (till och med 150)").
    func evaluate(_ line: PricingLine, explain: Bool) throws(BlockFailure) -> (factor: Exact, choice: String?) {
        switch self {
        case .constant(let value):
            return (Exact.plain(value), nil)
        case .input(let index, let name):
            return (line.number(index), explain ? "\(name) \(line.valueSwedish(index))" : nil)
        case .table(let grid, let otherwise, let form):
            switch grid.find(line) {
            case .cell(let factor, let rows):
                return (Exact.plain(factor), explain ? grid.rowsText(rows, line) : nil)
            case .notOffered(let message, let emptyCell):
                if let otherwise, !emptyCell {
                    let key = grid.keys[0]
                    return (Exact.plain(otherwise), explain ? "\(key.name) \(line.valueSwedish(key.input)): övriga fall" : nil)
                }
                throw .notOffered(message: message, input: form.notOfferedStandsAtItsInput ? grid.keys[0].input : nil)
            case .above(let key, let message):
                throw .input(index: grid.keys[key].input, message: message)
            }
        case .sum(let terms):
            var total = Exact.zero
            var shown: [String] = []
            for term in terms {
                let (value, _) = try term.evaluate(line, explain: false)
                do { total = try total.adding(value) } catch { throw .overflow(error) }
                if explain { shown.append(SwedishText.number(value)) }
            }
            return (total, explain ? shown.joined(separator: " + ") : nil)
        }
    }

    /// "3,2", "N (indata)", "efter area [till och med 50: 1,2; …]" for `taxa rates`.
    var description: String {
        switch self {
        case .constant(let value): return SwedishText.decimal(value)
        case .input(_, let name): return "\(name) (anges i ärendet)"
        case .table(let grid, let otherwise, _):
            var cells = grid.cellsWithRows.map { rows, cell in
                let label = zip(grid.keys, rows).map { $0.label($1) }.joined(separator: ", ")
                return "\(label): \(cell.map(SwedishText.decimal) ?? "erbjuds inte")"
            }
            if let otherwise { cells.append("övriga: \(SwedishText.decimal(otherwise))") }
            return "efter \(grid.keys.map(\.name).joined(separator: " och ")) [\(cells.joined(separator: "; "))]"
        case .sum(let terms):
            return "(" + terms.map(\.description).joined(separator: " + ") + ")"
        }
    }
}

extension FactorSource {
    /// How a factor table was written in the tariff: it decides where an empty cell's error stands.
    package enum TableForm: Sendable {
        case bands, lookup, table

        /// A lookup's case left out stands at its one input, as a `lookup` block's does; a
        /// table's cell names every key, so it stands at the item's inputs (bands have no empty
        /// cell).
        var notOfferedStandsAtItsInput: Bool { self == .lookup }
    }
}

/// Reads a factor where a factor is expected (`multiply`, a factor definition): a decimal
/// string, or an object with one of `factor`, `input`, `bands`, `lookup`, `table`, `sum`, `use`.
package enum FactorParser {
    static let kinds = ["factor", "input", "bands", "lookup", "table", "sum", "use"]
    /// Keys that make an object an amount: named in the error when an amount stands where a
    /// factor is expected.
    static let amountKeys = ["index", "base", "indexed_by"]

    /// A factor's object form, declared once: read through this, and written into the schema's
    /// `factor` definition and the docs' `multiply` section by `generate-vocabulary`. `name` is
    /// `multiply`'s (last: messages list the kinds first); a `sum`'s terms and a definition
    /// take `unnamed`.
    static let named = ObjectShape(
        what: "a factor",
        keys: [
            DeclaredKey("factor", .factorValue, .optional, "this constant (the string form `{\"multiply\": \"52\"}` is the same without a name)"),
            DeclaredKey(
                "input", .input(numeric: true), .optional,
                "its value, the input's `min` being 0 or more: a factor the case officer gives (on the quantity input, its billed quantity)"),
            DeclaredKey(
                "bands", .object(bandsShape), .optional,
                "the factor of the first band whose `up_to` is at or above the input; a value above the last top is an `invalid_request`"),
            DeclaredKey(
                "lookup", .object(lookupShape), .optional,
                "the factor of the case named by the input's value; a case `null`, or a value left out without `otherwise`, is `not_offered` at the input's path, as for a `lookup` block"
            ),
            DeclaredKey("table", .table, .optional, "the cell of a table as `table`'s, its cells factors or `null`"),
            DeclaredKey(
                "sum", .array(.factor, count: 2...Limits.factorTerms, noun: "factors"), .optional,
                "the sum of these factors, each of any of these forms without `name`, as a taxa prints \"(HF1 + HF2)\": `{\"name\": \"HF1 + HF2\", \"sum\": [ {\"lookup\": …}, {\"lookup\": …} ]}`"
            ),
            DeclaredKey("use", .definition, .optional, "a factor defined under `definitions`"),
            DeclaredKey("name", .string(1...60), .optional, "the factor's name in the tariff, for texts (in `multiply`; not in a `sum` or a definition)"),
        ],
        exactlyOne: kinds)
    static let unnamed = ObjectShape(what: named.what, keys: named.keys.filter { $0.name != "name" }, exactlyOne: kinds)
    static let bandsShape = ObjectShape(
        what: "bands of factors",
        keys: [
            DeclaredKey("input", .input(numeric: true), .required, "the input the bands are of"),
            DeclaredKey("bands", .array(.object(band), count: 1...GridParser.maxRows, noun: "bands"), .required, "the bands, from the lowest"),
        ])
    static let band = ObjectShape(
        what: "a band",
        keys: [
            DeclaredKey(
                "up_to", .decimal(scale: 4, signed: true), .optional,
                "the band's top (inclusive), above the previous band's; only the last band may leave it out (every larger value)"),
            DeclaredKey("factor", .factorValue, .required, "the band's factor"),
        ])
    static let lookupShape = ObjectShape(
        what: "a lookup of factors",
        keys: [
            DeclaredKey("input", .input(numeric: false), .required, "the input whose value names the case"),
            DeclaredKey(
                "cases", .cases(.nullable(.factorValue), count: 1...Limits.cases), .required,
                "the factor of each value, keyed as a `lookup` block's cases; `null`: not offered"),
            DeclaredKey("otherwise", .factorValue, .optional, "the factor of every value no case names"),
        ])

    /// A factor from 0 to 1 000 000 with at most 6 decimals.
    static func constant(_ value: JSONValue) throws(FieldError) -> ScaledDecimal {
        let factor = try Read.decimal(value, maxScale: Limits.factorScale, what: "a factor")
        guard let scaled = factor.rescaled(to: Limits.factorScale), scaled <= Limits.multiplyFactor * 1_000_000 else {
            throw FieldError("expected a factor from 0 to \(Limits.multiplyFactor), got \"\(factor)\"")
        }
        return factor
    }

    /// `value` without a name (the factor itself).
    static func parse(_ value: JSONValue, context: BlockContext) throws(FieldError) -> FactorSource {
        try read(value, context: context, shape: unnamed).factor
    }

    /// `multiply`'s value: a factor and its name, if it has one.
    static func parseNamed(_ value: JSONValue, context: BlockContext) throws(FieldError) -> (factor: FactorSource, name: String?) {
        try read(value, context: context, shape: named)
    }

    private static func read(_ value: JSONValue, context: BlockContext, shape: ObjectShape) throws(FieldError) -> (factor: FactorSource, name: String?) {
        if value.kind == .string { return (.constant(try constant(value)), nil) }
        guard value.kind == .object else {
            throw FieldError(
                "expected a factor: a number as a string such as \"52\" or \"0.8\", or an object with one of \(kinds.map { "\"\($0)\"" }.joined(separator: ", ")); got \(value.kind.name)"
            )
        }
        let object = try ObjectFields(value, what: "a factor")
        if let key = amountKeys.first(where: { object.optional($0) != nil }) {
            throw FieldError(
                "is an amount (\"\(key)\"), but a factor is expected here; add an amount to the amount so far with {\"add\": …}, or multiply by a number",
                at: JSONPath([.key(key)]))
        }
        return try DeclaredObject.read(value, shape) { declared throws(FieldError) -> (factor: FactorSource, name: String?) in
            let present = kinds.filter { declared.has($0) }
            guard present.count == 1, let kind = present.first else {
                throw FieldError(
                    "expected exactly one of \(kinds.map { "\"\($0)\"" }.joined(separator: ", ")), got \(present.isEmpty ? "none" : present.joined(separator: " and "))"
                )
            }
            let factor: FactorSource
            if kind == "use" {
                guard let definitions = context.definitions else {
                    throw FieldError("names a definition, but the version file has no \"definitions\"", at: JSONPath([.key("use")]))
                }
                let (name, entry) = try definitions.entry(object.optional("use")!, kind: .factor)
                factor = try definitions.read(name, entry) { v throws(FieldError) in try parse(v, context: context) }
            } else {
                factor = try kindValue(kind, declared, context: context)
            }
            let name = shape.key("name") == nil ? nil : try declared.readIfPresent("name") { v throws(FieldError) in try Read.string(v, length: 1...60) }
            return (factor, name)
        }
    }

    /// The factor under `kind` (not `use`).
    private static func kindValue(_ kind: String, _ object: DeclaredObject, context: BlockContext) throws(FieldError) -> FactorSource {
        var inner = context
        inner.path = context.path.appending(kind)
        return try object.present(kind) { v throws(FieldError) -> FactorSource in
            switch kind {
            case "factor":
                return .constant(try constant(v))
            case "input":
                let (index, input) = try context.input(v, numeric: true)
                if case .decimal(_, let min, _) = input.kind, min.units < 0 {
                    throw FieldError("names the input \"\(input.name)\", which may be negative (min \(min)); a factor input needs \"min\" 0 or more")
                }
                if case .integer(let range) = input.kind, range.lowerBound < 0 {
                    throw FieldError(
                        "names the input \"\(input.name)\", which may be negative (min \(range.lowerBound)); a factor input needs \"min\" 0 or more")
                }
                return .input(index: index, name: input.name)
            case "bands": return try bands(v, context: inner)
            case "lookup": return try lookup(v, context: inner)
            case "sum":
                var terms: [FactorSource] = []
                for (index, element) in try Read.array(v, count: 2...Limits.factorTerms, of: "factors to add up").enumerated() {
                    var term = inner
                    term.path = inner.path.appending(.index(index))
                    terms.append(try inside(index: index) { () throws(FieldError) in try parse(element, context: term) })
                }
                return .sum(terms)
            default:
                return .table(
                    try GridParser.parse(v, context: inner, what: "a table of factors") { v, _ throws(FieldError) in try constant(v) }, otherwise: nil,
                    form: .table)
            }
        }
    }

    /// `{"input": "area", "bands": [{"up_to": "50", "factor": "1.2"}, …, {"factor": "9"}]}`.
    static func bands(_ value: JSONValue, context: BlockContext) throws(FieldError) -> FactorSource {
        let ((index, input), list) = try DeclaredObject.read(value, bandsShape) { object throws(FieldError) in
            (
                try object.read("input") { v throws(FieldError) in try context.input(v, numeric: true) },
                try object.read("bands") { v throws(FieldError) in try Read.array(v, count: 1...GridParser.maxRows, of: "bands") }
            )
        }
        let domain = context.domain(of: index)
        var tops: [ScaledDecimal?] = []
        var factors: [ScaledDecimal] = []
        for (position, element) in list.enumerated() {
            try inside("bands") { () throws(FieldError) in
                try inside(index: position) { () throws(FieldError) in
                    try DeclaredObject.read(element, Self.band) { band throws(FieldError) in
                        let top = try band.readIfPresent("up_to") { v throws(FieldError) in
                            try Read.decimal(v, maxScale: 4, allowNegative: true, what: "the band's top (inclusive)")
                        }
                        if top == nil && position != list.count - 1 {
                            throw FieldError(
                                "missing required key \"up_to\": only the last band may leave it out (and take every larger value)",
                                at: JSONPath([.key("up_to")]))
                        }
                        if let top, let previous = tops.last ?? nil, !(Exact.plain(previous) < Exact.plain(top)) {
                            throw FieldError(
                                "is \(top), not above the previous band's top \(previous); list bands from the lowest", at: JSONPath([.key("up_to")]))
                        }
                        if let problem = domain?.unreachable(above: tops.last ?? nil, upTo: top) {
                            throw FieldError("the band \(problem)", at: JSONPath([.key("up_to")]))
                        }
                        tops.append(top)
                        factors.append(try band.read("factor", constant))
                    }
                }
            }
        }
        let key = GridKey(input: index, name: input.name, match: .upTo(tops))
        return .table(Grid(keys: [key], cells: factors), otherwise: nil, form: .bands)
    }

    /// `{"input": "typ", "cases": {"nybyggnad": "1.2", "tillbyggnad": null}, "otherwise"?: "1"}`:
    /// a case left out (or null) is not offered.
    static func lookup(_ value: JSONValue, context: BlockContext) throws(FieldError) -> FactorSource {
        var values: [String] = []
        var factors: [ScaledDecimal?] = []
        return try DeclaredObject.read(value, lookupShape) { object throws(FieldError) -> FactorSource in
            let (index, input) = try object.read("input") { v throws(FieldError) in try context.input(v, numeric: false) }
            let members = try object.read("cases", LookupBlock.cases)
            for (key, member) in members {
                try inside("cases") { () throws(FieldError) in
                    try inside(key) { () throws(FieldError) in
                        try LookupBlock.check(key, against: input, summed: context.isSummedQuantity(index))
                        values.append(key)
                        factors.append(member.kind == .null ? nil : try constant(member))
                    }
                }
            }
            let otherwise = try object.readIfPresent("otherwise", constant)
            let grid = Grid(keys: [GridKey(input: index, name: input.name, match: .values(values))], cells: factors)
            return .table(grid, otherwise: otherwise, form: .lookup)
        }
    }
}
