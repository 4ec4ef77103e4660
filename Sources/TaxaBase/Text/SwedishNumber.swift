/// The one Swedish number format of every text taxa writes for people (invoice texts,
/// explanations, `taxa rates`): the integer digits in groups of three apart by a space
/// ("1 002,25"), a decimal comma, the minus sign "−" (U+2212) before a negative value and no
/// sign before zero. Amounts, quantities, percentages, factors and counts all pass through
/// here, digit by digit from the exact value, so no text can put the comma in before the
/// grouping ("10 02,246") or group one number and not another.
///
/// Numbers in the JSON contract (`"12155.50"`, `"150.5"`) are not written here: they keep
/// the `.` and no grouping (`JSONWriter.appendPlain`, `Money.description`).
@usableFromInline package enum SwedishNumber {
    /// `units / 10^scale` with at least `minimumDecimals` decimals and no trailing zero beyond
    /// them: (1235829, 3) → "1 235,829"; (100225, 2, 2) → "1 002,25"; (-50, 2) → "−0,5".
    ///
    /// Written in place, from the last digit, in 64-bit arithmetic while the magnitude fits:
    /// every result line's text holds a few of these.
    package static func append(_ units: Int128, scale: Int, minimumDecimals: Int = 0, to out: inout JSONWriter) {
        precondition(scale >= 0 && minimumDecimals >= 0)
        guard let small = UInt64(exactly: units.magnitude) else {
            appendWide(units, scale: scale, minimumDecimals: minimumDecimals, to: &out)
            return
        }
        var magnitude = small
        var scale = scale
        // Trailing zeros of the decimals beyond the minimum are not written.
        while scale > minimumDecimals && magnitude % 10 == 0 && magnitude != 0 {
            magnitude /= 10
            scale -= 1
        }
        if magnitude == 0 { scale = min(scale, minimumDecimals) }
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let decimals = max(minimumDecimals, scale)
        let integerDigits = max(digits - scale, 1)
        let negative = units < 0
        let size = (negative ? 3 : 0) + integerDigits + (integerDigits - 1) / 3 + (decimals > 0 ? 1 + decimals : 0)
        out.appendInPlace(size: size) { raw in
            let bytes = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let pairs = digitPairs.utf8Start
            var position = size
            var value = magnitude
            for _ in scale..<decimals {  // zeros a minimum adds after the digits
                position -= 1
                bytes[position] = UInt8(ascii: "0")
            }
            var decimalsLeft = scale
            while decimalsLeft >= 2 {  // two digits per division
                let pair = Int(value % 100) &* 2
                value /= 100
                position -= 2
                bytes[position] = pairs[pair]
                bytes[position + 1] = pairs[pair + 1]
                decimalsLeft -= 2
            }
            if decimalsLeft == 1 {
                position -= 1
                bytes[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
                value /= 10
            }
            if decimals > 0 {
                position -= 1
                bytes[position] = UInt8(ascii: ",")
            }
            // Whole groups of three, then the leading one to three digits.
            var integerLeft = integerDigits
            while integerLeft > 3 {
                let group = Int(value % 1000)
                value /= 1000
                position -= 4
                bytes[position] = UInt8(ascii: " ")
                bytes[position + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: group / 100)
                bytes[position + 2] = pairs[(group % 100) &* 2]
                bytes[position + 3] = pairs[(group % 100) &* 2 + 1]
                integerLeft -= 3
            }
            for _ in 0..<integerLeft {
                position -= 1
                bytes[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
                value /= 10
            }
            if negative {  // "−", U+2212, in UTF-8
                bytes[0] = 0xE2
                bytes[1] = 0x88
                bytes[2] = 0x92
            }
        }
    }

    /// "00", "01", … "99".
    private static let digitPairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// The same beyond 64 bits (exact quotients shown to auditors, the limits of `Int128`): the
    /// digits as text, then grouped.
    private static func appendWide(_ units: Int128, scale: Int, minimumDecimals: Int, to out: inout JSONWriter) {
        var digits = Array(String(units.magnitude).utf8)  // most significant first
        var scale = scale
        while scale > minimumDecimals && digits.count > 1 && digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            scale -= 1
        }
        if digits.count <= scale { digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: scale + 1 - digits.count), at: 0) }
        let integer = digits[..<(digits.count - scale)]
        if units < 0 { out.appendText("−") }
        for (index, digit) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 { out.appendByte(UInt8(ascii: " ")) }
            out.appendByte(digit)
        }
        let decimals = max(minimumDecimals, scale)
        guard decimals > 0 else { return }
        out.appendByte(UInt8(ascii: ","))
        for digit in digits[(digits.count - scale)...] { out.appendByte(digit) }
        for _ in scale..<decimals { out.appendByte(UInt8(ascii: "0")) }
    }

    /// "1 002,25 kr", "−0,50 kr", "0,00 kr".
    package static func append(_ money: Money, to out: inout JSONWriter) {
        append(Int128(money.ore), scale: 2, minimumDecimals: 2, to: &out)
        out.appendText(" kr")
    }

    /// An exact amount in öre as kronor: "1 235,829 kr", "3 450,00 kr"; one whose decimals never
    /// end as its exact quotient of whole kronor ("8 407/60 kr"), never a rounded figure.
    package static func appendKronor(_ ore: Exact, to out: inout JSONWriter) {
        if let (units, scale) = decimal(ore) {
            append(units, scale: scale + 2, minimumDecimals: 2, to: &out)
        } else {
            let (hundredfold, overflow) = ore.denominator.multipliedReportingOverflow(by: 100)
            let kronor = overflow ? nil : Exact(numerator: ore.numerator, denominator: hundredfold)
            append(kronor?.numerator ?? ore.numerator, scale: kronor == nil ? 2 : 0, to: &out)
            out.appendByte(UInt8(ascii: "/"))
            append(kronor?.denominator ?? ore.denominator, scale: 0, to: &out)
        }
        out.appendText(" kr")
    }

    /// An exact plain number (a quantity, a factor): "15", "150,5", "1 000/3".
    package static func appendNumber(_ value: Exact, to out: inout JSONWriter) {
        if let (units, scale) = decimal(value) {
            append(units, scale: scale, to: &out)
        } else {
            append(value.numerator, scale: 0, to: &out)
            out.appendByte(UInt8(ascii: "/"))
            append(value.denominator, scale: 0, to: &out)
        }
    }

    /// `value` as `units / 10^scale` when its decimals end (within 128 bits), else nil.
    package static func decimal(_ value: Exact) -> (units: Int128, scale: Int)? {
        if value.denominator == 1 { return (value.numerator, 0) }
        // Denominators are mostly small: find the power of ten they divide in 64 bits.
        if let denominator = UInt64(exactly: value.denominator) {
            var ten: UInt64 = 1
            for scale in 0...19 {
                if ten % denominator == 0 {
                    let (units, overflow) = value.numerator.multipliedReportingOverflow(by: Int128(ten / denominator))
                    return overflow ? nil : (units, scale)
                }
                if scale < 19 { ten *= 10 }
            }
        }
        var ten: Int128 = 1
        for scale in 0...38 {
            if ten % value.denominator == 0 {
                let (units, overflow) = value.numerator.multipliedReportingOverflow(by: ten / value.denominator)
                return overflow ? nil : (units, scale)
            }
            if scale < 38 { ten *= 10 }
        }
        return nil
    }

    // String forms, for texts built by interpolation.

    @usableFromInline package static func money(_ money: Money) -> String { JSONWriter.text(reservingCapacity: 32) { append(money, to: &$0) } }

    package static func kronor(_ ore: Exact) -> String { JSONWriter.text(reservingCapacity: 48) { appendKronor(ore, to: &$0) } }

    package static func number(_ value: Exact) -> String { JSONWriter.text(reservingCapacity: 48) { appendNumber(value, to: &$0) } }

    package static func decimal(_ value: ScaledDecimal) -> String {
        JSONWriter.text(reservingCapacity: 32) { append(Int128(value.units), scale: value.scale, to: &$0) }
    }

    package static func integer<T: BinaryInteger>(_ value: T) -> String {
        JSONWriter.text(reservingCapacity: 32) { append(Int128(value), scale: 0, to: &$0) }
    }
}
