import TaxaBase

/// Reads the rules of an hourly tariff version (the LÅFF kind): the rate rule, its indexation
/// and the activities,
///
///     "hourly": {"rate": "1201.00", "paragraph": "4 §", "text": "…", "increment_minutes": 15, "increment_rounding": "up"},
///     "indexation": {"series": "PKV", "publication_month": 10, "publication_years_before": 1, "rate_rounding": {…}, …},
///     "activities": {"tillsyn": {"name": "…", "paragraph": "…", "charge": "hourly", "text": "…"}, …}
///
/// (`adjustments` is read with the other kinds' keys by `TariffVersionParser`).
package enum HourlyRulesParser {
    static let keys = ["hourly", "indexation", "adjustments", "activities"]

    static func parse(_ fields: ObjectFields, log: ProblemLog) -> TariffRules? {
        let hourly = log.attempt { () throws(FieldError) in
            try fields.read("hourly") { v throws(FieldError) -> (Money, String, String, Int64, RoundingMode) in
                let object = try ObjectFields(v, what: "the hourly rate rule")
                try object.onlyKeys(["rate", "paragraph", "text", "increment_minutes", "increment_rounding"])
                let rate = try object.read("rate") { v throws(FieldError) -> Money in
                    let amount = try Read.decimal(v, maxScale: 2, what: "an amount in kronor")
                    guard let ore = amount.rescaled(to: 2), ore > 0 else { throw FieldError("expected a rate above zero kronor") }
                    return Money(ore: ore)
                }
                let increment = try object.read("increment_minutes") { v throws(FieldError) in try Read.integer(v, in: 1...1440) }
                let mode = try object.read("increment_rounding", TariffVersionParser.rounding)
                return (
                    rate, try object.read("paragraph", TariffVersionParser.paragraph),
                    try object.read("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) },
                    increment, mode
                )
            }
        }
        let indexation =
            log.attempt { () throws(FieldError) in
                try fields.readIfPresent("indexation") { v throws(FieldError) in try TariffVersionParser.indexation(v, roundingKey: "rate_rounding") }
            } ?? nil
        let activities = log.attempt { () throws(FieldError) -> [Activity] in
            try fields.read("activities") { v throws(FieldError) -> [Activity] in
                guard v.kind == .object, (1...Limits.activities).contains(v.count) else {
                    throw FieldError(
                        "expected an object of 1–\(Limits.activities) activities, keyed by activity name, got \(v.kind == .object ? "\(v.count) activities" : v.kind.name)"
                    )
                }
                var list: [Activity] = []
                for (key, value) in v.members {
                    if let earlier = list.first(where: { $0.key == key }) {
                        throw FieldError(SameText.repeated("the activity", key, as: earlier.key), at: JSONPath([.key(key)]))
                    }
                    let activity = try inside(key) { () throws(FieldError) -> Activity in
                        try Read.key(key, length: 1...Limits.activityKey, what: "an activity key")
                        let object = try ObjectFields(value, what: "an activity")
                        try object.onlyKeys(["name", "paragraph", "charge", "text"])
                        let charge = try object.read("charge") { v throws(FieldError) -> ChargeKind in
                            let text = try Read.string(v, length: 1...40)
                            guard let kind = ChargeKind(rawValue: text) else {
                                throw FieldError("expected a charge kind, one of: hourly, free; got \"\(text)\"")
                            }
                            return kind
                        }
                        return Activity(
                            key: key,
                            name: try object.read("name") { v throws(FieldError) in try Read.string(v, length: 1...200) },
                            paragraph: try object.read("paragraph", TariffVersionParser.paragraph), charge: charge,
                            text: try object.read("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) })
                    }
                    list.append(activity)
                }
                return list
            }
        }
        guard let hourly, let activities else { return nil }
        return .hourly(
            HourlyRules(
                rate: hourly.0, paragraph: hourly.1, text: hourly.2, incrementMinutes: hourly.3,
                incrementRounding: hourly.4, indexation: indexation, activities: activities,
                file: log.file))
    }
}
