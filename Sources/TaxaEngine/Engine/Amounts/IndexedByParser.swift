import TaxaBase

/// Reads `indexed_by`, how a `fees` amount follows a percentage index:
///
///     {"series": "PKV", "publication_month": 10, "publication_years_before": 1,
///      "value_years_before"?: 0, "rounding": {…}, "rounding_note"?, "paragraph", "text"}
///
/// chains fee year Y by the series' value for year Y − `value_years_before` as published in
/// `publication_month` of Y − `publication_years_before`; or, where the council decides each
/// year's raise itself,
///
///     {"raises": [{"year": 2025, "raise": "2.9", "decided": "2024-11-20", "decision": "KS 2024-11-20 § 212"},
///                 {"year": 2026, "raise": "none", "decided": "2025-11-18", "decision": "…"}],
///      "rounding": {…}, "paragraph", "text"}
///
/// records each year's decision (a percentage, or no raise) with its citation in the version
/// file, without a new version. `paragraph` is any text: many taxor have no § numbers.
package enum IndexedByParser {
    static let seriesKeys = ["series", "publication_month", "publication_years_before", "value_years_before"]
    static let commonKeys = ["rounding", "rounding_note", "paragraph", "text"]

    /// `validFrom`: the version's first day, when known; a decision for a year up to its year
    /// would never be applied.
    static func parse(_ value: JSONValue, validFrom: CivilDate?) throws(FieldError) -> Indexation {
        let object = try ObjectFields(value, what: "the indexation rule")
        let rounding = try object.read("rounding", TariffVersionParser.moneyRounding)
        _ = try object.readIfPresent("rounding_note") { v throws(FieldError) in try Read.string(v, length: 1...5000) }
        let paragraph = try object.read("paragraph") { v throws(FieldError) in try Read.string(v, length: 1...200) }
        let text = try object.read("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) }
        if object.optional("raises") != nil {
            try object.onlyKeys(["raises"] + commonKeys)
            return Indexation(
                series: "", publicationMonth: 1, publicationYearsBefore: 0, rounding: rounding, paragraph: paragraph, text: text,
                raises: try object.read("raises") { v throws(FieldError) in try raises(v, validFrom: validFrom) })
        }
        try object.onlyKeys(seriesKeys + commonKeys)
        guard object.optional("series") != nil else {
            throw FieldError(
                "missing required key \"series\" (the percent series the amount follows, e.g. \"PKV\"), or \"raises\" (the raises the council decides each year)",
                at: JSONPath([.key("series")]))
        }
        return Indexation(
            series: try object.read("series") { v throws(FieldError) in try Read.string(v, length: 1...40) },
            publicationMonth: Int(try object.read("publication_month") { v throws(FieldError) in try Read.integer(v, in: 1...12) }),
            publicationYearsBefore: Int(try object.read("publication_years_before") { v throws(FieldError) in try Read.integer(v, in: 0...5) }),
            rounding: rounding, paragraph: paragraph, text: text,
            valueYearsBefore: Int(try object.readIfPresent("value_years_before") { v throws(FieldError) in try Read.integer(v, in: 0...5) } ?? 0))
    }

    /// The yearly decisions, one per year, in increasing years.
    static func raises(_ value: JSONValue, validFrom: CivilDate?) throws(FieldError) -> [DecidedRaise] {
        var raises: [DecidedRaise] = []
        for (index, element) in try Read.array(value, count: 0...Limits.raises, of: "yearly decisions").enumerated() {
            let raise = try inside(index: index) { () throws(FieldError) -> DecidedRaise in
                let object = try ObjectFields(element, what: "a yearly decision")
                try object.onlyKeys(["year", "raise", "decided", "decision"])
                let year = Int(try object.read("year") { v throws(FieldError) in try Read.integer(v, in: Int64(Limits.years.lowerBound)...Int64(Limits.years.upperBound)) })
                if let validFrom, year <= validFrom.year {
                    throw FieldError(
                        "is \(year), but the version applies its base amount in \(validFrom.year) (valid_from \(validFrom)) and raises it from \(validFrom.year + 1) on; this decision would never apply",
                        at: JSONPath([.key("year")]))
                }
                if let previous = raises.last, previous.year >= year {
                    throw FieldError(
                        "is \(year), not after the previous decision's year \(previous.year); list one decision per year, in order",
                        at: JSONPath([.key("year")]))
                }
                let percent = try object.read("raise") { v throws(FieldError) -> ScaledDecimal? in
                    if v.string == "none" { return nil }
                    let percent = try Read.decimal(
                        v, maxScale: 6, allowNegative: true, what: "a raise in percent (or \"none\" for a year without a raise)")
                    guard let scaled = percent.rescaled(to: 6), scaled > -100_000000, scaled <= 1000_000000 else {
                        throw FieldError("expected a raise above −100 and at most 1000 percent, got \"\(percent)\"")
                    }
                    return percent
                }
                return DecidedRaise(
                    year: year, percent: percent,
                    decided: try object.read("decided", Read.date),
                    decision: try object.read("decision") { v throws(FieldError) in try Read.string(v, length: 1...500) })
            }
            raises.append(raise)
        }
        return raises
    }
}
