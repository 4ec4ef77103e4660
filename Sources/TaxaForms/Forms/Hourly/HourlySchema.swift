import TaxaBase
import TaxaEngine

extension RequestSchema {
    /// Hourly entries: an activity of the version, a day, minutes.
    static func entries(_ versions: [TariffVersion]) -> JSONTree {
        var activities: [Activity] = []
        for version in versions {
            for activity in version.rules.hourly?.activities ?? [] where !activities.contains(where: { $0.key == activity.key }) {
                activities.append(activity)
            }
        }
        let names = activities.map { "\($0.key) (\($0.name), \($0.paragraph)\($0.charge == .free ? ", avgiftsfri" : ""))" }.joined(separator: ", ")
        let entry = JSONTree.object(
            text("Tidspost", "Handläggningstid en dag för en aktivitet.") + [
                ("type", .string("object")),
                ("required", .array([.string("date"), .string("activity"), .string("minutes")])),
                ("additionalProperties", .bool(false)),
                (
                    "properties",
                    .object([
                        ("date", .object(text("Dag", "ÅÅÅÅ-MM-DD: väljer versionen som gäller och avgiftsåret.") + [("$ref", .string("#/$defs/date"))])),
                        ("activity", .object(text("Aktivitet", names) + [("enum", .array(activities.map { .string($0.key) }))])),
                        (
                            "minutes",
                            .object(
                                text("Minuter", "Handläggningstid i minuter, 0–1 000 000.") + [
                                    ("type", .string("integer")), ("minimum", .integer(0)), ("maximum", .integer(HourlyRequest.maxMinutes)),
                                ])
                        ),
                        (
                            "officer",
                            .object(
                                text("Handläggare", "Valfritt, 1–\(SwedishNumber.integer(Limits.officer)) tecken.") + [
                                    ("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(Int64(Limits.officer))),
                                ])
                        ),
                        (
                            "note",
                            .object(
                                text("Anteckning", "Valfritt, högst \(SwedishNumber.integer(Limits.note)) tecken; visas i förklaringar.") + [
                                    ("type", .string("string")), ("maxLength", .integer(Int64(Limits.note))),
                                ])
                        ),
                    ])
                ),
            ])
        return .object(
            text("Tidsposter", "1–10 000 tidsposter.") + [
                ("type", .string("array")), ("minItems", .integer(1)), ("maxItems", .integer(Int64(HourlyRequest.maxEntries))), ("items", entry),
            ])
    }
}
