/// Numbers and dates written straight into a result's buffer, digit by digit, in exactly the
/// forms `CivilDate.description`, `decimalText`, `SwedishText.plain` and `SwedishText.number`
/// produce: result lines carry several of them, and building each as a `String` first cost
/// more than the rest of pricing.
extension JSONWriter {
    /// `YYYY-MM-DD`.
    mutating func appendDate(_ date: CivilDate) {
        appendMonth(date)
        appendByte(UInt8(ascii: "-"))
        appendTwoDigits(date.day)
    }

    /// `YYYY-MM`.
    mutating func appendMonth(_ date: CivilDate) {
        let year = date.year
        if year < 1000 {
            appendByte(UInt8(ascii: "0"))
            if year < 100 { appendByte(UInt8(ascii: "0")) }
            if year < 10 { appendByte(UInt8(ascii: "0")) }
        }
        appendNumber(Int64(year))
        appendByte(UInt8(ascii: "-"))
        appendTwoDigits(date.month)
    }

    private mutating func appendTwoDigits(_ value: Int) {
        appendByte(UInt8(ascii: "0") + UInt8(value / 10))
        appendByte(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// An integer of up to 128 bits.
    mutating func appendInteger(_ value: Int128) {
        if value < 0 { appendByte(UInt8(ascii: "-")) }
        appendMagnitude(value.magnitude)
    }

    private mutating func appendMagnitude(_ value: UInt128) {
        if let small = UInt64(exactly: value) {
            appendNumber(small)
            return
        }
        let tenToThe19 = UInt128(10_000_000_000_000_000_000 as UInt64)
        appendMagnitude(value / tenToThe19)
        appendPadded(UInt64(value % tenToThe19), width: 19)
    }

    /// `value` in exactly `width` digits, with leading zeros.
    private mutating func appendPadded(_ value: UInt64, width: Int) {
        var digits = 1
        var rest = value / 10
        while rest > 0 { digits += 1; rest /= 10 }
        for _ in digits..<max(digits, width) { appendByte(UInt8(ascii: "0")) }
        appendNumber(value)
    }

    /// `units / 10^scale` as `decimalText` writes it: a `.` and no trailing zeros ("1235.829").
    mutating func appendDecimal(_ units: Int128, scale: Int) {
        appendDecimal(units, scale: scale, grouped: false)
    }

    /// `units / 10^scale` with a decimal comma and no grouping, as `ScaledDecimal.description`
    /// with `,` for `.` ("47,18").
    mutating func appendDecimalComma(_ units: Int64, scale: Int) {
        appendDecimal(Int128(units), scale: scale, grouped: false, point: UInt8(ascii: ","))
    }

    /// An exact amount in kronor as `Exact.kronorText` writes it: "1235.829", or "2460/12".
    mutating func appendKronorText(_ value: Exact) {
        var ten: Int128 = 1
        for scale in 0...30 {
            if ten % value.denominator == 0 {
                let (units, overflow) = value.numerator.multipliedReportingOverflow(by: ten / value.denominator)
                if !overflow { appendDecimal(units, scale: scale + 2, grouped: false); return }
                break
            }
            let (next, overflow) = ten.multipliedReportingOverflow(by: 10)
            if overflow { break }
            ten = next
        }
        appendDecimal(value.numerator, scale: 2, grouped: false)
        appendByte(UInt8(ascii: "/"))
        appendInteger(value.denominator)
    }

    /// A plain number as `SwedishText.plain` writes it: "60", "150.5", a quotient when it never ends.
    mutating func appendPlain(_ value: Exact) {
        appendExact(value, grouped: false)
    }

    /// A number as `SwedishText.number` writes it: "1 500", "150,5", "−2", "1 000/3".
    mutating func appendSwedishNumber(_ value: Exact) {
        appendExact(value, grouped: true)
    }

    private mutating func appendExact(_ value: Exact, grouped: Bool) {
        if value.denominator == 1 {
            appendDecimal(value.numerator, scale: 0, grouped: grouped)
            return
        }
        var ten: Int128 = 1
        for scale in 0...18 {
            if ten % value.denominator == 0 {
                let (units, overflow) = value.numerator.multipliedReportingOverflow(by: ten / value.denominator)
                if overflow { break }
                appendDecimal(units, scale: scale, grouped: grouped)
                return
            }
            ten *= 10
        }
        appendDecimal(value.numerator, scale: 0, grouped: grouped)
        appendByte(UInt8(ascii: "/"))
        appendInteger(value.denominator)
    }

    /// `units / 10^scale` without trailing zeros; grouped: thousands apart by a space, a decimal
    /// comma and a minus sign (`SwedishText.grouped`), else a `.` and a hyphen-minus.
    private mutating func appendDecimal(_ units: Int128, scale: Int, grouped: Bool, point: UInt8? = nil) {
        let point = point ?? (grouped ? UInt8(ascii: ",") : UInt8(ascii: "."))
        guard scale <= 38 else {
            // Beyond what 128 bits can scale by: the text as `decimalText` builds it.
            let text = decimalText(units, scale: scale)
            appendText(grouped ? SwedishText.grouped(text) : point == UInt8(ascii: ",") ? text.replacingAll(".", with: ",") : text)
            return
        }
        if units < 0 {
            if grouped { appendText("−") } else { appendByte(UInt8(ascii: "-")) }
        }
        let magnitude = units.magnitude
        var divisor: UInt128 = 1
        for _ in 0..<scale { divisor *= 10 }
        let whole = magnitude / divisor
        var fraction = magnitude % divisor
        if grouped { appendGrouped(whole) } else { appendMagnitude(whole) }
        guard fraction != 0 else { return }
        var digits = scale
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        appendByte(point)
        if let small = UInt64(exactly: fraction) {
            appendPadded(small, width: digits)
        } else {
            // More than 19 decimals (exact quotients shown to auditors): digit by digit.
            var text: [UInt8] = []
            while fraction > 0 { text.append(UInt8(ascii: "0") + UInt8(fraction % 10)); fraction /= 10 }
            for _ in text.count..<max(text.count, digits) { appendByte(UInt8(ascii: "0")) }
            for byte in text.reversed() { appendByte(byte) }
        }
    }

    /// Thousands apart by a space: "1 234 567".
    private mutating func appendGrouped(_ value: UInt128) {
        guard value >= 1000 else {
            appendNumber(UInt64(value))
            return
        }
        appendGrouped(value / 1000)
        appendByte(UInt8(ascii: " "))
        appendPadded(UInt64(value % 1000), width: 3)
    }
}
