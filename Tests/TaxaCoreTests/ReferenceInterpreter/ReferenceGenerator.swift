/// Seeded, deterministic tariffs of kind `fees` and `items` requests for them, covering every
/// block (tiers, tables and every form of `multiply` among them), rounding mode, scope, amount
/// source (named definitions and council raises among them), caps, VAT and adjustments.
/// The tariffs are valid by construction (the real loader must accept them); the requests are
/// mostly valid, with a share of the documented refusals (a value out of range, an input above
/// the last band, a lookup without its case, a day before the first version, an `as_of` before a
/// decision or a publication).
extension Reference {
    struct Generator {
        typealias RNG = SplitMix64
        var rng: RNG

        init(seed: UInt64) { rng = RNG(state: seed) }

        // MARK: Random helpers

        mutating func chance(_ p: Double) -> Bool { Double(rng.next() >> 11) / Double(1 << 53) < p }
        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

        /// A decimal string with `whole` as its integer part and up to `decimals` decimals
        /// (some written with trailing zeros).
        mutating func decimal(_ whole: ClosedRange<Int>, decimals: Int) -> String {
            let integer = int(whole)
            let places = decimals == 0 ? 0 : int(0...decimals)
            guard places > 0 else { return String(integer) }
            var digits = ""
            for _ in 0..<places { digits += String(int(0...9)) }
            if integer == 0 && whole.lowerBound < 0 && chance(0.5) { return "-0." + digits }
            return "\(integer).\(digits)"
        }

        /// Money as tariff files write it: 0–2 decimals, never negative.
        mutating func money(_ whole: ClosedRange<Int>) -> String { decimal(whole, decimals: 2) }

        // MARK: Dates

        /// Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms).
        static func day(_ y: Int, _ m: Int, _ d: Int) -> Int {
            let y = m <= 2 ? y - 1 : y
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe - 719_468
        }

        static func date(_ day: Int) -> String {
            let z = day + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1
            let m = mp < 10 ? mp + 3 : mp - 9
            let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(y)-\(two(m))-\(two(d))"
        }

        static func day(of date: String) -> Int {
            let parts = date.split(separator: "-").map { Int($0)! }
            return day(parts[0], parts[1], parts[2])
        }

        // MARK: Index series

        /// The three series every generated root holds: an amount series (PBB, with later
        /// corrections), a percentage series published each October for the next year (KPX,
        /// each publication also revising the current year, some years with a preliminary
        /// spring publication) and one published each March for the same year (KPY).
        /// Synthetic values for tests only, never a tariff root's.
        mutating func indexFiles() -> [(String, JSON)] {
            func series(_ id: String, unit: String, _ publications: [JSON]) -> JSON {
                .object([
                    ("series", .string(id)), ("name", "SYNTETISK TESTSERIE \(id)"), ("publisher", "taxa test generator"), ("unit", .string(unit)),
                    ("notes", .array(["Syntetiska värden för referenstolkens test; aldrig en taxas."])), ("publications", .array(publications)),
                ])
            }
            func publication(_ published: String, _ values: [(Int, String)]) -> JSON {
                .object([
                    ("published", .string(published)), ("title", "Syntetisk publikation \(published)"), ("source", "taxa test generator"),
                    ("values", .object(values.map { (String($0.0), .string($0.1)) })),
                ])
            }
            var pbb: [JSON] = []
            for year in 2019...2028 {
                let amount = 45_000 + 1_600 * (year - 2019) + int(0...999)
                pbb.append(publication("\(year - 1)-09-\(10 + int(0...18))", [(year, chance(0.3) ? "\(amount).\(int(1...9))0" : "\(amount)")]))
                if chance(0.3) { pbb.append(publication("\(year)-02-\(10 + int(0...18))", [(year, "\(amount + int(1...500))")])) }
            }
            var kpx: [JSON] = []
            var kpy: [JSON] = []
            for year in 2020...2028 {
                if chance(0.3) { kpx.append(publication("\(year - 1)-04-\(10 + int(0...18))", [(year, decimal(-2...9, decimals: 2))])) }
                kpx.append(publication("\(year - 1)-10-\(10 + int(0...18))", [(year - 1, decimal(-2...9, decimals: 4)), (year, decimal(-2...9, decimals: 4))]))
                kpy.append(publication("\(year)-03-\(10 + int(0...18))", [(year, decimal(-3...7, decimals: 3))]))
            }
            return [
                ("indices/pbb.json", series("PBB", unit: "amount", pbb)), ("indices/kpx.json", series("KPX", unit: "percent", kpx)),
                ("indices/kpy.json", series("KPY", unit: "percent", kpy)),
            ]
        }

        // MARK: Tariffs

        /// An input as requests see it: its name, its declaration and values worth trying.
        struct InputSpec {
            enum Kind {
                case integer(min: Int, max: Int)
                case decimal(scale: Int, min: String, max: String)
                case choice([String])
            }
            var name: String
            var kind: Kind
            var hasDefault: Bool
            /// Band limits and ceilings of the tariff, as request values (JSON).
            var hot: [JSON] = []
        }

        struct FeeSpec {
            var key: String
            var inputs: [InputSpec]
            var quantity: JSON?
            var scope: String?
            var group: String?
        }

        struct TariffSpec {
            var id: String
            var files: [(String, JSON)]
            var fees: [FeeSpec]
            var firstDay: Int
            var hotDates: [String]
            var allowsAdjustments: Bool
            /// What the tariff exercises: block names, rounding modes, scopes, amount sources…
            var features: Set<String>
        }

        private var features: Set<String> = []
        private var hot: [String: [JSON]] = [:]
        /// The `definitions` of the version being written, in the order made, and the year of
        /// its `valid_from` (council raises start the year after).
        private var definitions: [(String, JSON)] = []
        private var validFromYear = 2020
        /// Makes each definition's name unique (nested ones are made before their user).
        private var definitionNumber = 0

        mutating func definitionName(_ prefix: String) -> String {
            definitionNumber += 1
            return prefix + String(definitionNumber)
        }

        mutating func tariff(id: String) -> TariffSpec {
            features = []
            hot = [:]
            let feeCount = int(1...5)
            var fees: [FeeSpec] = []
            var n = 0
            while fees.count < feeCount {
                let shape = feeShape(key: "f\(n)")
                n += 1
                fees.append(shape)
                // A group: a second fee with the same inputs and quantity, summed with the first.
                if shape.quantity != nil, fees.count < feeCount, chance(0.2) {
                    let group = "g\(n)"
                    fees[fees.count - 1].group = group
                    var twin = shape
                    twin.key = "f\(n)"
                    twin.group = group
                    n += 1
                    fees.append(twin)
                    features.insert("group")
                }
            }
            for i in fees.indices where fees[i].group != nil {
                var quantity = fees[i].quantity!.members
                quantity.append(("group", .string(fees[i].group!)))
                fees[i].quantity = .object(quantity)
            }
            let cappable = fees.filter { $0.group == nil && ["item", "day", "month", nil].contains($0.scope) }.map(\.key)
            let capFees: [[String]] =
                cappable.isEmpty || !chance(0.35)
                ? [] : (0..<int(1...2)).map { _ in Array(Set((0..<int(1...3)).map { _ in pick(cappable) })).sorted() }
            var vat: JSON? = chance(0.3) ? vatRule() : nil
            var allowsAdjustments = chance(0.5)
            var anyAllowsAdjustments = allowsAdjustments

            // Versions: the first from 2020–2022; perhaps a later one, perhaps a later decision
            // for the same day, perhaps an end.
            var validFrom = chance(0.5) ? Self.day(int(2020...2022), 1, 1) : Self.day(2020, 1, 1) + int(0...1000)
            let firstDay = validFrom
            var files: [(String, JSON)] = []
            let versionCount = pick([1, 1, 2, 2, 3])
            for v in 0..<versionCount {
                var decided = chance(0.7) ? validFrom : validFrom + int(-30...40)
                let last = v == versionCount - 1
                var name = Self.date(validFrom)
                // A later version may change the VAT, allow adjustments or not, drop a cap: the
                // request's latest version decides.
                if v > 0, chance(0.2) {
                    vat = chance(0.5) ? vatRule() : nil
                    features.insert("vat of the latest version")
                }
                if v > 0, chance(0.15) {
                    allowsAdjustments.toggle()
                    anyAllowsAdjustments = anyAllowsAdjustments || allowsAdjustments
                    features.insert("adjustments of the latest version")
                }
                var capFees = capFees
                if v > 0, !capFees.isEmpty, chance(0.2) {
                    capFees[0] = []
                    features.insert("cap of the latest version")
                }
                if let vat { features.insert(vat["included"]!.bool! ? "vat included" : "vat added") }
                if v > 0, chance(0.15) {
                    // A later decision for the day of the version before.
                    validFrom = Self.day(of: String(files.last!.0.split(separator: "/").last!.prefix(10)))
                    let previous = files.last!.1["decided"]!.string!
                    decided = Self.day(of: previous) + int(1...60)
                    name = Self.date(validFrom) + "+" + Self.date(decided)
                    features.insert("later decision")
                }
                var members: [(String, JSON)] = [
                    ("tariff", .string(id)), ("title", "Genererad taxa \(id)"), ("kind", "fees"), ("valid_from", .string(Self.date(validFrom))),
                ]
                if last, chance(0.1) {
                    members.append(("valid_until", .string(Self.date(validFrom + int(100...900)))))
                    features.insert("valid_until")
                }
                members += [
                    ("decided", .string(Self.date(decided))), ("decision", .object([("body", "Testnämnden"), ("reference", "Genererad")])), ("currency", "SEK"),
                ]
                var feeMembers: [(String, JSON)] = []
                var priced: [String: JSON] = [:]
                definitions = []
                validFromYear = Int(Self.date(validFrom).prefix(4))!
                for fee in fees {
                    // Fees of one group share their price.
                    let price = fee.group.flatMap { priced[$0] } ?? .array(pipeline(fee, depth: 0, setter: true))
                    if let group = fee.group { priced[group] = price }
                    var body: [(String, JSON)] = [("name", .string("Avgift \(fee.key)")), ("text", .string("Avgiften \(fee.key)."))]
                    if chance(0.3) { body.append(("paragraph", .string("\(int(1...20)) §"))) }
                    if !fee.inputs.isEmpty { body.append(("inputs", .object(fee.inputs.map { ($0.name, inputDeclaration($0)) }))) }
                    if let quantity = fee.quantity { body.append(("quantity", quantity)) }
                    body.append(("price", price))
                    feeMembers.append((fee.key, .object(body)))
                }
                members.append(("fees", .object(feeMembers)))
                var caps: [JSON] = []
                for (c, fees) in capFees.enumerated() where !fees.isEmpty {
                    caps.append(
                        .object([
                            ("key", .string("tak\(c)")), ("name", .string("Tak \(c)")), ("text", "Högst så mycket per månad."),
                            ("fees", .array(fees.map { .string($0) })), ("period", "month"), ("amount", amount(capLimit: true)),
                        ]))
                }
                if !caps.isEmpty {
                    members.append(("caps", .array(caps)))
                    features.insert("cap")
                }
                // After the caps: their amounts may be defined too.
                if !definitions.isEmpty { members.append(("definitions", .object(definitions))) }
                if let vat { members.append(("vat", vat)) }
                if allowsAdjustments { members.append(("adjustments", .object([("paragraph", "8 §"), ("text", "Nedsättning eller befrielse.")]))) }
                files.append(("\(id)/\(name).json", .object(members)))
                validFrom += int(20...800)
            }
            // Hot values: the band limits and ceilings written into the pipelines.
            for i in fees.indices {
                for j in fees[i].inputs.indices { fees[i].inputs[j].hot = hot[fees[i].inputs[j].name] ?? [] }
            }
            let hotDates = (0..<int(2...6)).map { _ in Self.date(firstDay + int(-3...2200)) }
            return TariffSpec(
                id: id, files: files, fees: fees, firstDay: firstDay, hotDates: hotDates, allowsAdjustments: anyAllowsAdjustments, features: features)
        }

        static let modes = ["up", "down", "half_up", "half_away_from_zero"]

        mutating func vatRule() -> JSON {
            .object([
                ("rate", .string(pick(["25", "12", "6", "6.25"]))), ("included", .bool(chance(0.5))),
                ("rounding", .object([("step", .string(pick(["0.01", "1.00", "0.05"]))), ("mode", .string(pick(Self.modes)))])), ("text", "Moms."),
            ])
        }

        /// A fee's inputs and quantity (the same in every version).
        mutating func feeShape(key: String) -> FeeSpec {
            var inputs: [InputSpec] = []
            var quantity: JSON? = nil
            var scope: String? = nil
            if chance(0.6) {
                // Bounds and defaults have at most `scale` decimals (the loader checks it).
                let scale = int(0...4)
                let kind: InputSpec.Kind =
                    chance(0.5)
                    ? .integer(min: 0, max: pick([60, 500, 2000]))
                    : .decimal(scale: scale, min: "0", max: pick(scale > 0 ? ["100", "750.5", "5000"] : ["100", "5000"]))
                inputs.append(InputSpec(name: "q", kind: kind, hasDefault: chance(0.1)))
                scope = pick(["item", "day", "month", "year", "request"])
                var members: [(String, JSON)] = [("input", "q"), ("unit", .string(pick(["min", "m³", "st"])))]
                if chance(0.6) {
                    let rounding = pick(["up", "half_up", "down"])
                    members += [("increment", .number(String(pick([1, 2, 5, 15, 60, int(1...100)])))), ("rounding", .string(rounding))]
                    features.insert("increment \(rounding)")
                }
                if chance(0.2) {
                    members.append(("less", .number(String(int(0...200)))))
                    features.insert("less")
                }
                members.append(("scope", .string(scope!)))
                features.insert("scope \(scope!)")
                quantity = .object(members)
            }
            if chance(0.5) {
                let scale = pick([0, 2, 2, 4])
                let min = chance(0.2) ? "-" + decimal(1...2000, decimals: scale) : "0"
                inputs.append(
                    InputSpec(
                        name: "x", kind: .decimal(scale: scale, min: min, max: pick(scale > 0 ? ["100000", "2000000.00"] : ["100000"])), hasDefault: chance(0.1)
                    ))
            }
            if chance(0.4) { inputs.append(InputSpec(name: "n", kind: .integer(min: 1, max: 6), hasDefault: chance(0.2))) }
            if chance(0.4) { inputs.append(InputSpec(name: "c", kind: .choice(["a", "b", "c"]), hasDefault: chance(0.2))) }
            return FeeSpec(key: key, inputs: inputs, quantity: quantity, scope: scope, group: nil)
        }

        /// A choice input is now and then declared once under `definitions` and used by name.
        mutating func inputDeclaration(_ input: InputSpec) -> JSON {
            guard case .choice = input.kind, chance(0.3) else { return declaration(input) }
            let name = "val_\(input.name)\(input.hasDefault ? "_d" : "")"
            if !definitions.contains(where: { $0.0 == name }) { definitions.append((name, .object([("input", declaration(input))]))) }
            features.insert("use input")
            return .object([("use", .string(name))])
        }

        func declaration(_ input: InputSpec) -> JSON {
            switch input.kind {
            case .integer(let min, let max):
                var members: [(String, JSON)] = [("type", "integer"), ("min", .number(String(min))), ("max", .number(String(max)))]
                if input.hasDefault { members.append(("default", .number(String(min + 1)))) }
                return .object(members)
            case .decimal(let scale, let min, let max):
                var members: [(String, JSON)] = [("type", "decimal"), ("scale", .number(String(scale))), ("min", .string(min)), ("max", .string(max))]
                if input.hasDefault { members.append(("default", "12")) }
                return .object(members)
            case .choice(let values):
                var members: [(String, JSON)] = [("type", "choice"), ("values", .array(values.map { .string($0) }))]
                if input.hasDefault { members.append(("default", .string(values[1]))) }
                return .object(members)
            }
        }

        // MARK: Pipelines

        /// A pipeline: either an amount-setting block then changes, or a branch whose cases set
        /// the amount; `setter` false makes the changes to an amount already set.
        mutating func pipeline(_ fee: FeeSpec, depth: Int, setter: Bool) -> [JSON] {
            let branchable = depth < 2 && !fee.inputs.isEmpty
            var blocks: [JSON] = []
            if setter, branchable, chance(0.3) {
                blocks.append(branch(fee, depth: depth, setter: true))
                for _ in 0..<int(0...2) { blocks.append(change(fee)) }
                return blocks
            }
            if setter || chance(0.1) { blocks.append(set(fee)) }
            for _ in 0..<int(setter ? 0...3 : 1...2) { blocks.append(change(fee)) }
            if branchable, chance(0.15) { blocks.append(branch(fee, depth: depth, setter: false)) }
            return blocks
        }

        /// `fixed`, `per_unit` (with a quantity) or `percent` (of the input `x`).
        mutating func set(_ fee: FeeSpec) -> JSON {
            var choices = ["fixed"]
            if fee.quantity != nil { choices += ["per_unit", "per_unit"] }
            if fee.inputs.contains(where: { $0.name == "x" }) { choices += ["percent", "percent"] }
            if fee.quantity != nil { choices += ["percent of the quantity", "tiers"] }
            if fee.inputs.contains(where: { $0.name != "q" }) || (fee.quantity != nil && chance(0.3)) { choices.append("table") }
            let name = pick(choices)
            features.insert(name)
            if name == "percent of the quantity", fee.scope != "item" { features.insert("percent of a summed quantity") }
            switch name {
            case "fixed":
                return .object([("fixed", amount(capLimit: false))])
            case "tiers":
                return .object([("tiers", tiers(fee))])
            case "table":
                return .object([("table", table(fee) { g in g.amount(capLimit: false) })])
            case "per_unit":
                var body: [(String, JSON)] = [("price", amount(capLimit: false))]
                if chance(0.6) { body.append(("per", .number(String(pick([1, 12, 60, int(1...1000)]))))) }
                return .object([("per_unit", .object(body))])
            default:
                let of = name == "percent" ? "x" : "q"
                var body: [(String, JSON)] = [("of", .string(of)), ("percent", .string(decimal(0...40, decimals: pick([0, 2, 4, 6]))))]
                if chance(0.4) {
                    let ceiling = money(0...150_000)
                    body.append(("of_at_most", .string(ceiling)))
                    hot[of, default: []] += [.string(ceiling)]
                    features.insert("of_at_most")
                }
                return .object([("percent", .object(body))])
            }
        }

        /// `share`, `round`, `min`, `max`, `multiply`, `add`, or now and then such blocks
        /// defined once as a pipeline and used by name.
        mutating func change(_ fee: FeeSpec) -> JSON {
            if chance(0.08) {
                let existing = definitions.filter { $0.1["pipeline"] != nil }.map(\.0)
                features.insert("use pipeline")
                if !existing.isEmpty, chance(0.4) { return .object([("use", .string(pick(existing)))]) }
                let name = definitionName("p")
                // Blocks that name no input: a defined pipeline is read against each using fee.
                let blocks = (0..<int(1...2)).map { _ in change(FeeSpec(key: fee.key, inputs: [], quantity: nil, scope: nil, group: nil)) }
                definitions.append((name, .object([("pipeline", .array(blocks)), ("text", "Ett definierat steg.")])))
                return .object([("use", .string(name))])
            }
            switch int(0...5) {
            case 0:
                features.insert("share")
                return .object([("share", .string(decimal(0...2, decimals: pick([0, 2, 4, 6]))))])
            case 1:
                let mode = pick(Self.modes)
                features.insert("round \(mode)")
                let step = chance(0.8) ? pick(["0.01", "0.05", "0.10", "0.25", "1", "1.00", "10", "100.00"]) : money(1...30)
                return .object([("round", .object([("step", .string(step == "0" ? "1" : step)), ("mode", .string(mode))]))])
            case 2:
                features.insert("min")
                return .object([("min", amount(capLimit: false))])
            case 3:
                features.insert("max")
                return .object([("max", amount(capLimit: false))])
            case 4:
                features.insert("add")
                let added = amount(capLimit: false)
                return .object([("add", chance(0.5) ? added : .object([("amount", added), ("text", "kungörelse")]))])
            default:
                return .object([("multiply", multiply(fee))])
            }
        }

        /// A factor string: 0–30 with at most 6 decimals.
        mutating func factorText() -> String { decimal(0...pick([1, 3, 30]), decimals: pick([0, 1, 2, 6])) }

        /// The inputs a factor or a table row may be read from: numbers whose `min` is 0 or
        /// more (a factor) or any (a table), the quantity only now and then.
        func numberInputs(_ fee: FeeSpec, factor: Bool) -> [InputSpec] {
            // Not `x` as a factor: up to 2 000 000, times other factors, the amounts outgrow what
            // the engine computes exactly (it refuses them, "split the request").
            fee.inputs.filter { input in
                if factor, input.name == "x" { return false }
                switch input.kind {
                case .choice: return false
                case .integer: return true
                case .decimal(_, let min, _): return !factor || !min.hasPrefix("-")
                }
            }
        }

        /// A `multiply` body: a constant, an input, bands, a lookup, a table, a sum or a defined factor.
        mutating func multiply(_ fee: FeeSpec) -> JSON {
            var forms = ["constant", "named constant"]
            let numbers = numberInputs(fee, factor: true)
            if !numbers.isEmpty { forms += ["input", "bands"] }
            if !fee.inputs.isEmpty { forms += ["lookup", "table"] }
            forms += ["sum", "use"]
            let form = pick(forms)
            features.insert("multiply \(form)")
            return factor(fee, form: form, named: true)
        }

        mutating func factor(_ fee: FeeSpec, form: String, named: Bool) -> JSON {
            var body: [(String, JSON)] = named && chance(0.6) ? [("name", .string(pick(["N", "OF", "HF", "HF1 + HF2"])))] : []
            switch form {
            case "constant":
                return .string(factorText())
            case "named constant":
                body.append(("factor", .string(factorText())))
            case "input":
                let input = pick(numberInputs(fee, factor: true))
                if input.name == "q", fee.scope != "item" { features.insert("multiply by a summed quantity") }
                body.append(("input", .string(input.name)))
            case "bands":
                let input = pick(numberInputs(fee, factor: true))
                let tops = rowTops(input, fee: fee)
                body.append(
                    (
                        "bands",
                        .object([
                            ("input", .string(input.name)),
                            (
                                "bands",
                                .array(tops.map { top in .object((top.map { [("up_to", JSON.string($0))] } ?? []) + [("factor", .string(factorText()))]) })
                            ),
                        ])
                    ))
            case "lookup":
                let input = pick(fee.inputs)
                let keys = caseKeys(input)
                var lookup: [(String, JSON)] = [
                    ("input", .string(input.name)), ("cases", .object(keys.map { ($0, chance(0.1) ? JSON.null : .string(factorText())) })),
                ]
                if chance(0.5) { lookup.append(("otherwise", .string(factorText()))) }
                // At least one case offered.
                if case .object(let cases) = lookup[1].1, cases.allSatisfy({ $0.1.isNull }) { lookup[1].1 = .object([(cases[0].0, .string("1"))]) }
                body.append(("lookup", .object(lookup)))
            case "table":
                body.append(("table", table(fee) { g in .string(g.factorText()) }))
            case "sum":
                var parts: [JSON] = []
                for _ in 0..<int(2...3) {
                    var forms = ["constant", "named constant"]
                    if !numberInputs(fee, factor: true).isEmpty { forms += ["input", "bands"] }
                    if !fee.inputs.isEmpty { forms.append("lookup") }
                    parts.append(factor(fee, form: pick(forms), named: false))
                }
                body.append(("sum", .array(parts)))
            default:
                // A defined factor names no input: it is read against each using fee.
                let existing = definitions.filter { $0.1["factor"] != nil }.map(\.0)
                let name: String
                if !existing.isEmpty, chance(0.4) {
                    name = pick(existing)
                } else {
                    name = definitionName("f")
                    definitions.append((name, .object([("factor", chance(0.5) ? .string(factorText()) : .object([("factor", .string(factorText()))]))])))
                }
                body.append(("use", .string(name)))
            }
            return .object(body)
        }

        /// Case keys for a lookup on `input`, as `branch` makes them (hot values noted).
        mutating func caseKeys(_ input: InputSpec) -> [String] {
            var keys: [String]
            switch input.kind {
            case .choice(let values):
                keys = values.filter { _ in chance(0.7) }
            case .integer(let min, let max):
                keys = Array(Set((0..<int(1...4)).map { _ in String(int(min...Swift.min(max, min + 5))) })).sorted()
                hot[input.name, default: []] += keys.map { JSON.number($0) }
            case .decimal(let scale, let min, let max):
                let low = Int(Fraction(decimal: min)!.ceiling)
                let high = Swift.min(Int(Fraction(decimal: max)!.floor) - 1, low + 20)
                let values = Set((0..<int(1...3)).map { _ in Fraction(decimal: decimal(low...high, decimals: scale))! })
                keys = values.sorted().map(Self.text)
                hot[input.name, default: []] += keys.map { JSON.string($0) }
            }
            return keys.isEmpty ? [input.name == "c" ? "a" : String(Self.lowest(input))] : keys
        }

        /// A whole number as a request writes it for `input`: a JSON number for an integer, a
        /// string for a decimal.
        static func hotValue(_ input: InputSpec, _ value: Int) -> JSON {
            if case .integer = input.kind { return .number(String(value)) }
            return .string(String(value))
        }

        static func lowest(_ input: InputSpec) -> Int {
            switch input.kind {
            case .integer(let min, _): min
            case .decimal(_, let min, _): Int(Fraction(decimal: min)!.ceiling)
            case .choice: 0
            }
        }

        /// Increasing tops for bands or table rows on a number input, within its range (each
        /// reachable: whole numbers, multiples of the quantity's increment); the last nil
        /// (every larger value) now and then.
        mutating func rowTops(_ input: InputSpec, fee: FeeSpec) -> [String?] {
            let step = input.name == "q" ? (fee.quantity?["increment"]?.integer ?? 1) : 1
            let low: Int
            let high: Int
            switch input.kind {
            case .integer(let min, let max): (low, high) = (min, max)
            case .decimal(_, let min, let max): (low, high) = (Int(Fraction(decimal: min)!.ceiling), Int(Fraction(decimal: max)!.floor))
            case .choice: preconditionFailure()
            }
            let less = input.name == "q" ? (fee.quantity?["less"]?.integer ?? 0) : 0
            let top = Swift.max(low, Swift.min(high - less, low + 60))
            var tops = Set((0..<int(1...3)).map { _ in int(low...top) / step * step }).sorted()
            tops.removeAll { $0 < low }
            if tops.isEmpty { tops = [top] }
            hot[input.name, default: []] += tops.flatMap { [Self.hotValue(input, $0), Self.hotValue(input, $0 + 1)] }
            var texts: [String?] = tops.map(String.init)
            // An open last row only where a value can lie above the last top.
            let summed = input.name == "q" && fee.scope != "item"
            if chance(0.6), summed || tops.last! < high - less { texts.append(nil) }
            return texts
        }

        /// Graduated or volume tiers on the billed quantity, their tops multiples of the
        /// quantity's increment (every tier reachable).
        mutating func tiers(_ fee: FeeSpec) -> JSON {
            let graduated = chance(0.5)
            features.insert(graduated ? "tiers graduated" : "tiers volume")
            if fee.scope != "item" { features.insert("tiers on a summed quantity") }
            let step = fee.quantity?["increment"]?.integer ?? 1
            // One item's billed quantity is at most its maximum less `less`: tops above it are
            // reachable only by a summed quantity.
            var limit = Int.max
            if fee.scope == "item", let q = fee.inputs.first(where: { $0.name == "q" }) {
                let high: Int =
                    switch q.kind {
                    case .integer(_, let max): max
                    case .decimal(_, _, let max): Int(Fraction(decimal: max)!.floor)
                    case .choice: Int.max
                    }
                limit = high - (fee.quantity?["less"]?.integer ?? 0)
            }
            var top = 0
            var tiers: [JSON] = []
            let count = int(1...4)
            for t in 0..<count {
                top += step * int(1...8)
                let last = t == count - 1 || top + step * 8 > limit
                var tier: [(String, JSON)] = []
                if (!last || chance(0.3)) && top <= limit {
                    tier.append(("up_to", .string(String(top))))
                    if let q = fee.inputs.first(where: { $0.name == "q" }) { hot["q", default: []] += [Self.hotValue(q, top), Self.hotValue(q, top + 1)] }
                }
                let which = int(0...2)
                if which != 1 { tier.append(("unit_price", amount(capLimit: true))) }
                if which != 0 { tier.append(("flat", chance(0.2) ? "0.00" : amount(capLimit: true))) }
                tiers.append(.object(tier))
                if last { break }
            }
            var body: [(String, JSON)] = [("mode", .string(graduated ? "graduated" : "volume"))]
            if chance(0.3) { body.append(("per", .number(String(pick([1, 10, 60]))))) }
            body.append(("tiers", .array(tiers)))
            return .object(body)
        }

        /// A table keyed by one to three of the fee's inputs: rows by value or by tops; cells
        /// by `cell`, now and then empty (not offered).
        mutating func table(_ fee: FeeSpec, cell: (inout Generator) -> JSON) -> JSON {
            var candidates = fee.inputs.filter { $0.name != "q" }
            if let q = fee.inputs.first(where: { $0.name == "q" }), candidates.isEmpty || chance(0.2) { candidates.append(q) }
            var chosen: [InputSpec] = []
            for input in candidates where chosen.isEmpty || chance(0.5) { chosen.append(input) }
            if chosen.count > 3 { chosen = Array(chosen.prefix(3)) }
            features.insert("table of \(chosen.count) keys")
            if chosen.contains(where: { $0.name == "q" }), fee.scope != "item" { features.insert("table on a summed quantity") }
            var keys: [JSON] = []
            var counts: [Int] = []
            for input in chosen {
                if case .choice(let all) = input.kind {
                    // Mostly every value (a grid as printed), now and then one left out.
                    let values = chance(0.6) ? all : caseKeys(input)
                    keys.append(.object([("input", .string(input.name)), ("values", .array(values.map { .string($0) }))]))
                    counts.append(values.count)
                } else if chance(0.75) {
                    let tops = rowTops(input, fee: fee)
                    keys.append(.object([("input", .string(input.name)), ("up_to", .array(tops.map { $0.map { .string($0) } ?? .null }))]))
                    counts.append(tops.count)
                } else {
                    let values = caseKeys(input)
                    keys.append(.object([("input", .string(input.name)), ("values", .array(values.map { .string($0) }))]))
                    counts.append(values.count)
                }
            }
            var offered = 0
            func cells(_ level: Int) -> JSON {
                .array(
                    (0..<counts[level]).map { _ in
                        if level < counts.count - 1 { return cells(level + 1) }
                        if chance(0.12) { return .null }
                        offered += 1
                        return cell(&self)
                    })
            }
            var grid = cells(0)
            if offered == 0 {
                // At least one cell offered: the first.
                func first(_ json: JSON) -> JSON {
                    guard case .array(var elements) = json else { return cell(&self) }
                    elements[0] = first(elements[0])
                    return .array(elements)
                }
                grid = first(grid)
            }
            return .object([("keys", .array(keys)), ("cells", grid)])
        }

        /// `bands` on a number (`x`, `n`, or the quantity `q`, decided on the billed quantity),
        /// or `lookup` on any input.
        mutating func branch(_ fee: FeeSpec, depth: Int, setter: Bool) -> JSON {
            var choices: [(String, InputSpec)] = []
            for input in fee.inputs {
                if case .choice = input.kind {} else { choices.append(("bands", input)) }
                choices.append(("lookup", input))
            }
            let (block, input) = pick(choices)
            features.insert(block + (input.name == "q" ? " on the quantity" : ""))
            if input.name == "q", fee.scope != "item" { features.insert(block + " on a summed quantity") }
            if block == "bands" {
                var limits: [String] = []
                switch input.kind {
                case .integer(let min, let max):
                    var values = Set((0..<int(1...3)).map { _ in int(min...max) })
                    if chance(0.85) { values.insert(max) }
                    limits = values.sorted().map(String.init)
                    hot[input.name, default: []] += limits.flatMap { [JSON.number($0), JSON.number(String(Int($0)! + 1))] }
                    // A summed quantity may lie above one item's maximum.
                    if input.name == "q", fee.scope != "item", chance(0.6), max * 40 > Int(limits.last ?? "0")! { limits.append(String(max * 40)) }
                case .decimal(let scale, let min, let max):
                    let low = Int(Fraction(decimal: min)!.floor)
                    let high = Int(Fraction(decimal: max)!.floor)
                    var values = Set((0..<int(1...4)).map { _ in chance(0.5) ? String(int(low...high)) : decimal(low...high - 1, decimals: 2) })
                    if chance(0.85) { values.insert(max) }
                    limits = values.sorted { Fraction(decimal: $0)! < Fraction(decimal: $1)! }
                    // "78" and "78.0" are one top.
                    limits = limits.enumerated().filter { $0.offset == 0 || Fraction(decimal: limits[$0.offset - 1])! < Fraction(decimal: $0.element)! }.map(
                        \.element)
                    let step = scale >= 2 ? Fraction(1, 100) : Fraction.one
                    hot[input.name, default: []] += limits.flatMap { [JSON.string($0), JSON.string(Self.text(Fraction(decimal: $0)! + step))] }
                    if input.name == "q", fee.scope != "item", chance(0.6), Fraction(high * 40) > limits.last.flatMap(Fraction.init(decimal:)) ?? .zero {
                        limits.append(String(high * 40))
                    }
                case .choice: preconditionFailure()
                }
                let bands = limits.map { limit in
                    JSON.object([("up_to", .string(limit)), ("price", .array(pipeline(fee, depth: depth + 1, setter: setter)))])
                }
                return .object([("bands", .object([("input", .string(input.name)), ("bands", .array(bands))]))])
            }
            // Case keys: the listed choices, small integers, or decimals written without
            // trailing zeros (a request may write them with more).
            var keys: [String]
            var complete = false
            switch input.kind {
            case .choice(let values):
                keys = values.filter { _ in chance(0.6) }
                complete = keys.count == values.count
            case .integer(let min, let max):
                keys = Array(Set((0..<int(1...4)).map { _ in String(int(min...Swift.min(max, min + 5))) })).sorted()
                hot[input.name, default: []] += keys.map { JSON.number($0) }
            case .decimal(let scale, let min, let max):
                let low = Int(Fraction(decimal: min)!.ceiling)
                let high = Swift.min(Int(Fraction(decimal: max)!.floor) - 1, low + 20)
                let values = Set((0..<int(1...3)).map { _ in Fraction(decimal: decimal(low...high, decimals: scale))! })
                keys = values.sorted().map(Self.text)
                hot[input.name, default: []] += keys.map { JSON.string($0) } + keys.map { JSON.string(scale > 0 && !$0.contains(".") ? $0 + ".0" : $0) }
            }
            if keys.isEmpty { keys = [input.name == "c" ? "a" : "1"] }
            var cases: [(String, JSON)] = []
            for key in keys { cases.append((key, .array(pipeline(fee, depth: depth + 1, setter: setter)))) }
            var body: [(String, JSON)] = [("input", .string(input.name)), ("cases", .object(cases))]
            // A lookup on a choice covers every value, by its cases or `otherwise` (the loader
            // checks it); one on a number may leave values to the request's refusal.
            if chance(0.7) || (input.name == "c" && !complete) {
                body.append(("otherwise", .array(pipeline(fee, depth: depth + 1, setter: setter))))
            }
            return .object([("lookup", .object(body))])
        }

        /// A terminating fraction as a decimal without trailing zeros: `2.5`, `-3`, `0.125`.
        static func text(_ value: Fraction) -> String {
            var scaled = value
            var places = 0
            while !scaled.isInteger {
                scaled = scaled * Fraction(10)
                places += 1
            }
            let digits = String(scaled.numerator.magnitude)
            guard places > 0 else { return (scaled.numerator < 0 ? "-" : "") + digits }
            let padded = String(repeating: "0", count: Swift.max(0, places + 1 - digits.count)) + digits
            return (scaled.numerator < 0 ? "-" : "") + padded.dropLast(places) + "." + padded.suffix(places)
        }

        /// An amount: a constant, a share of the PBB, or a base amount indexed by KPX or KPY.
        mutating func amount(capLimit: Bool) -> JSON {
            let r = int(0...19)
            if r < 11 {
                features.insert("amount constant")
                return .string(capLimit ? money(50...4000) : money(0...pick([100, 5000, 40000])))
            }
            if r < 14 {
                features.insert("amount index percent")
                return .object([("index", "PBB"), ("percent", .string(decimal(0...(capLimit ? 6 : 12), decimals: pick([0, 1, 4]))))])
            }
            if r < 17 {
                features.insert("amount index times")
                var members: [(String, JSON)] = [("index", "PBB"), ("times", .string(decimal(0...1, decimals: pick([2, 4, 6]))))]
                if chance(0.6) { members.append(("divided_by", .number(String(pick([12, 3, 1000]))))) }
                if chance(0.6) {
                    members.append(("rounding", .object([("step", .string(pick(["1.00", "0.01", "100"]))), ("mode", .string(pick(Self.modes)))])))
                }
                return .object(members)
            }
            if r < 19, chance(0.3) {
                // A base amount raised by the council's yearly decisions.
                features.insert("amount indexed by raises")
                var raises: [JSON] = []
                var year = validFromYear + 1
                while year <= 2028, chance(0.85) {
                    let raise = chance(0.15) ? "none" : decimal(-3...9, decimals: pick([0, 1, 2]))
                    let decided = Self.day(year - 1, 11, 1) + int(0...75)
                    raises.append(
                        .object([
                            ("year", .number(String(year))), ("raise", .string(raise)), ("decided", .string(Self.date(decided))),
                            ("decision", .string("Testnämnden \(Self.date(decided))")),
                        ]))
                    year += chance(0.1) ? 2 : 1
                }
                let by: [(String, JSON)] = [
                    ("raises", .array(raises)),
                    ("rounding", .object([("step", .string(pick(["1.00", "0.01", "0.50", "10"]))), ("mode", .string(pick(Self.modes)))])),
                    ("paragraph", "Avsnitt 3"), ("text", "Nämnden beslutar om höjning inför varje år."),
                ]
                return named(.object([("base", .string(money(capLimit ? 50...4000 : 0...3000))), ("indexed_by", .object(by))]))
            }
            let series = pick(["KPX", "KPY"])
            features.insert("amount indexed \(series)")
            var by: [(String, JSON)] = [
                ("series", .string(series)), ("publication_month", .number(series == "KPX" ? "10" : "3")),
                ("publication_years_before", .number(series == "KPX" ? "1" : "0")),
            ]
            // KPX's October publication also lists the year it is published in.
            if series == "KPX", chance(0.4) {
                by.append(("value_years_before", .number("1")))
                features.insert("amount indexed by the value of the year before")
            }
            by += [
                ("rounding", .object([("step", .string(pick(["1.00", "0.01", "0.50", "10"]))), ("mode", .string(pick(Self.modes)))])),
                ("paragraph", .string(chance(0.5) ? "2 §" : "Avsnitt 3, Timavgift")), ("text", "Beloppet räknas upp årligen."),
            ]
            return named(.object([("base", .string(money(capLimit ? 50...4000 : 0...3000))), ("indexed_by", .object(by))]))
        }

        /// An indexed amount, now and then defined once under `definitions` and used by name
        /// (and used again by a later block).
        mutating func named(_ amount: JSON) -> JSON {
            let existing = definitions.filter { $0.1["amount"] != nil }.map(\.0)
            if !existing.isEmpty, chance(0.3) {
                features.insert("use amount")
                return .object([("use", .string(pick(existing)))])
            }
            guard chance(0.4) else { return amount }
            features.insert("use amount")
            let name = definitionName("a")
            definitions.append((name, .object([("amount", amount), ("text", "Timavgiften")])))
            return .object([("use", .string(name))])
        }

        // MARK: Requests

        /// One `items` request for `tariff` (id `id`).
        mutating func request(_ tariff: TariffSpec, id: String) -> JSON {
            var items: [JSON] = []
            // Now and then a long one: more than 16 summed lines, where the engine looks lines up
            // by key instead of one by one.
            for _ in 0..<(chance(0.02) ? int(25...60) : pick([1, 1, 2, 2, 3, 4, 5, 8, int(1...20)])) {
                let fee = pick(tariff.fees)
                let date = chance(0.7) ? pick(tariff.hotDates) : Self.date(tariff.firstDay + int(-5...2500))
                var members: [(String, JSON)] = [("fee", .string(fee.key)), ("date", .string(String(date.prefix(4)) > "2027" ? "2027-12-31" : date))]
                var inputs: [(String, JSON)] = []
                for input in fee.inputs where !(input.hasDefault && chance(0.3)) {
                    inputs.append((input.name, value(input)))
                }
                if chance(0.003), let first = fee.inputs.first {
                    // Out of range: refused at the edge.
                    inputs.removeAll { $0.0 == first.name }
                    switch first.kind {
                    case .integer(_, let max): inputs.append((first.name, .number(String(max + 1))))
                    case .decimal(_, _, let max): inputs.append((first.name, .string((Fraction(decimal: max)! + Fraction.one).description)))
                    case .choice: inputs.append((first.name, "z"))
                    }
                }
                if !inputs.isEmpty || chance(0.1) { members.append(("inputs", .object(inputs))) }
                items.append(.object(members))
            }
            var members: [(String, JSON)] = [("id", .string(id)), ("tariff", .string(tariff.id)), ("items", .array(items))]
            if chance(tariff.allowsAdjustments ? 0.3 : 0.01) {
                if chance(0.7) {
                    // Now and then one the contract refuses: 0, above 100, five decimals.
                    let percent = chance(0.5) ? pick(["50", "100", "25", "33.3333", "0.0001", "0.00", "100.01", "12.34567"]) : decimal(0...99, decimals: 4)
                    members.append(("adjustment", .object([("kind", "reduction"), ("percent", .string(percent)), ("reference", "Beslut 1")])))
                } else {
                    members.append(("adjustment", .object([("kind", "waiver"), ("reference", "Beslut 2")])))
                }
            }
            if chance(0.08) { members.append(("as_of", .string(Self.date(tariff.firstDay + int(-20...2500))))) }
            // Explanations must not change an amount.
            if chance(0.05) { members.append(("explain", true)) }
            return .object(members)
        }

        mutating func value(_ input: InputSpec) -> JSON {
            if !input.hot.isEmpty, chance(0.3) {
                let value = pick(input.hot)
                // Mostly values the input's scale allows (a limit may have more decimals).
                guard case .decimal(let scale, _, _) = input.kind, let text = value.string, text.contains("."), chance(0.95) else { return value }
                if text.split(separator: ".")[1].count <= scale { return value }
            }
            switch input.kind {
            case .integer(let min, let max):
                return .number(String(chance(0.6) ? int(min...Swift.min(max, min + 40)) : int(min...max)))
            case .decimal(let scale, let min, let max):
                let low = Int(Fraction(decimal: min)!.ceiling)
                let high = Int(Fraction(decimal: max)!.floor) - 1
                let whole = chance(0.5) ? int(low...Swift.min(high, low + 100)) : int(low...high)
                return .string(decimal(whole...whole, decimals: scale))
            case .choice(let values):
                return .string(pick(values))
            }
        }
    }
}
