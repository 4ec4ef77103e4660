import TaxaBase
import TaxaEngine

/// The Swedish invoice text of a line, e.g.
/// "Timavgift 2024 (4 §): handläggningstid 67 min, debiteras 75 min (5 påbörjade kvartar) à 1 201,00 kr/tim = 1 501,25 kr".
///
/// Written straight into the result's buffer: it is on every result line, and building it as a
/// Swift String through interpolation cost more than parsing the request.
package enum InvoiceText {
    package static func append(_ line: FeeLine, to out: inout JSONWriter) {
        switch line.kind {
        case .hourly:
            let increment = line.incrementMinutes
            let billed = line.billedMinutes ?? 0
            out.appendText("Timavgift ")
            out.appendNumber(Int64(line.feeYear ?? 0))
            out.appendText(" (")
            appendJoined(line.paragraphs, to: &out)
            out.appendText("): handläggningstid ")
            SwedishNumber.append(Int128(line.minutes), scale: 0, to: &out)
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
            let rate = line.rate?.rate ?? .zero
            SwedishNumber.append(rate, to: &out)
            out.appendText("/tim = ")
            // billed/60 × rate, exact; rounded to öre when it does not end there.
            let exact = Exact(numerator: Int128(billed) * Int128(rate.ore), denominator: 60)
            if !exact.isWholeOre {
                SwedishNumber.appendKronor(exact, to: &out)
                out.appendText(", avrundat till hela öre, hälften uppåt = ")
            }
            SwedishNumber.append(line.amount, to: &out)
        case .free:
            out.appendText(line.name ?? line.activities.joined(separator: ", "))
            out.appendText(" (")
            appendJoined(line.paragraphs, to: &out)
            out.appendText("): ")
            SwedishNumber.append(Int128(line.minutes), scale: 0, to: &out)
            out.appendText(" min, avgift tas inte ut")
        }
    }

    package static func string(_ line: FeeLine) -> String {
        JSONWriter.text { append(line, to: &$0) }
    }

    /// "1 501,25 kr": a space between thousands, a decimal comma (`SwedishNumber`).
    private static func appendJoined(_ parts: [String], to out: inout JSONWriter) {
        for (index, part) in parts.enumerated() {
            if index > 0 { out.appendText(", ") }
            out.appendText(part)
        }
    }
}
