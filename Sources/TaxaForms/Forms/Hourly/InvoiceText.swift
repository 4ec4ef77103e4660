import TaxaBase
import TaxaEngine

/// The Swedish invoice text of a line, e.g.
/// "Timavgift 2024 (4 §): handläggningstid 67 min, debiteras 75 min (5 påbörjade kvartar) à 1 201,00 kr/tim = 1 501,25 kr".
///
/// Written straight into the result's buffer: it is on every result line, and building it as a
/// Swift String through interpolation cost more than parsing the request.
package enum InvoiceText {
    /// Appends the text of `lines[index]`, read in place (a copy of a line retains each of its
    /// references).
    package static func append(_ lines: [FeeLine], _ index: Int, to out: inout JSONWriter) {
        switch lines[index].kind {
        case .hourly:
            let increment = lines[index].incrementMinutes
            let billed = lines[index].billedMinutes ?? 0
            out.appendText("Timavgift ")
            out.appendNumber(Int64(lines[index].feeYear ?? 0))
            out.appendText(" (")
            appendJoined(lines[index].paragraphs, to: &out)
            out.appendText("): handläggningstid ")
            SwedishNumber.append(Int128(lines[index].minutes), scale: 0, to: &out)
            out.appendText(" min, debiteras ")
            SwedishNumber.append(Int128(billed), scale: 0, to: &out)
            out.appendText(" min (")
            let count = increment > 0 ? billed / increment : 0
            SwedishNumber.append(Int128(count), scale: 0, to: &out)
            switch (increment == 15, count == 1) {
            case (true, true): out.appendText(" påbörjad kvart) à ")
            case (true, false): out.appendText(" påbörjade kvartar) à ")
            case (false, true): out.appendText(" påbörjad period om ")
            case (false, false): out.appendText(" påbörjade perioder om ")
            }
            if increment != 15 {
                SwedishNumber.append(Int128(increment), scale: 0, to: &out)
                out.appendText(" min) à ")
            }
            let rate = lines[index].rate?.rate ?? .zero
            SwedishNumber.append(rate, to: &out)
            out.appendText("/tim = ")
            // billed/60 × rate, exact; rounded to öre when it does not end there.
            let exact = Exact(numerator: Int128(billed) * Int128(rate.ore), denominator: 60)
            if !exact.isWholeOre {
                SwedishNumber.appendKronor(exact, to: &out)
                out.appendText(", avrundat till hela öre, hälften uppåt = ")
            }
            SwedishNumber.append(lines[index].amount, to: &out)
        case .free:
            out.appendText(lines[index].name ?? lines[index].activities.joined(separator: ", "))
            out.appendText(" (")
            appendJoined(lines[index].paragraphs, to: &out)
            out.appendText("): ")
            SwedishNumber.append(Int128(lines[index].minutes), scale: 0, to: &out)
            out.appendText(" min, avgift tas inte ut")
        }
    }

    package static func string(_ line: FeeLine) -> String {
        JSONWriter.text { append([line], 0, to: &$0) }
    }

    /// "1 501,25 kr": a space between thousands, a decimal comma (`SwedishNumber`).
    private static func appendJoined(_ parts: [String], to out: inout JSONWriter) {
        for (index, part) in parts.enumerated() {
            if index > 0 { out.appendText(", ") }
            out.appendText(part)
        }
    }
}
