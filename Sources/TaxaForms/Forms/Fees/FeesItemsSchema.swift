import TaxaBase
import TaxaEngine

/// The `items` member of a request schema: each item a fee of a version, a day and its inputs.
extension RequestSchema {
    static func items(_ versions: [TariffVersion], definitions: inout [(String, JSONTree)]) -> JSONTree {
        var itemSchemas: [JSONTree] = []
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

    static func item(_ rules: FeeRules, version: TariffVersion, prefix: String, definitions: inout [(String, JSONTree)]) -> JSONTree {
        var conditions: [JSONTree] = []
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
}
