import TaxaBase
import TaxaEngine

/// The Swedish derivation of an hourly line (`"explain": true` on an hourly request): the
/// entries, the summed and rounded minutes, the indexed rate and the paragraphs' text.
package enum HourlyExplanation {
    /// The explanation of the charged line `invoice.lines[index]`, with the same figures its
    /// result and text show (read from `invoice`, as they are).
    static func line(_ invoice: Invoice, _ index: Int, rules: HourlyRules, activities: [Activity], entries: [String]) -> [String] {
        let priced = invoice.priced.lines[invoice.lines[index].line]
        let year = priced.feeYear
        let minutes = invoice.minutes(index)
        let billed = invoice.billedMinutes(index)
        let increments = priced.increments ?? 0
        var lines = entries
        lines.append(
            "Summa nedlagd handläggningstid \(year): \(n(minutes)) min. \(rules.paragraph): varje påbörjad period om \(n(rules.incrementMinutes)) min debiteras: ⌈\(n(minutes))/\(n(rules.incrementMinutes))⌉ = \(n(increments)), alltså \(n(billed)) min."
        )
        // A rate as decided has no derivation from the engine: it is its own.
        lines += rateExplanation(
            priced.rate ?? RateDerivation(version: priced.version, year: year, base: rules.rate, steps: []), rules: rules)
        let rate = invoice.lines[index].hourlyRate
        let exact = Exact(numerator: Int128(billed) * Int128(rate.ore), denominator: 60)
        let rounded = exact.isWholeOre ? "" : "\(SwedishText.kronor(exact)), avrundat till hela öre, hälften uppåt = "
        lines.append("Belopp: \(n(billed))/60 tim × \(rate.swedish) = \(rounded)\(invoice.amount(index).swedish).")
        lines.append("\(rules.paragraph): \(rules.text)")
        for activity in activities { lines.append("\(activity.paragraph): \(activity.text)") }
        return lines
    }

    private static func n(_ value: Int64) -> String { SwedishText.integer(value) }

    static func rateExplanation(_ rate: RateDerivation, rules: HourlyRules) -> [String] {
        let version = rate.version
        var lines = [
            "Timavgift \(version.validFrom.year): \(rate.base.swedish) enligt \(version.decision.body) \(version.decided) (\(version.decision.reference)), gäller från \(version.validFrom)."
        ]
        for step in rate.steps {
            let rounding = rules.indexation.map { SwedishText.rounding($0.rounding) } ?? ""
            lines.append(
                "Timavgift \(step.year): \(step.previous.swedish) × (1 + \(SwedishText.decimal(step.percent))/100) = \(SwedishText.kronor(step.exact)), \(rounding) = \(step.rate.swedish). \(step.series) \(SwedishText.percent(step.percent)) för \(step.year) publicerat \(step.publication.published) (\(step.publication.title))."
            )
        }
        if let indexation = rules.indexation, !rate.steps.isEmpty {
            lines.append("\(indexation.paragraph): \(indexation.text)")
        }
        return lines
    }
}
