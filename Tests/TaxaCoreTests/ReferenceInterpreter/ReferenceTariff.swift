import Foundation

/// The reference interpreter's reading of a `fees` tariff and its index series, as
/// docs/rule-vocabulary.md describes them. It trusts its input (the generator writes valid
/// files; the real loader is what validates); it only keeps what pricing needs.
extension Reference {
    typealias Q = Fraction

    /// A rounding rule: a step and a mode (`up` towards +∞, `down` towards −∞, `half_up` ties
    /// towards +∞, `half_away_from_zero`).
    struct Rounding: Sendable {
        var step: Q
        var mode: String

        func apply(_ value: Q) -> Q {
            let units = value / step
            let whole: Int128
            switch mode {
            case "up": whole = units.ceiling
            case "down": whole = units.floor
            case "half_up": whole = (units + Q(1, 2)).floor
            case "half_away_from_zero": whole = units < .zero ? -((-units) + Q(1, 2)).floor : (units + Q(1, 2)).floor
            default: preconditionFailure("reference: unknown rounding mode \(mode)")
            }
            return Q(whole) * step
        }

        static let ore = Rounding(step: Q(1, 100), mode: "half_up")

        init(step: Q, mode: String) {
            self.step = step
            self.mode = mode
        }

        init(_ json: JSON) {
            self.init(step: Q(decimal: json["step"]!.string!)!, mode: json["mode"]!.string!)
        }
    }

    indirect enum Amount: Sendable {
        case constant(Q)
        /// `{"index", "percent"}`: the series' value for the fee year × percent ÷ 100.
        case indexPercent(series: String, percent: Q)
        /// `{"index", "times", "divided_by"?, "rounding"?}`.
        case indexTimes(series: String, times: Q, dividedBy: Int, rounding: Rounding?)
        /// `{"base", "indexed_by"}`: chained yearly from the year of `valid_from`, by a series or
        /// by the raises the council decides.
        case indexed(base: Q, by: Indexation)
        /// `{"use": NAME}`: an amount defined under `definitions`.
        case named(String)

        init(_ json: JSON) {
            if let text = json.string {
                self = .constant(Q(decimal: text)!)
            } else if let name = json["use"]?.string {
                self = .named(name)
            } else if let series = json["index"]?.string {
                if let percent = json["percent"]?.string {
                    self = .indexPercent(series: series, percent: Q(decimal: percent)!)
                } else {
                    self = .indexTimes(
                        series: series, times: Q(decimal: json["times"]!.string!)!, dividedBy: json["divided_by"]?.integer ?? 1,
                        rounding: json["rounding"].map(Rounding.init))
                }
            } else {
                self = .indexed(base: Q(decimal: json["base"]!.string!)!, by: Indexation(json["indexed_by"]!))
            }
        }
    }

    /// `indexed_by`: each year after the year of `valid_from` raises the previous year's rounded
    /// amount by a percentage — a series' value, or the council's decision for that year.
    enum Indexation: Sendable {
        /// Fee year Y reads the publication of `month` in Y − `publicationYearsBefore`, its value
        /// for Y − `valueYearsBefore`.
        case series(id: String, month: Int, publicationYearsBefore: Int, valueYearsBefore: Int, rounding: Rounding)
        /// One decision per year: a percentage or nil ("none"), usable from `decided` on.
        case raises([Int: (raise: Q?, decided: String)], rounding: Rounding)

        init(_ by: JSON) {
            let rounding = Rounding(by["rounding"]!)
            if let raises = by["raises"] {
                var decisions: [Int: (raise: Q?, decided: String)] = [:]
                for decision in raises.elements {
                    let text = decision["raise"]!.string!
                    decisions[decision["year"]!.integer!] = (text == "none" ? nil : Q(decimal: text)!, decision["decided"]!.string!)
                }
                self = .raises(decisions, rounding: rounding)
            } else {
                self = .series(
                    id: by["series"]!.string!, month: by["publication_month"]!.integer!, publicationYearsBefore: by["publication_years_before"]!.integer!,
                    valueYearsBefore: by["value_years_before"]?.integer ?? 0, rounding: rounding)
            }
        }
    }

    /// A `multiply` factor: a constant, an input's value, the factor of a band, a case or a
    /// table's cell (nil: not offered), a sum of factors, or a defined factor.
    indirect enum Factor: Sendable {
        case constant(Q)
        case input(String)
        case bands(input: String, tops: [(upTo: Q?, factor: Q)])
        case lookup(input: String, cases: [(String, Q?)], otherwise: Q?)
        case table(Table<Q>)
        case sum([Factor])
        case named(String)

        init(_ json: JSON) {
            if let text = json.string {
                self = .constant(Q(decimal: text)!)
            } else if let factor = json["factor"]?.string {
                self = .constant(Q(decimal: factor)!)
            } else if let input = json["input"]?.string {
                self = .input(input)
            } else if let bands = json["bands"] {
                self = .bands(
                    input: bands["input"]!.string!,
                    tops: bands["bands"]!.elements.map { ($0["up_to"].flatMap(\.string).map { Q(decimal: $0)! }, Q(decimal: $0["factor"]!.string!)!) })
            } else if let lookup = json["lookup"] {
                self = .lookup(
                    input: lookup["input"]!.string!, cases: lookup["cases"]!.members.map { ($0.0, $0.1.string.map { Q(decimal: $0)! }) },
                    otherwise: lookup["otherwise"]?.string.map { Q(decimal: $0)! })
            } else if let table = json["table"] {
                self = .table(Table(table) { $0.string.map { Q(decimal: $0)! } })
            } else if let sum = json["sum"] {
                self = .sum(sum.elements.map(Factor.init))
            } else {
                self = .named(json["use"]!.string!)
            }
        }
    }

    /// A grid keyed by 1–4 inputs: each key's rows by value or by tops (a nil top: every larger
    /// value); cells nested one level per key, nil where the tariff leaves the cell empty.
    struct Table<Cell: Sendable>: Sendable {
        struct Key: Sendable {
            var input: String
            var values: [String]?
            var tops: [Q?]?
        }
        var keys: [Key]
        /// The cells flattened in row-major order.
        var cells: [Cell?]

        init(_ json: JSON, cell: (JSON) -> Cell?) {
            keys = json["keys"]!.elements.map { key in
                Key(
                    input: key["input"]!.string!, values: key["values"]?.elements.map { $0.string! },
                    tops: key["up_to"]?.elements.map { $0.string.map { Q(decimal: $0)! } })
            }
            var flat: [Cell?] = []
            func walk(_ json: JSON) {
                if case .array(let elements) = json { elements.forEach(walk) } else { flat.append(cell(json)) }
            }
            walk(json["cells"]!)
            cells = flat
        }
    }

    indirect enum Block: Sendable {
        case fixed(Amount)
        case perUnit(price: Amount, per: Int)
        case percent(of: String, percent: Q, ofAtMost: Amount?)
        case share(Q)
        case round(Rounding)
        case min(Amount)
        case max(Amount)
        case bands(input: String, bands: [(upTo: Q, price: [Block])])
        case lookup(input: String, cases: [(String, [Block])], otherwise: [Block]?)
        case tiers(graduated: Bool, per: Int, tiers: [(upTo: Q?, unitPrice: Amount?, flat: Amount?)])
        case table(Table<Amount>)
        case multiply(Factor)
        case add(Amount)
        case use(String)

        init(_ json: JSON) {
            let (name, body) = json.members[0]
            switch name {
            case "fixed": self = .fixed(Amount(body))
            case "per_unit": self = .perUnit(price: Amount(body["price"]!), per: body["per"]?.integer ?? 1)
            case "percent":
                self = .percent(of: body["of"]!.string!, percent: Q(decimal: body["percent"]!.string!)!, ofAtMost: body["of_at_most"].map(Amount.init))
            case "share": self = .share(Q(decimal: body.string!)!)
            case "round": self = .round(Rounding(body))
            case "min": self = .min(Amount(body))
            case "max": self = .max(Amount(body))
            case "bands":
                self = .bands(
                    input: body["input"]!.string!,
                    bands: body["bands"]!.elements.map { (Q(decimal: $0["up_to"]!.string!)!, $0["price"]!.elements.map(Block.init)) })
            case "lookup":
                self = .lookup(
                    input: body["input"]!.string!, cases: body["cases"]!.members.map { ($0.0, $0.1.elements.map(Block.init)) },
                    otherwise: body["otherwise"].map { $0.elements.map(Block.init) })
            case "tiers":
                self = .tiers(
                    graduated: body["mode"]!.string! == "graduated", per: body["per"]?.integer ?? 1,
                    tiers: body["tiers"]!.elements.map { tier in
                        (tier["up_to"].flatMap(\.string).map { Q(decimal: $0)! }, tier["unit_price"].map(Amount.init), tier["flat"].map(Amount.init))
                    })
            case "table": self = .table(Table(body) { $0.isNull ? nil : Amount($0) })
            case "multiply": self = .multiply(Factor(body))
            case "add": self = .add(Amount(body.string != nil || body["amount"] == nil ? body : body["amount"]!))
            case "use": self = .use(body.string!)
            default: preconditionFailure("reference: unknown block \(name)")
            }
        }
    }

    /// A version's `definitions`: amounts, pipelines, factors and input declarations by name.
    struct Definitions: Sendable {
        var amounts: [String: Amount] = [:]
        var pipelines: [String: [Block]] = [:]
        var factors: [String: Factor] = [:]
        var inputs: [String: JSON] = [:]

        init(_ json: JSON?) {
            for (name, definition) in json?.members ?? [] {
                if let amount = definition["amount"] {
                    amounts[name] = Amount(amount)
                } else if let pipeline = definition["pipeline"] {
                    pipelines[name] = pipeline.elements.map(Block.init)
                } else if let factor = definition["factor"] {
                    factors[name] = Factor(factor)
                } else {
                    inputs[name] = definition["input"]!
                }
            }
        }

        /// An input declaration, following `{"use": NAME}` to its definition.
        func declaration(_ json: JSON) -> JSON {
            guard let name = json["use"]?.string else { return json }
            return declaration(inputs[name]!)
        }
    }

    /// An input's value: a number (integer or decimal) or a choice.
    enum Value: Hashable, Sendable {
        case number(Q)
        case choice(String)

        /// Whether a lookup case's key names this value: a number's value (`"2.5"` names 2.50),
        /// a choice's string.
        func isNamed(by key: String) -> Bool {
            switch self {
            case .number(let q): Q(decimal: key) == q
            case .choice(let text): text == key
            }
        }
    }

    struct Input: Sendable {
        enum Kind: Sendable {
            case integer(min: Q, max: Q)
            case decimal(scale: Int, min: Q, max: Q)
            case choice([String])
        }
        var name: String
        var kind: Kind
        var defaultValue: Value?

        init(name: String, _ json: JSON) {
            self.name = name
            switch json["type"]!.string! {
            case "integer":
                kind = .integer(min: Q(json["min"]?.integer ?? 0), max: Q(json["max"]?.integer ?? 1_000_000_000))
                defaultValue = json["default"].map { .number(Q($0.integer!)) }
            case "decimal":
                kind = .decimal(
                    scale: json["scale"]!.integer!, min: json["min"].map { Q(decimal: $0.string!)! } ?? .zero,
                    max: json["max"].map { Q(decimal: $0.string!)! } ?? Q(1_000_000_000_000))
                defaultValue = json["default"].map { .number(Q(decimal: $0.string!)!) }
            default:
                kind = .choice(json["values"]!.elements.map { $0.string! })
                defaultValue = json["default"].map { .choice($0.string!) }
            }
        }
    }

    struct Quantity: Sendable {
        var input: String
        var increment: Int?
        var rounding: String?
        var less: Int
        var scope: String
        var group: String?
    }

    final class Fee: Sendable {
        let key: String
        let inputs: [Input]
        let quantity: Quantity?
        let price: [Block]

        init(key: String, inputs: [Input], quantity: Quantity?, price: [Block]) {
            self.key = key
            self.inputs = inputs
            self.quantity = quantity
            self.price = price
        }
    }

    struct Cap: Sendable {
        var key: String
        var fees: [String]
        var amount: Amount
    }

    struct VAT: Sendable {
        var rate: Q
        var included: Bool
        var rounding: Rounding
    }

    final class Version: Sendable {
        /// The file name without `.json`: the name results give the version.
        let name: String
        let validFrom: String
        let validUntil: String?
        let decided: String
        let fees: [Fee]
        let caps: [Cap]
        let definitions: Definitions
        let vat: VAT?
        let allowsAdjustments: Bool

        init(name: String, _ json: JSON) {
            self.name = name
            validFrom = json["valid_from"]!.string!
            validUntil = json["valid_until"]?.string
            decided = json["decided"]!.string!
            let definitions = Definitions(json["definitions"])
            self.definitions = definitions
            fees = json["fees"]!.members.map { key, fee in
                let quantity = fee["quantity"].map { q in
                    Quantity(
                        input: q["input"]!.string!, increment: q["increment"]?.integer, rounding: q["rounding"]?.string,
                        less: q["less"]?.integer ?? 0, scope: q["scope"]!.string!, group: q["group"]?.string)
                }
                return Fee(
                    key: key, inputs: (fee["inputs"]?.members ?? []).map { Input(name: $0.0, definitions.declaration($0.1)) }, quantity: quantity,
                    price: fee["price"]!.elements.map(Block.init))
            }
            caps = (json["caps"]?.elements ?? []).map {
                Cap(key: $0["key"]!.string!, fees: $0["fees"]!.elements.map { $0.string! }, amount: Amount($0["amount"]!))
            }
            vat = json["vat"].map { VAT(rate: Q(decimal: $0["rate"]!.string!)!, included: $0["included"]!.bool!, rounding: Rounding($0["rounding"]!)) }
            allowsAdjustments = json["adjustments"] != nil
        }

        var validFromYear: Int { Int(validFrom.prefix(4))! }

        /// Versions in the order of their `valid_from`, then their decision.
        static func < (a: Version, b: Version) -> Bool { (a.validFrom, a.decided) < (b.validFrom, b.decided) }
    }

    /// An index series file: amounts (`unit: amount`) or yearly percentages (`unit: percent`).
    struct Series: Sendable {
        var id: String
        var isPercent: Bool
        var publications: [(published: String, values: [Int: Q])]

        init(_ json: JSON) {
            id = json["series"]!.string!
            isPercent = json["unit"]!.string! == "percent"
            publications = json["publications"]!.elements.map { p in
                (p["published"]!.string!, Dictionary(uniqueKeysWithValues: p["values"]!.members.map { (Int($0.0)!, Q(decimal: $0.1.string!)!) }))
            }
        }
    }

    /// One tariff: its versions (by file name) and the index series of the root.
    struct Tariff: Sendable {
        var id: String
        var versions: [Version]
        var series: [String: Series]
    }
}

extension Reference.Tariff {
    /// Reads tariff `id` and every index series from a tariff root on disk.
    static func read(root: String, id: String) throws -> Reference.Tariff {
        let manager = FileManager.default
        var series: [String: Reference.Series] = [:]
        let indices = root + "/indices"
        for name in (try? manager.contentsOfDirectory(atPath: indices)) ?? [] where name.hasSuffix(".json") {
            let one = Reference.Series(try Reference.JSON.parse(String(contentsOfFile: indices + "/" + name, encoding: .utf8)))
            series[one.id] = one
        }
        let folder = root + "/" + id
        let versions = try manager.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted().map { name in
            Reference.Version(name: String(name.dropLast(5)), try Reference.JSON.parse(String(contentsOfFile: folder + "/" + name, encoding: .utf8)))
        }
        return Reference.Tariff(id: id, versions: versions, series: series)
    }
}
