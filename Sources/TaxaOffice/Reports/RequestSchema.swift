import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// `taxa schema`: a JSON Schema (draft 2020-12) of a request to one tariff as in force on a
/// day, or as any of its versions takes it, so that a billing system can build its forms and
/// validate before it sends. A request the schema of the version in force accepts is one taxa
/// does not refuse for its shape, and the reverse, for requests whose items are dated while
/// that version is in force (see docs/contract.md for what "shape" covers); titles and
/// descriptions are the tariff's own Swedish texts.
package enum RequestSchema {
    package static let draft = "https://json-schema.org/draft/2020-12/schema"

    /// The schema of requests to `tariff` priced by `versions` (one: the version in force on a
    /// day; several: `--all`, where an item is accepted when any of them accepts it).
    package static func schema(_ tariff: Tariff, versions: [TariffVersion]) -> String {
        document(tariff, versions: versions).pretty
    }

    package struct NoVersion: Error, Sendable { package var message: String }

    /// The schema of requests to the version of `tariff` in force on `date`.
    package static func schema(_ tariff: Tariff, on date: CivilDate) throws(NoVersion) -> String {
        guard let version = tariff.version(on: date) else { throw NoVersion(message: tariff.noVersionMessage(on: date, asOf: nil)) }
        return schema(tariff, versions: [version])
    }

    static func document(_ tariff: Tariff, versions: [TariffVersion]) -> SchemaValue {
        guard let latest = versions.last else { return .object([]) }
        let kind = latest.rules.kind
        var properties: [(String, SchemaValue)] = [
            (
                "id",
                .object(
                    text("Förfrågans id", "1–200 tecken; återges i svaret.") + [
                        ("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(200)),
                    ])
            ),
            ("tariff", .object(text("Taxa", "\(tariff.id): \(latest.title)") + [("const", .string(tariff.id))])),
            (
                "as_of",
                .object(
                    text(
                        "Beslutsdag",
                        "Valfritt, ÅÅÅÅ-MM-DD: förfrågan prisas som den kunde ha prisats den dagen; bara versioner beslutade och indexvärden publicerade senast då räknas."
                    )
                        + [("type", .string("string")), ("pattern", .string(SchemaPatterns.date))])
            ),
            ("explain", .object(text("Förklaring", "Valfritt: true ger varje rad en förklaring på svenska.") + [("type", .string("boolean"))])),
            ("meta", .object(text("Metadata", "Valfritt, vilket JSON-värde som helst: återges i svaret."))),
        ]
        var required = ["id", "tariff"]
        var definitions: [(String, SchemaValue)] = [("date", .object([("type", .string("string")), ("pattern", .string(SchemaPatterns.date))]))]
        switch kind {
        case .fees:
            properties.append(("items", items(versions, definitions: &definitions)))
            required.append("items")
        case .hourly:
            properties.append(("entries", entries(versions)))
            required.append("entries")
        case .perCapita:
            properties.append(("months", months(versions)))
            required.append("months")
        case .percentage:
            properties.append(("date", .object(text("Dag", "ÅÅÅÅ-MM-DD: dagen vars procentsats gäller.") + [("$ref", .string("#/$defs/date"))])))
            properties.append(
                (
                    "salary_cost",
                    .object(
                        text("Lönekostnad", "Kronor som decimalsträng med högst två decimaler, t.ex. \"100000.00\": beloppet som procentsatsen tas på.")
                            + [("type", .string("string")), ("pattern", .string(SchemaPatterns.decimal(0, Int128(Int64.max), scale: 2, negative: false)!))])
                ))
            required += ["date", "salary_cost"]
        }
        if let rule = versions.last(where: { $0.adjustments != nil })?.adjustments, kind == .fees || kind == .hourly {
            properties.append(("adjustment", adjustment(rule)))
        }
        let scope =
            versions.count == 1
            ? "version \(latest.name), i kraft från \(latest.validFrom)\(latest.validUntil.map { " till och med \($0)" } ?? "")"
            : "versionerna \(versions.map(\.name).joined(separator: ", ")): en post godtas när någon av dem godtar den; postens dag väljer den version som prisar den"
        return .object([
            ("$schema", .string(draft)),
            ("title", .string("Förfrågan till \(tariff.id): \(latest.title)")),
            (
                "description",
                .string(
                    "En JSON-rad per förfrågan till \(tariff.id), \(scope). Beslutad av \(latest.decision.body) \(latest.decided) (\(latest.decision.reference))."
                )
            ),
            ("type", .string("object")),
            ("required", .array(required.map(SchemaValue.string))),
            ("additionalProperties", .bool(false)),
            ("properties", .object(properties)),
            ("$defs", .object(definitions)),
        ])
    }

    /// `title` and `description` members.
    static func text(_ title: String, _ description: String?) -> [(String, SchemaValue)] {
        [("title", .string(title))] + (description.map { [("description", .string($0))] } ?? [])
    }

    // MARK: - The `items` form of `fees` tariffs

    static func items(_ versions: [TariffVersion], definitions: inout [(String, SchemaValue)]) -> SchemaValue {
        var itemSchemas: [SchemaValue] = []
        for version in versions {
            guard let rules = version.rules.feeRules else { continue }
            let name = versions.count == 1 ? "item" : "item_\(version.name)"
            definitions.append((name, item(rules, version: version, prefix: versions.count == 1 ? "" : "\(version.name)_", definitions: &definitions)))
            itemSchemas.append(.object([("$ref", .string("#/$defs/\(name)"))]))
        }
        return .object(
            text("Poster", "1–10 000 poster: en avgift en dag med dess indata.") + [
                ("type", .string("array")), ("minItems", .integer(1)), ("maxItems", .integer(Int64(FeeRequest.maxItems))),
                ("items", itemSchemas.count == 1 ? itemSchemas[0] : .object([("anyOf", .array(itemSchemas))])),
            ])
    }

    static func item(_ rules: FeeRules, version: TariffVersion, prefix: String, definitions: inout [(String, SchemaValue)]) -> SchemaValue {
        var conditions: [SchemaValue] = []
        for fee in rules.fees {
            let name = "fee_\(prefix)\(fee.key)"
            definitions.append((name, FeeSchema.fee(fee)))
            conditions.append(
                .object([
                    ("if", .object([("properties", .object([("fee", .object([("const", .string(fee.key))]))])), ("required", .array([.string("fee")]))])),
                    ("then", .object([("$ref", .string("#/$defs/\(name)"))])),
                ]))
        }
        let fees = rules.fees.map { "\($0.key) (\($0.name))" }.joined(separator: ", ")
        return .object(
            text("Post", "En avgift enligt version \(version.name) en dag.") + [
                ("type", .string("object")),
                ("required", .array([.string("fee"), .string("date")])),
                ("additionalProperties", .bool(false)),
                (
                    "properties",
                    .object([
                        ("fee", .object(text("Avgift", fees) + [("enum", .array(rules.fees.map { .string($0.key) }))])),
                        ("date", .object(text("Dag", "ÅÅÅÅ-MM-DD: väljer versionen som gäller och avgiftsåret.") + [("$ref", .string("#/$defs/date"))])),
                        ("inputs", .object(text("Indata", "Avgiftens indata, var och en som avgiften anger.") + [("type", .string("object"))])),
                    ])
                ),
                ("allOf", .array(conditions)),
            ])
    }

    /// A reduction or waiver by decision.
    static func adjustment(_ rule: AdjustmentRule) -> SchemaValue {
        let reference = SchemaValue.object(
            text("Beslut", "Beslutets referens, 1–500 tecken.") + [("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(500))])
        let reason = SchemaValue.object(
            text("Skäl", "Valfritt, 1–2000 tecken.") + [("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(2000))])
        let percent = SchemaValue.object(
            text("Procent", "Nedsättningen i procent som decimalsträng, över 0 och högst 100, högst fyra decimaler.")
                + [("type", .string("string")), ("pattern", .string(SchemaPatterns.decimal(1, 100_0000, scale: 4, negative: false)!))])
        func form(_ kind: String, _ extra: [(String, SchemaValue)], required: [String]) -> SchemaValue {
            .object([
                ("type", .string("object")),
                ("required", .array(required.map(SchemaValue.string))),
                ("additionalProperties", .bool(false)),
                ("properties", .object([("kind", .object([("const", .string(kind))]))] + extra + [("reference", reference), ("reason", reason)])),
            ])
        }
        return .object(
            text("Nedsättning eller eftergift", "Valfritt, enligt beslut (\(rule.paragraph)): \(rule.text)") + [
                (
                    "oneOf",
                    .array([
                        form("reduction", [("percent", percent)], required: ["kind", "percent", "reference"]),
                        form("waiver", [], required: ["kind", "reference"]),
                    ])
                )
            ])
    }

    // MARK: - The older kinds

    /// Hourly entries: an activity of the version, a day, minutes.
    static func entries(_ versions: [TariffVersion]) -> SchemaValue {
        var activities: [Activity] = []
        for version in versions {
            for activity in version.rules.hourly?.activities ?? [] where !activities.contains(where: { $0.key == activity.key }) {
                activities.append(activity)
            }
        }
        let names = activities.map { "\($0.key) (\($0.name), \($0.paragraph)\($0.charge == .free ? ", avgiftsfri" : ""))" }.joined(separator: ", ")
        let entry = SchemaValue.object(
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
                                text("Handläggare", "Valfritt, 1–200 tecken.") + [
                                    ("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(200)),
                                ])
                        ),
                        (
                            "note",
                            .object(
                                text("Anteckning", "Valfritt, högst 2000 tecken; visas i förklaringar.") + [
                                    ("type", .string("string")), ("maxLength", .integer(2000)),
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

    /// Per-capita months: every group of the version, and no other, with its actual count.
    static func months(_ versions: [TariffVersion]) -> SchemaValue {
        var forms: [SchemaValue] = []
        for version in versions {
            guard let rules = version.rules.perCapita else { continue }
            let groups = rules.groups.map { group in
                (
                    group.key,
                    SchemaValue.object(
                        text(group.key, "Faktiskt antal i gruppen, 0–1 000 000 (budgeterat \(group.budgetedCount), \(group.yearlyAmount.swedish) per år).") + [
                            ("type", .string("integer")), ("minimum", .integer(0)), ("maximum", .integer(PerCapitaRequest.maxCount)),
                        ])
                )
            }
            forms.append(
                .object(
                    text("Månad", "Version \(version.name): varje grupp med sitt faktiska antal.") + [
                        ("type", .string("object")),
                        ("required", .array(rules.groups.map { .string($0.key) })),
                        ("additionalProperties", .bool(false)),
                        ("properties", .object(groups)),
                    ]))
        }
        return .object(
            text("Månader", "1–120 månader, ÅÅÅÅ-MM, var och en med varje grupps faktiska antal.") + [
                ("type", .string("object")), ("minProperties", .integer(1)), ("maxProperties", .integer(Int64(PerCapitaRequest.maxMonths))),
                ("propertyNames", .object([("pattern", .string(SchemaPatterns.month))])),
                ("additionalProperties", forms.count == 1 ? forms[0] : .object([("anyOf", .array(forms))])),
            ])
    }
}
