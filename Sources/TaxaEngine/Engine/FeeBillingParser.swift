import TaxaBase

/// Reads what a `fees` version states for the billing system beyond the prices: accounting
/// codes (on a fee, a cap, a VAT rule, the total rounding), a fee's own VAT, and the rounding
/// of the invoice total. See docs/rule-vocabulary.md.
package enum FeeBillingParser {
    /// `{"konto": "3151", "ansvar": "6100"}`: 1–20 keys of 1–40 characters, each value a string
    /// of 1–100 characters.
    static func accounting(_ value: JSONValue) throws(FieldError) -> Accounting {
        let maxKeys = Accounting.maxKeys
        guard value.kind == .object, (1...maxKeys).contains(value.count) else {
            throw FieldError(
                "expected an object of 1–\(maxKeys) accounting codes, each a string, e.g. {\"konto\": \"3151\", \"ansvar\": \"6100\"}; got \(value.kind == .object ? "\(value.count) codes" : value.kind.name)"
            )
        }
        var keys: [String] = []
        var values: [String] = []
        for (key, member) in value.members {
            let length = key.unicodeScalars.count
            guard Accounting.keyLength.contains(length) else {
                throw FieldError(
                    "expected an accounting key of 1–\(Accounting.keyLength.upperBound) characters, got one of \(length)", at: JSONPath([.key(key)]))
            }
            keys.append(key)
            values.append(try inside(key) { () throws(FieldError) in try Read.string(member, length: Accounting.valueLength) })
        }
        return Accounting(keys: keys, values: values)
    }

    /// A fee's own VAT: `"0"` for a VAT-free fee, or `{"rate", "included", "rounding"?, "text"?,
    /// "accounting"?}` with a rate from 0 to 100 percent. Without `rounding`, the version's VAT
    /// rounding applies, else öre, half up.
    static func feeVAT(_ value: JSONValue, defaultRounding: MoneyRounding) throws(FieldError) -> VATRule {
        if value.kind == .string {
            let text = try Read.string(value, length: 1...40)
            guard text == "0" else {
                throw FieldError("expected \"0\" for a VAT-free fee, or a VAT rule {\"rate\", \"included\", …}; got \"\(text)\"")
            }
            return VATRule(rate: ScaledDecimal(units: 0, scale: 0), included: false, rounding: defaultRounding, text: "")
        }
        let object = try ObjectFields(value, what: "the fee's VAT rule (or \"0\" for a VAT-free fee)")
        try object.onlyKeys(["rate", "included", "rounding", "text", "accounting"])
        return VATRule(
            rate: try object.read("rate") { v throws(FieldError) -> ScaledDecimal in
                let rate = try Read.decimal(v, maxScale: 2, what: "a VAT rate in percent")
                guard let scaled = rate.rescaled(to: 2), scaled <= 100_00 else {
                    throw FieldError("expected a VAT rate from 0 to 100 percent (0 for a VAT-free fee), got \"\(rate)\"")
                }
                return rate
            },
            included: try object.read("included", Read.bool),
            rounding: try object.readIfPresent("rounding", TariffVersionParser.moneyRounding) ?? defaultRounding,
            text: try object.readIfPresent("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) } ?? "",
            accounting: try object.readIfPresent("accounting", accounting))
    }

    /// The VAT rounding a fee's own VAT rule takes when it names none.
    static let oreHalfUp = MoneyRounding(step: Money(ore: 1), mode: .halfUp)

    /// `{"step": "1.00", "mode": "half_up", "name"?, "text"?, "accounting"?}`: the invoice total
    /// rounded to a multiple of `step` after VAT (öresavrundning).
    static func totalRounding(_ value: JSONValue) throws(FieldError) -> TotalRounding {
        let object = try ObjectFields(value, what: "the total rounding")
        try object.onlyKeys(["step", "mode", "name", "text", "accounting"])
        let step = try object.read("step") { v throws(FieldError) -> Money in
            let amount = try Read.decimal(v, maxScale: 2, what: "a step in kronor")
            guard let ore = amount.rescaled(to: 2), ore > 0 else {
                throw FieldError("expected a rounding step above zero, e.g. \"1.00\" for whole kronor; got \"\(amount)\"")
            }
            return Money(ore: ore)
        }
        return TotalRounding(
            rounding: MoneyRounding(step: step, mode: try object.read("mode", TariffVersionParser.rounding)),
            name: try object.readIfPresent("name") { v throws(FieldError) in try Read.string(v, length: 1...100) } ?? "Öresavrundning",
            text: try object.readIfPresent("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) },
            accounting: try object.readIfPresent("accounting", accounting))
    }

    /// The VAT rules of a version's fees agree where they meet: one result entry per rate, so
    /// two rules of one rate (and inclusion) must round it alike and carry the same codes.
    static func checkVATRules(_ fees: [FeeDefinition], version: VATRule?) throws(FieldError) {
        var seen: [(rule: VATRule, where: String)] = []
        if let version { seen.append((version, "the version's vat")) }
        for fee in fees {
            guard let rule = fee.vat else { continue }
            if let other = seen.first(where: { sameRate($0.rule, rule) }),
                other.rule.rounding != rule.rounding || other.rule.accounting != rule.accounting
            {
                throw FieldError(
                    "states VAT \(rule.rate) % \(rule.included ? "included" : "added") with another rounding or other accounting codes than \(other.where); one rate is one entry of a result, stated alike",
                    at: JSONPath([.key(fee.key), .key("vat")]))
            }
            seen.append((rule, "the fee \(fee.key)"))
        }
    }

    /// Whether two rules make one entry of a result: the same rate (by value), included or added
    /// alike (at 0 % there is nothing to include or add).
    static func sameRate(_ a: VATRule, _ b: VATRule) -> Bool {
        guard a.rate.rescaled(to: 2) == b.rate.rescaled(to: 2) else { return false }
        return a.rate.units == 0 || a.included == b.included
    }
}
