import TaxaBase
import TaxaEngine

/// One cell of a per-capita settlement: one group in one month.
package struct GroupSettlement: Sendable, Equatable {
    package var group: CapitaGroup
    package var actual: Int64
    /// (actual − budgeted) × yearly amount, in öre: the exact cell is this ÷ 12.
    package var yearlyValue: Int128
    /// The cell rounded by the tariff's rule (whole kronor, half away from zero, for BEP).
    package var amount: Money

    package var change: Int64 { actual - group.budgetedCount }
}

/// One month of a per-capita settlement. Its total is the *unrounded* cells summed, then
/// rounded, so it can differ from the sum of the rounded cells (`cellsSum`), as in the
/// council's printed table.
package struct MonthSettlement: Sendable, Equatable {
    /// `YYYY-MM`.
    package var month: String
    package var firstDay: CivilDate
    package var version: TariffVersion
    package var groups: [GroupSettlement]
    package var actualTotal: Int64
    /// The sum of the cells' yearly values, in öre: the exact month total is this ÷ 12.
    package var yearlyValue: Int128
    package var total: Money
    package var cellsSum: Money
    /// The derivation in Swedish, present when the request asked for `explain`.
    package var explanation: [String]?

    /// "Avräkning 2023-09 (version 2023-01-01): utfall 2959, att avräkna 548 005,00 kr".
    package var text: String {
        JSONWriter.text { appendText(to: &$0) }
    }

    /// The text, written straight into a result.
    func appendText(to out: inout JSONWriter) {
        MonthSettlement.appendText(month: month, version: version, actualTotal: actualTotal, total: total, to: &out)
    }

    /// The same from the month's parts, for a writer's closure that should not copy the month.
    static func appendText(month: String, version: TariffVersion, actualTotal: Int64, total: Money, to out: inout JSONWriter) {
        out.appendText("Avräkning ")
        out.appendText(month)
        out.appendText(" (version ")
        out.appendText(version.name)
        out.appendText("): utfall ")
        SwedishNumber.append(Int128(actualTotal), scale: 0, to: &out)
        out.appendText(", att avräkna ")
        SwedishNumber.append(total, to: &out)
    }
}

/// A priced per-capita request: the months in calendar order and the period total (the
/// unrounded months summed, then rounded).
package struct Settlement: Sendable, Equatable {
    package var months: [MonthSettlement]
    /// The sum of the months' yearly values, in öre: the exact period total is this ÷ 12.
    package var yearlyValue: Int128
    package var total: Money
    package var provenance: RuleDigest

    /// "Summa avräkning 2023-09 – 2023-12, 4 mån: 3 301 222,00 kr".
    package var text: String {
        JSONWriter.text { appendText(to: &$0) }
    }

    /// The text, written straight into a result.
    func appendText(to out: inout JSONWriter) {
        out.appendText("Summa avräkning ")
        out.appendText(months.first!.month)
        if months.count > 1 {
            out.appendText(" – ")
            out.appendText(months.last!.month)
        }
        out.appendText(", ")
        SwedishNumber.append(Int128(months.count), scale: 0, to: &out)
        out.appendText(" mån: ")
        SwedishNumber.append(total, to: &out)
    }

    /// An exact unrounded amount for auditors, written straight into a result: the yearly value
    /// in kronor over 12, e.g. "21667448/12" for 1 805 620,666… kr (a twelfth rarely ends in two
    /// decimals).
    static func appendUnrounded(_ yearlyValue: Int128, to out: inout JSONWriter) {
        out.appendDecimal(yearlyValue, scale: 2)
        out.appendByte(UInt8(ascii: "/"))
        out.appendNumber(PerCapitaRules.monthsPerYear)
    }
}
