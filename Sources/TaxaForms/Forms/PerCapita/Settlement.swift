import TaxaBase
import TaxaEngine

/// One cell of a per-capita settlement: one group in one month. Its group is the one at the
/// cell's place among its month's version's groups.
package struct GroupSettlement: Sendable, Equatable {
    package var actual: Int64
    /// (actual − budgeted) × yearly amount, in öre: the exact cell is this ÷ 12.
    package var yearlyValue: Int128
    /// The cell rounded by the tariff's rule (whole kronor, half away from zero, for BEP).
    package var amount: Money
}

/// One month of a per-capita settlement. Its total is the *unrounded* cells summed, then
/// rounded, so it can differ from the sum of the rounded cells (`cellsSum`), as in the
/// council's printed table. A plain value: its version and cells are places in its settlement.
package struct MonthSettlement: Sendable, Equatable {
    package var month: MonthName
    package var firstDay: CivilDate
    /// The version's place in `Settlement.versions`.
    package var version: Int
    /// Where the month's cells lie in `Settlement.cells`, in the order of the version's groups.
    package var cells: Range<Int>
    package var actualTotal: Int64
    /// The sum of the cells' yearly values, in öre: the exact month total is this ÷ 12.
    package var yearlyValue: Int128
    package var total: Money
    package var cellsSum: Money
    /// The month's place in the request (and in `Settlement.explanations`).
    package var requestIndex: Int

    /// "Avräkning 2023-09 (version 2023-01-01): utfall 2959, att avräkna 548 005,00 kr".
    static func appendText(month: MonthName, version: TariffVersion, actualTotal: Int64, total: Money, to out: inout JSONWriter) {
        out.appendText("Avräkning ")
        month.append(to: &out)
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
    /// Every month's cells, month after month in the request's order.
    package var cells: [GroupSettlement]
    /// The versions that settle the months, each once, in the order the request first uses them.
    package var versions: [TariffVersion]
    /// Each month's derivation in Swedish, in the request's order; present when the request
    /// asked for `explain`.
    package var explanations: [[String]]?
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
        months.first!.month.append(to: &out)
        if months.count > 1 {
            out.appendText(" – ")
            months.last!.month.append(to: &out)
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
