import TaxaBase
import TaxaEngine

/// The Swedish invoice text of a line, e.g.
/// "Timavgift 2024 (4 §): handläggningstid 67 min, debiteras 75 min (5 påbörjade kvartar) à 1 201,00 kr/tim = 1 501,25 kr".
///
/// Written straight into the result's buffer: it is on every result line, and building it as a
/// Swift String through interpolation cost more than parsing the request.
package enum InvoiceText {
    /// Appends the text of `invoice.lines[index]`, read in place from its engine line (see
    /// `Invoice`).
    package static func append(_ invoice: Invoice, _ index: Int, to out: inout JSONWriter) {
        if invoice.isHourly(index) {
            let increment = invoice.lines[index].incrementMinutes
            let billed = invoice.billedMinutes(index)
            out.appendText("Timavgift ")
            out.appendNumber(Int64(invoice.priced.lines[invoice.lines[index].line].feeYear))
            out.appendText(" (")
            appendParagraphs(invoice, index, to: &out)
            out.appendText("): handläggningstid ")
            SwedishNumber.append(Int128(invoice.minutes(index)), scale: 0, to: &out)
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
            let rate = invoice.lines[index].hourlyRate
            SwedishNumber.append(rate, to: &out)
            out.appendText("/tim = ")
            // billed/60 × rate, exact; rounded to öre when it does not end there.
            let exact = Exact(numerator: Int128(billed) * Int128(rate.ore), denominator: 60)
            if !exact.isWholeOre {
                SwedishNumber.appendKronor(exact, to: &out)
                out.appendText(", avrundat till hela öre, hälften uppåt = ")
            }
            SwedishNumber.append(invoice.amount(index), to: &out)
        } else {
            // A free line is one activity: its name.
            invoice.withFirstActivityName(index) { out.appendText($0) }
            out.appendText(" (")
            appendParagraphs(invoice, index, to: &out)
            out.appendText("): ")
            SwedishNumber.append(Int128(invoice.minutes(index)), scale: 0, to: &out)
            out.appendText(" min, avgift tas inte ut")
        }
    }

    /// The line's distinct paragraphs, separated by ", ".
    private static func appendParagraphs(_ invoice: Invoice, _ index: Int, to out: inout JSONWriter) {
        var first = true
        invoice.forEachParagraph(index) { paragraph in
            if !first { out.appendText(", ") }
            first = false
            out.appendText(paragraph)
        }
    }
}
