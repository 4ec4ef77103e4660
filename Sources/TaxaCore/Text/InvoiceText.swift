/// The Swedish invoice text of a line, e.g.
/// "Timavgift 2024 (4 §): handläggningstid 67 min, debiteras 75 min (5 påbörjade kvartar) à 1 201,00 kr/tim = 1 501,25 kr".
///
/// Written straight into a byte buffer: it is on every result line, and building it as a
/// Swift String through interpolation cost more than parsing the request.
public enum InvoiceText {
    public static func append(_ line: FeeLine, to out: inout [UInt8]) {
        switch line.kind {
        case .hourly:
            let increment = line.incrementMinutes
            let billed = line.billedMinutes ?? 0
            appendLiteral("Timavgift ", to: &out)
            appendNumber(Int64(line.feeYear ?? 0), to: &out)
            appendLiteral(" (", to: &out)
            appendJoined(line.paragraphs, to: &out)
            appendLiteral("): handläggningstid ", to: &out)
            appendNumber(line.minutes, to: &out)
            appendLiteral(" min, debiteras ", to: &out)
            appendNumber(billed, to: &out)
            appendLiteral(" min (", to: &out)
            appendNumber(increment > 0 ? billed / increment : 0, to: &out)
            if increment == 15 {
                appendLiteral(" påbörjade kvartar) à ", to: &out)
            } else {
                appendLiteral(" påbörjade perioder om ", to: &out)
                appendNumber(increment, to: &out)
                appendLiteral(" min) à ", to: &out)
            }
            appendSwedish(line.rate?.rate ?? .zero, to: &out)
            appendLiteral("/tim = ", to: &out)
            appendSwedish(line.amount, to: &out)
        case .free:
            out.append(contentsOf: (line.name ?? line.activities.joined(separator: ", ")).utf8)
            appendLiteral(" (", to: &out)
            appendJoined(line.paragraphs, to: &out)
            appendLiteral("): ", to: &out)
            appendNumber(line.minutes, to: &out)
            appendLiteral(" min, avgift tas inte ut", to: &out)
        }
    }

    public static func string(_ line: FeeLine) -> String {
        var bytes: [UInt8] = []
        append(line, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// "1 501,25 kr": a space between thousands, a decimal comma.
    public static func appendSwedish(_ money: Money, to out: inout [UInt8]) {
        let magnitude = money.ore.magnitude
        if money.ore < 0 { appendLiteral("−", to: &out) }
        var kronor = magnitude / 100
        var groups: [UInt64] = []
        repeat {
            groups.append(kronor % 1000)
            kronor /= 1000
        } while kronor > 0
        for (index, group) in groups.reversed().enumerated() {
            if index > 0 {
                out.append(UInt8(ascii: " "))
                if group < 100 { out.append(UInt8(ascii: "0")) }
                if group < 10 { out.append(UInt8(ascii: "0")) }
            }
            appendNumber(Int64(group), to: &out)
        }
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: "0") + UInt8(magnitude / 10 % 10))
        out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
        appendLiteral(" kr", to: &out)
    }

    @inline(__always)
    static func appendLiteral(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func appendNumber(_ value: Int64, to out: inout [UInt8]) {
        DecimalDigits.append(value, to: &out)
    }

    private static func appendJoined(_ parts: [String], to out: inout [UInt8]) {
        for (index, part) in parts.enumerated() {
            if index > 0 { appendLiteral(", ", to: &out) }
            out.append(contentsOf: part.utf8)
        }
    }
}
