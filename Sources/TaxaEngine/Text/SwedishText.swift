import TaxaBase

/// Numbers, amounts and rounding rules written the Swedish way for explanations: "1 235,829 kr",
/// "2,9 %", "hälften uppåt". One place, so every block's explanation reads alike.
package enum SwedishText {
    /// "1 235,829 kr", "3 450,00 kr": exact, with a space between thousands and a decimal comma; a value whose
    /// decimals never end is shown as its exact quotient ("29 520/12 kr"). See `SwedishNumber`.
    package static func kronor(_ value: Exact) -> String { SwedishNumber.kronor(value) }

    package static func money(_ money: Money) -> String { SwedishNumber.money(money) }

    /// "1,25 %".
    package static func percent(_ value: ScaledDecimal) -> String { decimal(value) + " %" }

    /// "0,5392", "2,9", "1 000 000".
    package static func decimal(_ value: ScaledDecimal) -> String { SwedishNumber.decimal(value) }

    /// "15", "150,5": a plain number such as a quantity.
    package static func number(_ value: Exact) -> String { SwedishNumber.number(value) }

    /// "1 000 005", "−3": a count.
    package static func integer(_ value: Int64) -> String { SwedishNumber.integer(value) }

    /// "hälften uppåt".
    package static func mode(_ mode: RoundingMode) -> String {
        switch mode {
        case .up: "uppåt"
        case .down: "nedåt"
        case .halfUp: "hälften uppåt"
        case .halfAwayFromZero: "hälften bort från noll"
        }
    }

    /// "avrundat till hela kronor, hälften uppåt", "avrundat till närmaste 100,00 kr, hälften uppåt".
    package static func rounding(_ rounding: MoneyRounding) -> String {
        JSONWriter.text(reservingCapacity: 64) { appendRounding(rounding, to: &$0) }
    }

    /// The same, written straight into a line's text.
    package static func appendRounding(_ rounding: MoneyRounding, to out: inout JSONWriter) {
        switch rounding.step.ore {
        case 1: out.appendText("avrundat till hela öre, ")
        case 100: out.appendText("avrundat till hela kronor, ")
        default:
            out.appendText("avrundat till närmaste ")
            SwedishNumber.append(rounding.step, to: &out)
            out.appendText(", ")
        }
        switch rounding.mode {
        case .up: out.appendText("uppåt")
        case .down: out.appendText("nedåt")
        case .halfUp: out.appendText("hälften uppåt")
        case .halfAwayFromZero: out.appendText("hälften bort från noll")
        }
    }

    /// The derivation of an indexed amount, one sentence per year.
    static func derivation(_ rate: RateDerivation, indexation: Indexation) -> [String] {
        let version = rate.version
        var lines = ["\(version.validFrom.year): \(rate.base.swedish) enligt \(version.decision.body) \(version.decided) (\(version.decision.reference))."]
        for step in rate.steps {
            if let sentence = decidedOrEarlier(step, indexation: indexation) {
                lines.append(sentence)
                continue
            }
            lines.append(
                "\(step.year): \(step.previous.swedish) × (1 + \(decimal(step.percent))/100) = \(kronor(step.exact)), \(rounding(indexation.rounding)) = \(step.rate.swedish); \(step.series) \(percent(step.percent)) för \(step.year) publicerat \(step.publication.published) (\(step.publication.title))."
            )
        }
        if !rate.steps.isEmpty { lines.append("\(indexation.paragraph): \(indexation.text)") }
        return lines
    }

    /// The sentence of a step whose raise the council decided, or that applies the value of
    /// an earlier year than its own; nil for the usual step (the fee year's own value).
    static func decidedOrEarlier(_ step: RateStep, indexation: Indexation) -> String? {
        if let decision = step.decision {
            guard decision.percent != nil else {
                return "\(step.year): ingen höjning, \(step.rate.swedish); beslutat \(decision.decided) (\(decision.decision))."
            }
            return
                "\(step.year): \(step.previous.swedish) × (1 + \(decimal(step.percent))/100) = \(kronor(step.exact)), \(rounding(indexation.rounding)) = \(step.rate.swedish); höjning \(percent(step.percent)) beslutad \(decision.decided) (\(decision.decision))."
        }
        guard step.valueYear != step.year else { return nil }
        return
            "\(step.year): \(step.previous.swedish) × (1 + \(decimal(step.percent))/100) = \(kronor(step.exact)), \(rounding(indexation.rounding)) = \(step.rate.swedish); \(step.series) \(percent(step.percent)) för \(step.valueYear) publicerat \(step.publication.published) (\(step.publication.title))."
    }

    /// "2025: PKV 2,9 %", "2025: höjning 2,9 % (beslut)", "2026: ingen höjning": one year's step in short.
    package static func stepSummary(_ step: RateStep) -> String {
        guard let decision = step.decision else {
            return step.valueYear == step.year
                ? "\(step.year): \(step.series) \(percent(step.percent))" : "\(step.year): \(step.series) \(step.valueYear) \(percent(step.percent))"
        }
        return decision.percent == nil ? "\(step.year): ingen höjning" : "\(step.year): höjning \(percent(step.percent))"
    }
}

extension SwedishText {
    /// A plain number for JSON, with a `.` ("60", "150.5"), exact; a quotient when it never ends.
    static func plain(_ value: Exact) -> String {
        if value.denominator == 1 { return String(value.numerator) }
        var ten: Int128 = 1
        for scale in 0...18 {
            if ten % value.denominator == 0 {
                let (units, overflow) = value.numerator.multipliedReportingOverflow(by: ten / value.denominator)
                if overflow { break }
                return decimalText(units, scale: scale)
            }
            ten *= 10
        }
        return String(value.numerator) + "/" + String(value.denominator)
    }
}
