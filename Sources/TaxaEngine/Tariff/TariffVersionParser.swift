import TaxaBase

/// Reads one tariff version file (`Tariffs/<municipality>/<tariff>/<valid_from>.json`, or
/// `<valid_from>+<decided>.json` for a later decision for the same day) into a `TariffVersion`,
/// recording every problem with its JSON path.
package enum TariffVersionParser {
    static let commonKeys = ["tariff", "title", "kind", "valid_from", "valid_until", "decided", "decision", "currency", "notes", "examples"]
    /// Each kind's own top-level keys. A switch without `default`, so that a new `Kind` case
    /// does not compile until its keys and its parse (below) are named.
    static func keys(of kind: TariffRules.Kind) -> [String] {
        switch kind {
        case .hourly: HourlyRulesParser.keys
        case .perCapita: PerCapitaRulesParser.keys
        case .percentage: PercentageRulesParser.keys
        case .fees: FeeRulesParser.keys
        }
    }

    static func parse(
        _ root: JSONValue, tariffID: String, fileStem: String, fileDigest: String = "",
        log: ProblemLog
    ) -> TariffVersion? {
        guard let fields = log.attempt({ () throws(FieldError) in try ObjectFields(root, what: "a tariff version") }) else {
            return nil
        }
        let kind = log.attempt { () throws(FieldError) -> TariffRules.Kind in
            let name = try fields.read("kind") { v throws(FieldError) in try Read.string(v, length: 1...40) }
            guard let kind = TariffRules.Kind(rawValue: name) else {
                throw FieldError(
                    "unknown tariff kind \"\(name)\"; expected one of: \(TariffRules.Kind.allCases.map(\.rawValue).joined(separator: ", "))",
                    at: JSONPath([.key("kind")]))
            }
            return kind
        }
        // Without a valid kind, any kind's keys are let through, so only `kind` is reported.
        let kindSpecific = TariffRules.Kind.allCases.filter { kind == nil || $0 == kind }.flatMap(keys(of:))
        log.rejectUnknownKeys(fields, allowed: commonKeys + kindSpecific)

        let declared = log.attempt { () throws(FieldError) in
            try fields.read("tariff") { v throws(FieldError) in try Read.string(v, length: 1...Limits.tariffID) }
        }
        if let declared, declared != tariffID {
            log.error(
                "is \"\(declared)\" but the file lies in the folder \(tariffID)/; expected \"\(tariffID)\"",
                at: JSONPath([.key("tariff")]))
        }
        let title = log.attempt { () throws(FieldError) in
            try fields.read("title") { v throws(FieldError) in try Read.string(v, length: 1...500) }
        }
        // `2024-01-01.json`, or `2024-01-01+2024-02-07.json` for a later decision for the same day.
        let stemParts = fileStem.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)
        let isRevision = stemParts.count == 2
        let validFrom = log.attempt { () throws(FieldError) in try fields.read("valid_from", Read.date) }
        if let validFrom, validFrom.description != stemParts[0] {
            log.error(
                "is \(validFrom) but the file is named \(fileStem).json; name the file after its valid_from date (\(validFrom).json, or \(validFrom)+<decided>.json for a later decision for the same day)",
                at: JSONPath([.key("valid_from")]))
        }
        let validUntil = log.attempt { () throws(FieldError) in try fields.readIfPresent("valid_until", Read.date) } ?? nil
        if let validFrom, let validUntil, validUntil < validFrom {
            log.error(
                "is \(validUntil), before valid_from \(validFrom); expected the last day the version applies",
                at: JSONPath([.key("valid_until")]))
        }
        let decided = log.attempt { () throws(FieldError) in try fields.read("decided", Read.date) }
        if let decided, isRevision, decided.description != stemParts[1] {
            log.error(
                "is \(decided) but the file is named \(fileStem).json; a file named <valid_from>+<decided>.json holds the decision of that day",
                at: JSONPath([.key("decided")]))
        }
        let decision = log.attempt { () throws(FieldError) -> Decision in
            try fields.read("decision") { v throws(FieldError) -> Decision in
                let object = try ObjectFields(v, what: "the decision")
                try object.onlyKeys(["body", "reference", "note"])
                return Decision(
                    body: try object.read("body") { v throws(FieldError) in try Read.string(v, length: 1...500) },
                    reference: try object.read("reference") { v throws(FieldError) in try Read.string(v, length: 1...500) })
            }
        }
        let currency = log.attempt { () throws(FieldError) -> String in
            try fields.read("currency") { v throws(FieldError) -> String in
                let code = try Read.string(v, length: 1...10)
                guard code == "SEK" else { throw FieldError("expected \"SEK\" (amounts are kept in öre), got \"\(code)\"") }
                return code
            }
        }
        _ = log.attempt { () throws(FieldError) in
            try fields.readIfPresent("notes") { v throws(FieldError) in
                try Read.array(v, count: 0...Limits.notes, of: "strings").enumerated().map { i, note throws(FieldError) in
                    try inside(index: i) { () throws(FieldError) in try Read.string(note, length: 1...5000) }
                }
            }
        }
        guard let kind else { return nil }
        let rules: TariffRules? =
            switch kind {
            case .hourly: HourlyRulesParser.parse(fields, log: log)
            case .perCapita: PerCapitaRulesParser.parse(fields, validFrom: validFrom, validUntil: validUntil, log: log)
            case .percentage: PercentageRulesParser.parse(fields, log: log)
            case .fees: FeeRulesParser.parse(fields, validFrom: validFrom, log: log)
            }
        let adjustments =
            log.attempt { () throws(FieldError) in
                try fields.readIfPresent("adjustments") { v throws(FieldError) -> AdjustmentRule in
                    let object = try ObjectFields(v, what: "the adjustment rule")
                    try object.onlyKeys(["paragraph", "text"])
                    return AdjustmentRule(
                        paragraph: try object.read("paragraph", paragraph),
                        text: try object.read("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) })
                }
            } ?? nil

        let examples =
            log.attempt { () throws(FieldError) -> [FeeExample] in
                try fields.readIfPresent("examples", FeeExampleParser.parse) ?? []
            } ?? []

        guard !log.hasErrors, let title, let validFrom, let decided, let decision, let currency, let rules else {
            return nil
        }
        return TariffVersion(
            tariffID: tariffID, title: title, validFrom: validFrom, validUntil: validUntil, decided: decided,
            isRevision: isRevision, decision: decision, currency: currency, rules: rules,
            adjustments: adjustments, examples: examples, file: log.file, fileDigest: fileDigest)
    }

    static func paragraph(_ value: JSONValue) throws(FieldError) -> String {
        let text = try Read.string(value, length: 1...40)
        guard text.hasSuffix("§") else { throw FieldError("expected a paragraph reference such as \"4 §\", got \"\(text)\"") }
        return text
    }

    /// A money rounding rule, `{"step": "1.00", "mode": "half_away_from_zero"}`.
    static func moneyRounding(_ value: JSONValue) throws(FieldError) -> MoneyRounding {
        let rule = try ObjectFields(value, what: "a rounding rule")
        try rule.onlyKeys(["step", "mode"])
        let step = try rule.read("step") { v throws(FieldError) -> Money in
            let amount = try Read.decimal(v, maxScale: 2, what: "a step in kronor")
            guard let ore = amount.rescaled(to: 2), ore > 0 else {
                throw FieldError("expected a rounding step above zero, e.g. \"1.00\" for whole kronor or \"0.01\" for öre; got \"\(amount)\"")
            }
            return Money(ore: ore)
        }
        return MoneyRounding(step: step, mode: try rule.read("mode", rounding))
    }

    static func rounding(_ value: JSONValue) throws(FieldError) -> RoundingMode {
        let text = try Read.string(value, length: 1...40)
        guard let mode = RoundingMode(rawValue: text) else {
            let names = RoundingMode.allCases.map(\.rawValue).joined(separator: ", ")
            throw FieldError("expected a rounding mode, one of: \(names); got \"\(text)\"")
        }
        return mode
    }

    /// A chained indexation rule: `{"series": "PKV", "publication_month": 10,
    /// "publication_years_before": 1, "<roundingKey>": {…}, "rounding_note"?, "paragraph", "text"}`.
    static func indexation(_ value: JSONValue, roundingKey: String = "rounding") throws(FieldError) -> Indexation {
        let object = try ObjectFields(value, what: "the indexation rule")
        try object.onlyKeys(["series", "publication_month", "publication_years_before", roundingKey, "paragraph", "text", "rounding_note"])
        let rounding = try object.read(roundingKey, moneyRounding)
        _ = try object.readIfPresent("rounding_note") { v throws(FieldError) in try Read.string(v, length: 1...5000) }
        return Indexation(
            series: try object.read("series") { v throws(FieldError) in try Read.string(v, length: 1...Limits.seriesID) },
            publicationMonth: Int(try object.read("publication_month") { v throws(FieldError) in try Read.integer(v, in: 1...12) }),
            publicationYearsBefore: Int(try object.read("publication_years_before") { v throws(FieldError) in try Read.integer(v, in: 0...5) }),
            rounding: rounding,
            paragraph: try object.read("paragraph", paragraph),
            text: try object.read("text") { v throws(FieldError) in try Read.string(v, length: 1...5000) })
    }
}
