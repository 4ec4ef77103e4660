import TaxaBase
import TaxaEngine

extension RequestSchema {
    /// Per-capita months: every group of the version, and no other, with its actual count.
    static func months(_ versions: [TariffVersion]) -> JSONTree {
        var forms: [JSONTree] = []
        for version in versions {
            guard let rules = version.rules.perCapita else { continue }
            let groups = rules.groups.map { group in
                (
                    group.key,
                    JSONTree.object(
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
