/// The one Swedish number format of every text taxa writes for people (invoice texts,
/// explanations, `taxa rates`): the integer digits in groups of three apart by a space
/// ("1 002,25"), a decimal comma, the minus sign "−" (U+2212) before a negative value and no
/// sign before zero. Amounts, quantities, percentages, factors and counts all pass through
/// here, digit by digit from the exact value, so no text can put the comma in before the
/// grouping ("10 02,246") or group one number and not another.
///
/// Numbers in the JSON contract (`"12155.50"`, `"150.5"`) are not written here: they keep
/// the `.` and no grouping (`JSONWriter.appendPlain`, `Money.description`).
enum SwedishNumber {
    /// `units / 10^scale` with at least `minimumDecimals` decimals and no trailing zero beyond
    /// them: (1235829, 3) → "1 235,829"; (100225, 2, 2) → "1 002,25"; (-50, 2) → "−0,5".
    static func append(_ units: Int128, scale: Int, minimumDecimals: Int = 0, to out: inout JSONWriter) {
        precondition(scale >= 0 && minimumDecimals >= 0)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits in
            // The magnitude's digits, least significant first (an Int128 has at most 39).
            var rest = units.magnitude
            var count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            func digit(_ position: Int) -> UInt8 { position < count ? digits[position] : UInt8(ascii: "0") }
            // Positions 0..<scale are decimals; trailing zeros beyond the minimum are dropped.
            var lowest = 0
            while scale - lowest > minimumDecimals && digit(lowest) == UInt8(ascii: "0") { lowest += 1 }
            if units < 0 { out.appendText("−") }
            let top = max(count - 1, scale)  // the highest integer digit's position
            var position = top
            while position >= scale {
                out.appendByte(digit(position))
                if position > scale && (position - scale) % 3 == 0 { out.appendByte(UInt8(ascii: " ")) }
                position -= 1
            }
            let decimals = max(minimumDecimals, scale - lowest)
            guard decimals > 0 else { return }
            out.appendByte(UInt8(ascii: ","))
            // Decimals beyond `scale` (a minimum above it) are zeros.
            for place in 0..<decimals { out.appendByte(place < scale ? digit(scale - 1 - place) : UInt8(ascii: "0")) }
        }
    }

    /// "1 002,25 kr", "−0,50 kr", "0,00 kr".
    static func append(_ money: Money, to out: inout JSONWriter) {
        append(Int128(money.ore), scale: 2, minimumDecimals: 2, to: &out)
        out.appendText(" kr")
    }

    /// An exact amount in öre as kronor: "1 235,829 kr", "3 450,00 kr"; one whose decimals never
    /// end as its exact quotient of whole kronor ("8 407/60 kr"), never a rounded figure.
    static func appendKronor(_ ore: Exact, to out: inout JSONWriter) {
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
    static func appendNumber(_ value: Exact, to out: inout JSONWriter) {
        if let (units, scale) = decimal(value) {
            append(units, scale: scale, to: &out)
        } else {
            append(value.numerator, scale: 0, to: &out)
            out.appendByte(UInt8(ascii: "/"))
            append(value.denominator, scale: 0, to: &out)
        }
    }

    /// `value` as `units / 10^scale` when its decimals end (within 128 bits), else nil.
    static func decimal(_ value: Exact) -> (units: Int128, scale: Int)? {
        if value.denominator == 1 { return (value.numerator, 0) }
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

    static func money(_ money: Money) -> String { JSONWriter.text(reservingCapacity: 32) { append(money, to: &$0) } }

    static func kronor(_ ore: Exact) -> String { JSONWriter.text(reservingCapacity: 48) { appendKronor(ore, to: &$0) } }

    static func number(_ value: Exact) -> String { JSONWriter.text(reservingCapacity: 48) { appendNumber(value, to: &$0) } }

    static func decimal(_ value: ScaledDecimal) -> String {
        JSONWriter.text(reservingCapacity: 32) { append(Int128(value.units), scale: value.scale, to: &$0) }
    }

    static func integer<T: BinaryInteger>(_ value: T) -> String {
        JSONWriter.text(reservingCapacity: 32) { append(Int128(value), scale: 0, to: &$0) }
    }
}
