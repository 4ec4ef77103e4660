import TaxaBase
import TaxaEngine

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
        document(tariff, versions: versions).schemaText
    }

    package struct NoVersion: Error, Sendable { package var message: String }

    /// The schema of requests to the version of `tariff` in force on `date`.
    package static func schema(_ tariff: Tariff, on date: CivilDate) throws(NoVersion) -> String {
        guard let version = tariff.version(on: date) else { throw NoVersion(message: tariff.noVersionMessage(on: date, asOf: nil)) }
        return schema(tariff, versions: [version])
    }

    static func document(_ tariff: Tariff, versions: [TariffVersion]) -> JSONTree {
        guard let latest = versions.last else { return .object([]) }
        let kind = latest.rules.kind
        var properties: [(String, JSONTree)] = [
            (
                "id",
                .object(
                    text("Förfrågans id", "1–\(SwedishNumber.integer(Limits.requestID)) tecken; återges i svaret.") + [
                        ("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(Int64(Limits.requestID))),
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
        var body = Body(versions: versions)
        FormRegistry.form(kind).schema(&body)
        properties += body.properties
        let required = ["id", "tariff"] + body.required
        let definitions = body.definitions
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
            ("required", .array(required.map(JSONTree.string))),
            ("additionalProperties", .bool(false)),
            ("properties", .object(properties)),
            ("$defs", .object(definitions)),
        ])
    }

    /// The members a form adds to the request's schema beside the envelope's.
    struct Body {
        /// The versions the schema describes (one, or every version with `--all`).
        let versions: [TariffVersion]
        var properties: [(String, JSONTree)] = []
        var required: [String] = []
        /// Shared definitions (`$defs`), the date's first.
        var definitions: [(String, JSONTree)] = [("date", .object([("type", .string("string")), ("pattern", .string(SchemaPatterns.date))]))]

        init(versions: [TariffVersion]) { self.versions = versions }

        /// A required member.
        mutating func require(_ key: String, _ schema: JSONTree) {
            properties.append((key, schema))
            required.append(key)
        }

        /// The optional `adjustment`, when the latest version that has a rule for reductions and
        /// waivers has one.
        mutating func adjustment() {
            if let rule = versions.last(where: { $0.adjustments != nil })?.adjustments {
                properties.append(("adjustment", RequestSchema.adjustment(rule)))
            }
        }
    }

    /// `title` and `description` members.
    static func text(_ title: String, _ description: String?) -> [(String, JSONTree)] {
        [("title", .string(title))] + (description.map { [("description", .string($0))] } ?? [])
    }

    /// A reduction or waiver by decision.
    static func adjustment(_ rule: AdjustmentRule) -> JSONTree {
        let reference = JSONTree.object(
            text("Beslut", "Beslutets referens, 1–\(SwedishNumber.integer(Limits.decisionReference)) tecken.") + [("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(Int64(Limits.decisionReference)))])
        let reason = JSONTree.object(
            text("Skäl", "Valfritt, 1–\(SwedishNumber.integer(Limits.note)) tecken.") + [("type", .string("string")), ("minLength", .integer(1)), ("maxLength", .integer(Int64(Limits.note)))])
        let percent = JSONTree.object(
            text("Procent", "Nedsättningen i procent som decimalsträng, över 0 och högst 100, högst fyra decimaler.")
                + [("type", .string("string")), ("pattern", .string(SchemaPatterns.decimal(1, 100_0000, scale: 4, negative: false)!))])
        func form(_ kind: String, _ extra: [(String, JSONTree)], required: [String]) -> JSONTree {
            .object([
                ("type", .string("object")),
                ("required", .array(required.map(JSONTree.string))),
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

}
