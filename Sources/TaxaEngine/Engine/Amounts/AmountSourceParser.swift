import TaxaBase

/// Reads an amount wherever a block takes one:
///
///     "3450.00"                                                  a constant in kronor
///     {"index": "PBB", "percent": "1.5"}                         a share of an amount series
///     {"index": "PBB", "times": "0.5392", "divided_by": 12, "rounding": {…}}
///     {"base": "1201.00", "indexed_by": {"series": "PKV", …}}    chained yearly by a percentage series
///     {"use": "timavgift"}                                       an amount defined once under `definitions`
package enum AmountSourceParser {
    /// Keys that make an object a factor, not an amount: named in the error when a factor
    /// stands where an amount is expected.
    static let factorKeys = ["input", "bands", "lookup", "table"]

    static func parse(_ value: JSONValue, context: BlockContext, what: String? = nil) throws(FieldError) -> AmountSource {
        let source = try read(value, context: context, what: what)
        // An amount inside a definition is reported where it is written, not at each use.
        if context.path.components.first == .key("definitions"), let key = source.cacheKey {
            context.definitions?.amountPaths[key] = context.path
        }
        return source
    }

    private static func read(_ value: JSONValue, context: BlockContext, what: String?) throws(FieldError) -> AmountSource {
        if value.kind == .string {
            return .constant(try money(value))
        }
        guard value.kind == .object else {
            throw FieldError(
                "expected an amount: a string in kronor such as \"3450.00\", {\"index\": \"PBB\", \"percent\": \"1.5\"}, {\"base\": \"1201.00\", \"indexed_by\": {…}} or {\"use\": NAME}; got \(value.kind.name)"
            )
        }
        if let reference = Definitions.reference(value) {
            guard let definitions = context.definitions else {
                throw FieldError("names a definition, but the version file has no \"definitions\"", at: JSONPath([.key("use")]))
            }
            return try definitions.entry(reference, kind: .amount).entry.amount!
        }
        let object = try ObjectFields(value, what: "an amount")
        if let key = factorKeys.first(where: { object.optional($0) != nil }) {
            throw FieldError(
                "is a factor (\"\(key)\"), but an amount in kronor is expected here; multiply the amount so far with {\"multiply\": {\"\(key)\": …}}",
                at: JSONPath([.key(key)]))
        }
        if object.optional("base") != nil {
            try object.onlyKeys(["base", "indexed_by", "what"])
            let named = try object.readIfPresent("what") { v throws(FieldError) in try Read.string(v, length: 1...200) }
            return .chained(
                ChainedAmount(
                    base: try object.read("base", money),
                    indexation: try object.read("indexed_by") { v throws(FieldError) in
                        try IndexedByParser.parse(v, validFrom: context.validFrom)
                    },
                    cacheKey: "\(context.file)#\(context.path)",
                    what: named ?? what ?? "the amount at \(context.path)", indexedAt: context.path.appending("indexed_by")))
        }
        try object.onlyKeys(["index", "percent", "times", "divided_by", "rounding"])
        let series = try object.read("index") { v throws(FieldError) in try Read.string(v, length: 1...Limits.seriesID) }
        let percent = try object.readIfPresent("percent") { v throws(FieldError) in try Read.factor(v, what: "a percentage") }
        let times = try object.readIfPresent("times") { v throws(FieldError) in try Read.factor(v, what: "a factor") }
        let factor: ScaledDecimal
        switch (percent, times) {
        case (let percent?, nil): factor = ScaledDecimal(units: percent.units, scale: percent.scale + 2)
        case (nil, let times?): factor = times
        default: throw FieldError("expected exactly one of \"percent\" (e.g. \"1.5\") or \"times\" (e.g. \"0.5392\")")
        }
        return .seriesShare(
            SeriesShare(
                series: series, factor: factor, asPercent: percent != nil,
                dividedBy: try object.readIfPresent("divided_by") { v throws(FieldError) in try Read.integer(v, in: 1...1000) } ?? 1,
                rounding: try object.readIfPresent("rounding", TariffVersionParser.moneyRounding),
                cacheKey: "\(context.file)#\(context.path)"))
    }

    /// A constant amount in kronor, at most two decimals, zero or more.
    static func money(_ value: JSONValue) throws(FieldError) -> Money {
        if let text = value.string, let factor = ScaledDecimal.parse(text, maxScale: 6), factor.scale > 2 {
            throw FieldError(
                "expected an amount in kronor with at most 2 decimals, got \"\(text)\"; a factor such as this is written {\"multiply\": \"\(text)\"} or as a share of an index ({\"index\": \"PBB\", \"times\": \"\(text)\"})"
            )
        }
        let amount = try Read.decimal(value, maxScale: 2, what: "an amount in kronor")
        guard let ore = amount.rescaled(to: 2) else { throw FieldError("expected an amount in kronor that fits in 64-bit öre, got \"\(amount)\"") }
        return Money(ore: ore)
    }
}
