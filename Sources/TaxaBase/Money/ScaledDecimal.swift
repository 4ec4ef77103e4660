/// A decimal number written as text, held exactly as `units / 10^scale`.
///
/// This is the only decimal parser in taxa. Its grammar is deliberately narrow so that
/// nothing is guessed: optional `-` (where allowed), digits without superfluous leading zeros,
/// optionally `.` and 1…`maxScale` digits. No exponent, no `+`, no spaces, no trailing text
/// (unlike Foundation's `Decimal`, which reads "12abc" as 12). "-0" and "-0.00" are zero,
/// wherever zero is allowed, as the JSON integer -0 is 0: a sign before zero changes nothing.
@usableFromInline package struct ScaledDecimal: Sendable, Hashable, CustomStringConvertible {
    @usableFromInline package let units: Int64
    @usableFromInline package let scale: Int

    package init(units: Int64, scale: Int) {
        self.units = units
        self.scale = scale
    }

    @usableFromInline package static func parse(_ text: String, maxScale: Int, allowNegative: Bool = false) -> ScaledDecimal? {
        var text = text
        return text.withUTF8 { parse(utf8: $0, maxScale: maxScale, allowNegative: allowNegative) }
    }

    /// The same, on the text's UTF-8 bytes read in place (a request's decimals are parsed
    /// without a String made of them).
    @usableFromInline package static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, maxScale: Int, allowNegative: Bool = false) -> ScaledDecimal? {
        var utf8 = bytes[...]
        var negative = false
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8 = utf8.dropFirst()
        }
        var units: Int64 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        var leadingZero = false
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint, integerDigits > 0 else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if seenPoint {
                fractionDigits += 1
                guard fractionDigits <= maxScale else { return nil }
            } else {
                if integerDigits == 1 && leadingZero { return nil }
                if integerDigits == 0 && byte == UInt8(ascii: "0") { leadingZero = true }
                integerDigits += 1
            }
            let (times10, o1) = units.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            units = next
        }
        guard integerDigits > 0, !(seenPoint && fractionDigits == 0) else { return nil }
        if negative && units != 0 && !allowNegative { return nil }
        return ScaledDecimal(units: negative ? -units : units, scale: fractionDigits)
    }

    /// The same value with exactly `target` decimals, or nil if that loses digits or overflows.
    @usableFromInline package func rescaled(to target: Int) -> Int64? {
        if target >= scale {
            var value = units
            for _ in scale..<target {
                let (next, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                value = next
            }
            return value
        }
        var value = units
        for _ in target..<scale {
            if value % 10 != 0 { return nil }
            value /= 10
        }
        return value
    }

    /// The shortest exact text: "50", "12.5", "-0.25".
    @usableFromInline package var description: String {
        var units = self.units
        var scale = self.scale
        while scale > 0 && units % 10 == 0 { units /= 10; scale -= 1 }
        let magnitude = String(units.magnitude)
        let sign = units < 0 ? "-" : ""
        guard scale > 0 else { return sign + magnitude }
        let padded = String(repeating: "0", count: max(0, scale + 1 - magnitude.count)) + magnitude
        let split = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<split] + "." + padded[split...]
    }
}
