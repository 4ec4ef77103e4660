import TaxaBase

/// Reads the `percentage` rules of a tariff version (the PO kind):
///
///     "percentage": {"percent": "47.18", "rounding": {"step": "0.01", "mode": "half_up"}, "text": "…"}
///
/// The percentage is a decimal string, never a JSON number, so "47.18" stays exactly 47.18.
package enum PercentageRulesParser {
    static let keys = ["percentage"]

    static func parse(_ fields: ObjectFields, log: ProblemLog) -> TariffRules? {
        let rules = log.attempt { () throws(FieldError) -> PercentageRules in
            try fields.read("percentage") { v throws(FieldError) -> PercentageRules in
                let object = try ObjectFields(v, what: "the percentage rule")
                try object.onlyKeys(["percent", "rounding", "rounding_note", "text"])
                _ = try object.readIfPresent("rounding_note") { v throws(FieldError) in try Read.string(v, length: 1...5000) }
                let percent = try object.read("percent") { v throws(FieldError) -> ScaledDecimal in
                    let percent = try Read.decimal(v, maxScale: 4, what: "a percentage")
                    guard percent.units > 0, let scaled = percent.rescaled(to: 4), scaled <= 100_0000 else {
                        throw FieldError("expected a percentage above 0 and at most 100, got \"\(percent)\"")
                    }
                    return percent
                }
                return PercentageRules(
                    percent: percent,
                    rounding: try object.read("rounding", TariffVersionParser.moneyRounding),
                    text: try object.read("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) })
            }
        }
        return rules.map { .percentage($0) }
    }
}
