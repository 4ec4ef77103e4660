import TaxaBase

/// The Swedish invoice texts of `fees` results: "Planerad kontroll 2024-03-05: 60 min à
/// 2 160,00 kr/60 min = 2 160,00 kr".
package enum FeeText {
    static func line(_ line: PricedLine) -> String {
        JSONWriter.text { append([line], 0, to: &$0) }
    }

    /// The text of `lines[index]`, written straight into a result (the line read in place).
    package static func append(_ lines: [PricedLine], _ index: Int, to out: inout JSONWriter) {
        append(lines, index, fee: lines[index].fee, to: &out)
    }

    /// The same with the line's fee passed in, as the result writer has it: the strings of a
    /// fee passed in are read in place, where those of a local loaded from the line are
    /// retained and released each.
    package static func append(_ lines: [PricedLine], _ index: Int, fee: FeeDefinition, to out: inout JSONWriter) {
        out.appendText(fee.name)
        // By index, the list read in place: a loop over it retains it, empty as it mostly is.
        for other in lines[index].otherFees.indices {
            out.appendText(", ")
            out.appendText(lines[index].otherFees[other].name)
        }
        if let paragraph = fee.paragraph {
            out.appendText(" (")
            out.appendText(paragraph)
            out.appendByte(UInt8(ascii: ")"))
        }
        if lines[index].scope != .request {
            out.appendByte(UInt8(ascii: " "))
            appendPeriod(lines[index].scope, lines[index].periodDate, to: &out)
        }
        out.appendText(": ")
        let quantity = fee.quantity.flatMap { rule in lines[index].billed.map { ($0, rule.unit) } }
        LineSteps.append(
            lines[index].steps, quantity: quantity, unitPrice: lines[index].unitPrice, per: lines[index].per,
            unrounded: lines[index].unrounded, amount: lines[index].amount, to: &out)
    }

    /// The period summed over as `PricedLine.period` names it.
    package static func appendPeriod(_ scope: SummingScope, _ date: CivilDate, to out: inout JSONWriter) {
        switch scope {
        case .item, .day: out.appendDate(date)
        case .month: out.appendMonth(date)
        case .year: out.appendNumber(Int64(date.year))
        case .request: break
        }
    }

    static func cap(_ cap: CapLine) -> String {
        JSONWriter.text { append([cap], 0, to: &$0) }
    }

    /// "Högkostnadsskydd 2024-03: avgifter 2 708,00 kr, högst 2 575,00 kr: 2 575,00 kr − 2 708,00
    /// kr = −133,00 kr", written straight into a result: the deduction as the subtraction it is.
    /// The cap line is read in place: a copy retains each string of its rule.
    package static func append(_ caps: [CapLine], _ index: Int, to out: inout JSONWriter) {
        out.appendText(caps[index].cap.name)
        out.appendByte(UInt8(ascii: " "))
        out.appendText(caps[index].month)
        out.appendText(": avgifter ")
        SwedishNumber.append(caps[index].charged, to: &out)
        out.appendText(", högst ")
        SwedishNumber.append(caps[index].limit, to: &out)
        out.appendText(": ")
        SwedishNumber.append(caps[index].limit, to: &out)
        out.appendText(" − ")
        SwedishNumber.append(caps[index].charged, to: &out)
        out.appendText(" = ")
        SwedishNumber.append(caps[index].amount, to: &out)
    }

}

extension Money {
    /// The magnitude, for texts that name a deduction without its sign (−0,01 kr of
    /// `Int64.min` öre cannot be told apart in a text).
    var magnitude: Money { ore < 0 ? Money(ore: ore == .min ? .max : -ore) : self }
}
