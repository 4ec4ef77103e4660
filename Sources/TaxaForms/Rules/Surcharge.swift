/// A priced percentage request: the surcharge on the salary cost at the rate in force.
public struct Surcharge: Sendable, Equatable {
    public var date: CivilDate
    public var version: TariffVersion
    public var percent: ScaledDecimal
    public var salaryCost: Money
    /// salary cost × percent ÷ 100, exact, before rounding.
    public var exact: Exact
    public var amount: Money
    /// The derivation in Swedish, present when the request asked for `explain`.
    public var explanation: [String]?
    public var provenance: RuleDigest

    /// `exact` in kronor, e.g. "5824.687106".
    public var unrounded: String { exact.kronorText }

    /// "Personalomkostnadspålägg 2024: 47,18 % av 100 000,00 kr = 47 180,00 kr".
    public var text: String {
        JSONWriter.text { appendText(to: &$0) }
    }

    /// The text, written straight into a result.
    func appendText(to out: inout JSONWriter) {
        out.appendText(version.title)
        out.appendText(": ")
        SwedishNumber.append(Int128(percent.units), scale: percent.scale, to: &out)
        out.appendText(" % av ")
        InvoiceText.appendSwedish(salaryCost, to: &out)
        out.appendText(" = ")
        // The exact product, then its rounding by the tariff's rule where it changes it.
        if exact != Exact(amount), let rounding = version.rules.percentage?.rounding {
            SwedishNumber.appendKronor(exact, to: &out)
            out.appendText(", ")
            SwedishText.appendRounding(rounding, to: &out)
            out.appendText(" = ")
        }
        InvoiceText.appendSwedish(amount, to: &out)
    }
}
