/// Seeded, deterministic tariffs of kind `fees` and `items` requests for them, covering every
/// block, rounding mode, scope, amount source, caps, VAT (included and added) and adjustments.
/// The tariffs are valid by construction (the real loader must accept them); the requests are
/// mostly valid, with a share of the documented refusals (a value out of range, an input above
/// the last band, a lookup without its case, a day before the first version, an `as_of` before a
/// decision or a publication).
extension Reference {
    struct Generator {
        typealias RNG = PropertyTests.SplitMix64
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
                for fee in fees {
                    // Fees of one group share their price.
                    let price = fee.group.flatMap { priced[$0] } ?? .array(pipeline(fee, depth: 0, setter: true))
                    if let group = fee.group { priced[group] = price }
                    var body: [(String, JSON)] = [("name", .string("Avgift \(fee.key)")), ("text", .string("Avgiften \(fee.key)."))]
                    if chance(0.3) { body.append(("paragraph", .string("\(int(1...20)) §"))) }
                    if !fee.inputs.isEmpty { body.append(("inputs", .object(fee.inputs.map { ($0.name, declaration($0)) }))) }
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
                for _ in 0..<int(0...2) { blocks.append(change()) }
                return blocks
            }
            if setter || chance(0.1) { blocks.append(set(fee)) }
            for _ in 0..<int(setter ? 0...3 : 1...2) { blocks.append(change()) }
            if branchable, chance(0.15) { blocks.append(branch(fee, depth: depth, setter: false)) }
            return blocks
        }

        /// `fixed`, `per_unit` (with a quantity) or `percent` (of the input `x`).
        mutating func set(_ fee: FeeSpec) -> JSON {
            var choices = ["fixed"]
            if fee.quantity != nil { choices += ["per_unit", "per_unit"] }
            if fee.inputs.contains(where: { $0.name == "x" }) { choices += ["percent", "percent"] }
            if fee.quantity != nil { choices.append("percent of the quantity") }
            let name = pick(choices)
            features.insert(name)
            if name == "percent of the quantity", fee.scope != "item" { features.insert("percent of a summed quantity") }
            switch name {
            case "fixed":
                return .object([("fixed", amount(capLimit: false))])
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

        /// `share`, `round`, `min` or `max`.
        mutating func change() -> JSON {
            switch int(0...3) {
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
            default:
                features.insert("max")
                return .object([("max", amount(capLimit: false))])
            }
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
                    if input.name == "q", fee.scope != "item", chance(0.6) { limits.append(String(max * 40)) }
                case .decimal(let scale, let min, let max):
                    let low = Int(Fraction(decimal: min)!.floor)
                    let high = Int(Fraction(decimal: max)!.floor)
                    var values = Set((0..<int(1...4)).map { _ in chance(0.5) ? String(int(low...high)) : decimal(low...high - 1, decimals: 2) })
                    if chance(0.85) { values.insert(max) }
                    limits = values.sorted { Fraction(decimal: $0)! < Fraction(decimal: $1)! }
                    let step = scale >= 2 ? Fraction(1, 100) : Fraction.one
                    hot[input.name, default: []] += limits.flatMap { [JSON.string($0), JSON.string(Self.text(Fraction(decimal: $0)! + step))] }
                    if input.name == "q", fee.scope != "item", chance(0.6) { limits.append(String(high * 40)) }
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
            let series = pick(["KPX", "KPY"])
            features.insert("amount indexed \(series)")
            var by: [(String, JSON)] = [
                ("series", .string(series)), ("publication_month", .number(series == "KPX" ? "10" : "3")),
                ("publication_years_before", .number(series == "KPX" ? "1" : "0")),
                ("rounding", .object([("step", .string(pick(["1.00", "0.01", "0.50", "10"]))), ("mode", .string(pick(Self.modes)))])),
            ]
            by += [("paragraph", "2 §"), ("text", "Beloppet räknas upp årligen.")]
            return .object([("base", .string(money(capLimit ? 50...4000 : 0...3000))), ("indexed_by", .object(by))])
        }

        // MARK: Requests

        /// One `items` request for `tariff` (id `id`).
        mutating func request(_ tariff: TariffSpec, id: String) -> JSON {
            var items: [JSON] = []
            // Now and then a long one: more than 16 summed lines, where the engine looks lines up
            // by key instead of one by one.
            for _ in 0..<(chance(0.01) ? int(25...60) : pick([1, 1, 2, 2, 3, 4, 5, 8, int(1...20)])) {
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
