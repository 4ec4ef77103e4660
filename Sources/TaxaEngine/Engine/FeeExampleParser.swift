import TaxaBase

/// Reads a version's worked examples: `[{"name", "source", "request": {…}, "total", "vat"?}]`,
/// each request without `id` and `tariff` (the version's own tariff is used).
package enum FeeExampleParser {
    static func parse(_ value: JSONValue) throws(FieldError) -> [FeeExample] {
        var examples: [FeeExample] = []
        for (index, element) in try Read.array(value, count: 0...Limits.examples, of: "examples").enumerated() {
            examples.append(
                try inside(index: index) { () throws(FieldError) -> FeeExample in
                    let object = try ObjectFields(element, what: "an example")
                    try object.onlyKeys(["name", "source", "request", "total", "vat"])
                    let request = try object.read("request") { v throws(FieldError) -> String in
                        let fields = try ObjectFields(v, what: "a request without id and tariff")
                        for key in ["id", "tariff"] where fields.optional(key) != nil {
                            throw FieldError("an example's request names no \(key): the tariff's own is used", at: JSONPath([.key(key)]))
                        }
                        return v.compactText
                    }
                    return FeeExample(
                        name: try object.read("name") { v throws(FieldError) in try Read.string(v, length: 1...500) },
                        source: try object.read("source") { v throws(FieldError) in try Read.string(v, length: 1...2000) },
                        request: request,
                        total: try object.read("total", signedMoney),
                        vat: try object.readIfPresent("vat", signedMoney))
                })
        }
        return examples
    }

    private static func signedMoney(_ value: JSONValue) throws(FieldError) -> Money {
        let amount = try Read.decimal(value, maxScale: 2, allowNegative: true, what: "an amount in kronor")
        guard let ore = amount.rescaled(to: 2) else { throw FieldError("expected an amount in kronor, got \"\(amount)\"") }
        return Money(ore: ore)
    }
}
