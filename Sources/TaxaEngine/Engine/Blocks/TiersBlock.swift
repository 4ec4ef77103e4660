import TaxaBase

/// `{"tiers": {"mode": "graduated" | "volume", "per"?: 1, "tiers": [{"up_to": "19", "unit_price"?: AMOUNT,
/// "flat"?: AMOUNT}, …, {"unit_price": "2.00"}]}}`: tiers on the line's billed quantity (after
/// summing, `less` and increments), in the two models billing engines share (Stripe's
/// `tiers_mode`, Lago's charge models):
///
/// - `graduated`: each tier's units at that tier's unit price, plus the flat amount of every
///   tier the quantity reaches ("1–19 sidor avgiftsfritt, 20 sidor 70 kr, 2 kr per sida
///   utöver den tjugonde");
/// - `volume`: the whole quantity at the unit price of the tier it falls in, plus that tier's
///   flat amount.
///
/// A tier holds the quantities above the previous tier's top up to its own (inclusive); the
/// first starts at 0 and holds 0, the last may leave `up_to` out and take every larger
/// quantity. A unit price is per `per` units.
package struct TiersBlock: DeclaredBlock {
    package static let key = "tiers"
    static let declaration = BlockDeclaration(
        summary: "graduated or volume tiers on the billed quantity, each with a unit price and a flat amount",
        value: .object(shape),
        doc: """
            Tiers on the line's **billed quantity** (summed over the fee's scope, less `less`, in whole
            increments), in the two models billing engines share (Stripe's `tiers_mode`, Lago's charge
            models):

            - `graduated`: each tier's units at that tier's unit price, plus the flat amount of every tier
              the quantity reaches. *"1–19 sidor avgiftsfritt, 20 sidor 70 kr, 2 kr per sida utöver den
              tjugonde"*: 25 pages (10 + 15 in one request) = 70,00 kr + 5 sidor à 2,00 kr = 80,00 kr;
              *"första sidan 40 kr, 4 kr per sida därutöver"*: `[{"up_to": "1", "flat": "40.00"},
              {"unit_price": "4.00"}]`.
            - `volume`: the whole quantity at the unit price of the tier it falls in, plus that tier's
              flat amount.
            """,
        notes: """
            A tier holds the quantities above the previous tier's top up to its own; the first tier starts
            at 0 and holds 0 (so its flat amount is charged for a quantity of 0). Each tier states
            `unit_price`, `flat` or both; a free tier states `"flat": "0.00"`. A billed quantity below 0 (after
            `less`) or above the last `up_to` is an `invalid_request` at the quantity input. Needs the fee's
            `quantity`. The line's text lists each tier's part that is not zero: `25 sidor = 70,00 kr + (5
            sidor à 2,00 kr) = 80,00 kr` (graduated), `21 m³ = (21 m³ à 3,00 kr) + 20,00 kr = 83,00 kr`
            (volume).
            """,
        examples: [
            #"""
            { "tiers": { "mode": "graduated", "tiers": [
              { "up_to": "19", "flat": "0.00" },
              { "up_to": "20", "flat": "70.00" },
              { "unit_price": "2.00" } ] } }
            """#
        ])
    static let shape = ObjectShape(
        what: "tiers",
        keys: [
            DeclaredKey("mode", .oneOf(Mode.allCases.map(\.rawValue)), .required, "how the tiers price the quantity"),
            DeclaredKey("per", .integer(1...1_000_000), .defaulted("1"), "unit prices are per this many units"),
            DeclaredKey("tiers", .array(.object(tier), count: 1...Limits.tiers, noun: "tiers"), .required, "the tiers, from the lowest"),
        ])
    static let tier = ObjectShape(
        what: "a tier",
        keys: [
            DeclaredKey(
                "up_to", .decimal(scale: 4, positive: true), .optional,
                "the tier's top (inclusive), above the previous tier's; only the last tier may leave it out and take every larger quantity"),
            DeclaredKey("unit_price", .amount, .optional, "the price per `per` units of this tier"),
            DeclaredKey("flat", .amount, .optional, "charged once when the quantity reaches this tier (graduated) or falls in it (volume)"),
        ],
        atLeastOne: ["unit_price", "flat"])

    enum Mode: String, CaseIterable, Sendable { case graduated, volume }

    struct Tier: Sendable {
        var upTo: ScaledDecimal?
        var top: Exact?
        var unitPrice: AmountSource?
        var flat: AmountSource?
    }

    let mode: Mode
    let per: Int64
    let tiers: [Tier]
    let quantityInput: Int

    package init(parsing value: JSONValue, context: BlockContext) throws(FieldError) {
        guard let quantity = context.quantity else {
            throw FieldError("prices tiers of a quantity, but the fee declares none; add \"quantity\" to the fee")
        }
        quantityInput = quantity.inputIndex
        let domain = ValueDomain.billed(quantity, context.inputs[quantity.inputIndex])
        var tiers: [Tier] = []
        let (mode, per, list) = try DeclaredObject.read(value, Self.shape) { object throws(FieldError) in
            let mode = try object.oneOf("mode") { v, _ throws(FieldError) -> Mode in
                let text = try Read.string(v, length: 1...20)
                guard let mode = Mode(rawValue: text) else {
                    throw FieldError(
                        "expected \"graduated\" (each tier's units at its own price) or \"volume\" (the whole quantity at the price of the tier it falls in), got \"\(text)\""
                    )
                }
                return mode
            }
            return (
                mode, try object.integer("per"), try object.read("tiers") { v throws(FieldError) in try Read.array(v, count: 1...Limits.tiers, of: "tiers") }
            )
        }
        self.mode = mode
        self.per = per
        for (position, element) in list.enumerated() {
            let tier = try inside("tiers") { () throws(FieldError) in
                try inside(index: position) { () throws(FieldError) -> Tier in
                    try DeclaredObject.read(element, Self.tier) { object throws(FieldError) -> Tier in
                        let upTo = try object.readIfPresent("up_to") { v throws(FieldError) -> ScaledDecimal in
                            let top = try Read.decimal(v, maxScale: 4, what: "the tier's top quantity (inclusive)")
                            guard top.units > 0 else { throw FieldError("is 0; a tier's top is above 0 (the first tier starts at 0)") }
                            return top
                        }
                        if upTo == nil && position != list.count - 1 {
                            throw FieldError(
                                "missing required key \"up_to\": only the last tier may leave it out (and take every larger quantity)",
                                at: JSONPath([.key("up_to")]))
                        }
                        let previous = tiers.last?.upTo
                        if let upTo, let previous, !(Exact.plain(previous) < Exact.plain(upTo)) {
                            throw FieldError(
                                "is \(upTo), not above the previous tier's top \(previous): tiers overlap or are out of order; list them from the lowest, each up to a higher quantity",
                                at: JSONPath([.key("up_to")]))
                        }
                        if let problem = domain?.unreachable(above: previous, upTo: upTo) {
                            throw FieldError("the tier \(problem)", at: JSONPath([.key("up_to")]))
                        }
                        var inner = context
                        inner.path = context.path.appending("tiers").appending(.index(position))
                        let amount = { (key: String) throws(FieldError) -> AmountSource? in
                            var located = inner
                            located.path = inner.path.appending(key)
                            return try object.readIfPresent(key) { v throws(FieldError) in try AmountSourceParser.parse(v, context: located) }
                        }
                        let unitPrice = try amount("unit_price")
                        let flat = try amount("flat")
                        if unitPrice == nil && flat == nil {
                            throw FieldError(
                                "expected \"unit_price\" (a price per unit of the tier), \"flat\" (an amount for reaching the tier) or both; a free tier states \"flat\": \"0.00\""
                            )
                        }
                        return Tier(upTo: upTo, top: upTo.map(Exact.plain), unitPrice: unitPrice, flat: flat)
                    }
                }
            }
            tiers.append(tier)
        }
        self.tiers = tiers
    }

    package func setsAmount(after amountSet: Bool) -> Bool { true }

    package var discardsAmountSoFar: Bool { true }
    package var setsAmountItself: Bool { true }

    package func apply(_ state: inout PriceState, _ line: PricingLine) throws(BlockFailure) {
        let quantity = line.quantity ?? .zero
        guard !(quantity < .zero) else {
            throw .input(
                index: quantityInput,
                message: "gives a billed quantity of \(SwedishText.plain(quantity)), below 0, where the tiers of \(line.fee.key) begin")
        }
        guard let found = tiers.firstIndex(where: { $0.top.map { !($0 < quantity) } ?? true }) else {
            throw .input(
                index: quantityInput,
                message:
                    "gives a billed quantity of \(SwedishText.plain(quantity)), above the highest tier of \(line.fee.key) (up to \(tiers.last!.upTo!)); the tariff states no fee above it"
            )
        }
        let unit = line.fee.quantity?.unit ?? ""
        var amount = Exact.zero
        var steps: [String] = []
        // What the line's text shows: every part that is not zero.
        var shown: [LineSteps.TierPart] = []
        for index in (mode == .graduated ? 0...found : found...found) {
            let tier = tiers[index]
            var parts: [String] = []
            if let source = tier.unitPrice {
                let price = try line.amount(source, explain: state.explaining)
                state.record(price)
                let (units, part) = try checked { () throws(ArithmeticOverflow) -> (Exact, Exact) in
                    // Graduated: the units inside this tier; volume: the whole quantity.
                    let lower = index == 0 || mode == .volume ? Exact.zero : Exact.plain(tiers[index - 1].upTo!)
                    let top = index == found ? quantity : tier.top!
                    let units = try top.adding(try lower.multiplied(by: -1))
                    return (units, try units.times(price.value).multiplied(by: 1, dividedBy: Int128(per)))
                }
                amount = try checked { () throws(ArithmeticOverflow) in try amount.adding(part) }
                if (line.steps != nil || state.explaining) && part != .zero { shown.append(.units(units, price: price.value, per: per)) }
                if state.explaining {
                    let perText = per == 1 ? "" : " per \(per) \(unit)"
                    parts.append("\(SwedishText.number(units)) \(unit) à \(SwedishText.kronor(price.value))\(perText)")
                }
            }
            if let source = tier.flat {
                let flat = try line.amount(source, explain: state.explaining)
                state.record(flat)
                amount = try checked { () throws(ArithmeticOverflow) in try amount.adding(flat.value) }
                if (line.steps != nil || state.explaining) && flat.value != .zero { shown.append(.flat(flat.value)) }
                if state.explaining { parts.append("fast \(SwedishText.kronor(flat.value))") }
            }
            if state.explaining { steps.append("steg \(index + 1) (\(range(index, unit))): \(parts.joined(separator: " och "))") }
        }
        state.amount = amount
        line.steps?.started(tiers: shown, amount: amount)
        if state.explaining {
            // The tiers reached, then their sum as the line's text writes it.
            let model = mode == .graduated ? "Trappstegsvis, varje steg för sina enheter" : "Hela mängden till priset för sitt steg"
            state.explain("\(model): \(steps.joined(separator: "; ")).")
            let sum = JSONWriter.text { out in
                if LineSteps.appendTiers(shown, value: quantity, unit: unit, amount: amount, to: &out) {
                    out.appendText(" = ")
                    SwedishNumber.appendKronor(amount, to: &out)
                }
            }
            state.explain("Belopp: \(sum).")
        }
    }

    private func checked<T>(_ body: () throws(ArithmeticOverflow) -> T) throws(BlockFailure) -> T {
        do { return try body() } catch { throw .overflow(error) }
    }

    /// "över 19 till och med 20 sidor", "över 20 sidor", "till och med 19 sidor".
    func range(_ index: Int, _ unit: String) -> String {
        let lower = index == 0 ? "0" : "över \(SwedishText.decimal(tiers[index - 1].upTo!))"
        guard let top = tiers[index].upTo else { return "\(lower) \(unit)" }
        return index == 0 ? "till och med \(SwedishText.decimal(top)) \(unit)" : "\(lower) till och med \(SwedishText.decimal(top)) \(unit)"
    }

    package func describe(_ context: DescribeContext) -> String {
        let unit = context.fee.quantity?.unit ?? ""
        let tiers = self.tiers.indices.map { index in
            let tier = self.tiers[index]
            var parts: [String] = []
            if let price = tier.unitPrice {
                parts.append(per == 1 ? "\(context.amount(price)) × antal \(unit)" : "\(context.amount(price)) per \(per) \(unit)")
            }
            if let flat = tier.flat { parts.append("fast belopp \(context.amount(flat))") }
            return "\(range(index, unit)): \(parts.joined(separator: " + "))"
        }
        let mode = self.mode == .graduated ? "trappstegsvis (varje steg för sina enheter)" : "hela mängden till priset för sitt steg"
        return "\(mode) [\(tiers.joined(separator: "; "))]"
    }

    package var amountSources: [(path: JSONPath, source: AmountSource)] {
        var found: [(path: JSONPath, source: AmountSource)] = []
        for (index, tier) in tiers.enumerated() {
            if let price = tier.unitPrice { found.append((JSONPath([.key("tiers"), .index(index), .key("unit_price")]), price)) }
            if let flat = tier.flat { found.append((JSONPath([.key("tiers"), .index(index), .key("flat")]), flat)) }
        }
        return found
    }
}
