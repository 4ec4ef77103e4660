/// Numbers and dates of the JSON contract written straight into a result's buffer, digit by
/// digit, in exactly the forms `CivilDate.description`, `decimalText` and `SwedishText.plain`
/// produce: result lines carry several of them, and building each as a `String` first cost
/// more than the rest of pricing. (Numbers in Swedish texts: `SwedishNumber`.)
extension JSONWriter {
    /// `YYYY-MM-DD`.
    package mutating func appendDate(_ date: CivilDate) {
        appendMonth(date)
        appendByte(UInt8(ascii: "-"))
        appendTwoDigits(date.day)
    }

    /// `YYYY-MM`.
    package mutating func appendMonth(_ date: CivilDate) {
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
    package mutating func appendInteger(_ value: Int128) {
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

    /// An exact amount in kronor as `Exact.kronorText` writes it: "1235.829", or "2460/12".
    package mutating func appendKronorText(_ value: Exact) {
        var ten: Int128 = 1
        for scale in 0...30 {
            if ten % value.denominator == 0 {
                let (units, overflow) = value.numerator.multipliedReportingOverflow(by: ten / value.denominator)
                if !overflow { appendDecimal(units, scale: scale + 2); return }
                break
            }
            let (next, overflow) = ten.multipliedReportingOverflow(by: 10)
            if overflow { break }
            ten = next
        }
        appendDecimal(value.numerator, scale: 2)
        appendByte(UInt8(ascii: "/"))
        appendInteger(value.denominator)
    }

    /// A plain number as `SwedishText.plain` writes it: "60", "150.5", a quotient when it never ends.
    package mutating func appendPlain(_ value: Exact) {
        if value.denominator == 1 {
            appendDecimal(value.numerator, scale: 0)
            return
        }
        var ten: Int128 = 1
        for scale in 0...18 {
            if ten % value.denominator == 0 {
                let (units, overflow) = value.numerator.multipliedReportingOverflow(by: ten / value.denominator)
                if overflow { break }
                appendDecimal(units, scale: scale)
                return
            }
            ten *= 10
        }
        appendDecimal(value.numerator, scale: 0)
        appendByte(UInt8(ascii: "/"))
        appendInteger(value.denominator)
    }

    /// `units / 10^scale` as `decimalText` writes it: a `.`, a hyphen-minus and no trailing
    /// zeros ("1235.829").
    package mutating func appendDecimal(_ units: Int128, scale: Int) {
        let point = UInt8(ascii: ".")
        guard scale <= 38 else {
            // Beyond what 128 bits can scale by: the text as `decimalText` builds it.
            appendText(decimalText(units, scale: scale))
            return
        }
        if units < 0 { appendByte(UInt8(ascii: "-")) }
        let magnitude = units.magnitude
        if scale <= 19, let small = UInt64(exactly: magnitude) {
            // In 64 bits (10¹⁹ fits): every amount of a plausible request, at a fraction of the
            // cost of 128-bit division.
            var divisor: UInt64 = 1
            for _ in 0..<scale { divisor *= 10 }
            appendNumber(small / divisor)
            var fraction = small % divisor
            guard fraction != 0 else { return }
            var digits = scale
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            appendByte(point)
            appendPadded(fraction, width: digits)
            return
        }
        var divisor: UInt128 = 1
        for _ in 0..<scale { divisor *= 10 }
        let whole = magnitude / divisor
        var fraction = magnitude % divisor
        appendMagnitude(whole)
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
}
