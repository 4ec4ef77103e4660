import TaxaBase

/// Reads the `per_capita` rules of a tariff version (the BEP kind):
///
///     "per_capita": {
///       "text": "…", "rounding": {"step": "1.00", "mode": "half_away_from_zero"}, "rounding_note": "…",
///       "groups": {"1-3 år": {"yearly_amount": "142549.00", "budgeted_count": 310}, …}
///     }
///
/// Amounts are money strings in kronor per child and year; counts are integers. The groups'
/// order in the file is the order of every result.
package enum PerCapitaRulesParser {
    static let keys = ["per_capita"]
    static let maxGroups = Limits.groups
    static let maxCount = Limits.groupCount

    static func parse(_ fields: ObjectFields, validFrom: CivilDate?, validUntil: CivilDate?, log: ProblemLog) -> TariffRules? {
        // Months are settled whole, by the version in force on their first day.
        if let validFrom, validFrom.day != 1 {
            log.error(
                "is \(validFrom); a per-capita version must begin on the first day of a month, because it is settled per month",
                at: JSONPath([.key("valid_from")]))
        }
        if let validUntil, validUntil.day != CivilDate.daysIn(month: validUntil.month, year: validUntil.year) {
            log.error(
                "is \(validUntil); a per-capita version must end on the last day of a month, because it is settled per month",
                at: JSONPath([.key("valid_until")]))
        }
        let rules = log.attempt { () throws(FieldError) -> PerCapitaRules in
            try fields.read("per_capita") { v throws(FieldError) -> PerCapitaRules in
                let object = try ObjectFields(v, what: "the per-capita rule")
                try object.onlyKeys(["text", "rounding", "rounding_note", "groups"])
                _ = try object.readIfPresent("rounding_note") { v throws(FieldError) in try Read.string(v, length: 1...5000) }
                return PerCapitaRules(
                    groups: try object.read("groups", groups),
                    rounding: try object.read("rounding", TariffVersionParser.moneyRounding),
                    text: try object.read("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) })
            }
        }
        return rules.map { .perCapita($0) }
    }

    private static func groups(_ value: JSONValue) throws(FieldError) -> [CapitaGroup] {
        guard value.kind == .object, (1...maxGroups).contains(value.count) else {
            throw FieldError(
                "expected an object of 1–\(maxGroups) groups keyed by the group's name as the council prints it, each {\"yearly_amount\": \"142549.00\", \"budgeted_count\": 310}; got \(value.kind == .object ? "\(value.count) groups" : value.kind.name)"
            )
        }
        var list: [CapitaGroup] = []
        for (key, member) in value.members {
            if let earlier = list.first(where: { $0.key == key }) {
                throw FieldError(SameText.repeated("the group", key, as: earlier.key), at: JSONPath([.key(key)]))
            }
            list.append(
                try inside(key) { () throws(FieldError) -> CapitaGroup in
                    try Read.key(key, length: 1...Limits.groupName, what: "a group name")
                    let object = try ObjectFields(member, what: "a group")
                    try object.onlyKeys(["yearly_amount", "budgeted_count"])
                    let amount = try object.read("yearly_amount") { v throws(FieldError) -> Money in
                        let amount = try Read.decimal(v, maxScale: 2, what: "an amount in kronor per child and year")
                        guard let ore = amount.rescaled(to: 2) else {
                            throw FieldError("expected an amount in kronor per child and year, got \"\(amount)\"")
                        }
                        return Money(ore: ore)
                    }
                    return CapitaGroup(
                        key: key, yearlyAmount: amount,
                        budgetedCount: try object.read("budgeted_count") { v throws(FieldError) in
                            try Read.integer(v, in: 0...maxCount)
                        })
                })
        }
        return list
    }
}
