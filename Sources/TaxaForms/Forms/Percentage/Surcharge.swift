import TaxaBase
import TaxaEngine

/// A priced percentage request: the surcharge on the salary cost at the rate in force.
package struct Surcharge: Sendable, Equatable {
    package var date: CivilDate
    package var version: TariffVersion
    package var percent: ScaledDecimal
    package var salaryCost: Money
    /// salary cost × percent ÷ 100, exact, before rounding.
    package var exact: Exact
    package var amount: Money
    /// The derivation in Swedish, present when the request asked for `explain`.
    package var explanation: [String]?
    package var provenance: RuleDigest

    /// `exact` in kronor, e.g. "5824.687106".
    package var unrounded: String { exact.kronorText }

    /// "Personalomkostnadspålägg 2024: 47,18 % av 100 000,00 kr = 47 180,00 kr".
    package var text: String {
        JSONWriter.text { appendText(to: &$0) }
    }

    /// The text, written straight into a result.
    func appendText(to out: inout JSONWriter) {
        Surcharge.appendText(version: version, percent: percent, salaryCost: salaryCost, exact: exact, amount: amount, to: &out)
    }

    /// The same from the surcharge's parts, for a writer's closure that should not copy it.
    static func appendText(
        version: TariffVersion, percent: ScaledDecimal, salaryCost: Money, exact: Exact, amount: Money, to out: inout JSONWriter
    ) {
        out.appendText(version.title)
        out.appendText(": ")
        SwedishNumber.append(Int128(percent.units), scale: percent.scale, to: &out)
        out.appendText(" % av ")
        SwedishNumber.append(salaryCost, to: &out)
        out.appendText(" = ")
        // The exact product, then its rounding by the tariff's rule where it changes it.
        if exact != Exact(amount), let rounding = version.rules.percentage?.rounding {
            SwedishNumber.appendKronor(exact, to: &out)
            out.appendText(", ")
            SwedishText.appendRounding(rounding, to: &out)
            out.appendText(" = ")
        }
        SwedishNumber.append(amount, to: &out)
    }
}
