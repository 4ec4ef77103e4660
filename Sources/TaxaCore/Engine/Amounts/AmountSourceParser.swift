/// Reads an amount wherever a block takes one:
///
///     "3450.00"                                                  a constant in kronor
///     {"index": "PBB", "percent": "1.5"}                         a share of an amount series
///     {"index": "PBB", "times": "0.5392", "divided_by": 12, "rounding": {…}}
///     {"base": "1201.00", "indexed_by": {"series": "PKV", …}}    chained yearly by a percentage series
enum AmountSourceParser {
    static func parse(_ value: JSONValue, context: BlockContext) throws(FieldError) -> AmountSource {
        if value.kind == .string {
            return .constant(try money(value))
        }
        guard value.kind == .object else {
            throw FieldError(
                "expected an amount: a string in kronor such as \"3450.00\", {\"index\": \"PBB\", \"percent\": \"1.5\"} or {\"base\": \"1201.00\", \"indexed_by\": {…}}; got \(value.kind.name)"
            )
        }
        let object = try ObjectFields(value, what: "an amount")
        if object.optional("base") != nil {
            try object.onlyKeys(["base", "indexed_by", "what"])
            let what = try object.readIfPresent("what") { v throws(FieldError) in try Read.string(v, length: 1...200) }
            return .chained(
                ChainedAmount(
                    base: try object.read("base", money),
                    indexation: try object.read("indexed_by") { v throws(FieldError) in try TariffVersionParser.indexation(v) },
                    cacheKey: "\(context.file)#\(context.path)",
                    what: what ?? "the amount at \(context.path)"))
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
        let amount = try Read.decimal(value, maxScale: 2, what: "an amount in kronor")
        guard let ore = amount.rescaled(to: 2) else { throw FieldError("expected an amount in kronor that fits in 64-bit öre, got \"\(amount)\"") }
        return Money(ore: ore)
    }
}
