/// The Swedish invoice text of a line, e.g.
/// "Timavgift 2024 (4 §): handläggningstid 67 min, debiteras 75 min (5 påbörjade kvartar) à 1 201,00 kr/tim = 1 501,25 kr".
///
/// Written straight into the result's buffer: it is on every result line, and building it as a
/// Swift String through interpolation cost more than parsing the request.
public enum InvoiceText {
    public static func append(_ line: FeeLine, to out: inout JSONWriter) {
        switch line.kind {
        case .hourly:
            let increment = line.incrementMinutes
            let billed = line.billedMinutes ?? 0
            out.appendText("Timavgift ")
            out.appendNumber(Int64(line.feeYear ?? 0))
            out.appendText(" (")
            appendJoined(line.paragraphs, to: &out)
            out.appendText("): handläggningstid ")
            out.appendNumber(line.minutes)
            out.appendText(" min, debiteras ")
            out.appendNumber(billed)
            out.appendText(" min (")
            let count = increment > 0 ? billed / increment : 0
            out.appendNumber(count)
            switch (increment == 15, count == 1) {
            case (true, true): out.appendText(" påbörjad kvart) à ")
            case (true, false): out.appendText(" påbörjade kvartar) à ")
            case (false, true): out.appendText(" påbörjad period om ")
            case (false, false): out.appendText(" påbörjade perioder om ")
            }
            if increment != 15 {
                out.appendNumber(increment)
                out.appendText(" min) à ")
            }
            appendSwedish(line.rate?.rate ?? .zero, to: &out)
            out.appendText("/tim = ")
            appendSwedish(line.amount, to: &out)
        case .free:
            out.appendText(line.name ?? line.activities.joined(separator: ", "))
            out.appendText(" (")
            appendJoined(line.paragraphs, to: &out)
            out.appendText("): ")
            out.appendNumber(line.minutes)
            out.appendText(" min, avgift tas inte ut")
        }
    }

    public static func string(_ line: FeeLine) -> String {
        JSONWriter.text { append(line, to: &$0) }
    }

    /// "1 501,25 kr": a space between thousands, a decimal comma.
    public static func appendSwedish(_ money: Money, to out: inout JSONWriter) {
        let magnitude = money.ore.magnitude
        if money.ore < 0 { out.appendText("−") }
        let kronor = magnitude / 100
        var divisor: UInt64 = 1
        while kronor / divisor >= 1000 { divisor *= 1000 }
        out.appendNumber(kronor / divisor)
        while divisor > 1 {
            divisor /= 1000
            let group = kronor / divisor % 1000
            out.appendByte(UInt8(ascii: " "))
            if group < 100 { out.appendByte(UInt8(ascii: "0")) }
            if group < 10 { out.appendByte(UInt8(ascii: "0")) }
            out.appendNumber(group)
        }
        out.appendByte(UInt8(ascii: ","))
        out.appendByte(UInt8(ascii: "0") + UInt8(magnitude / 10 % 10))
        out.appendByte(UInt8(ascii: "0") + UInt8(magnitude % 10))
        out.appendText(" kr")
    }

    private static func appendJoined(_ parts: [String], to out: inout JSONWriter) {
        for (index, part) in parts.enumerated() {
            if index > 0 { out.appendText(", ") }
            out.appendText(part)
        }
    }
}
