import TaxaBase
import TaxaEngine

/// An index value as the clerk types it after `--percent` or `--amount`: the exact decimal, or
/// what was expected — naming the usual slips of copying a figure from a Swedish publication
/// (a decimal comma, a space between thousands, the unit typed after the number), with the
/// value written as taxa reads it, so the fix is to copy it.
package enum IndexValueText {
    package struct Invalid: Error, Sendable, Equatable { package var message: String }

    /// The value `text` states in `unit`, kept as written (`3.0` stays `3.0`).
    package static func parse(_ text: String, unit: IndexUnit) throws(Invalid) -> ScaledDecimal {
        if let value = exact(text, unit: unit) { return value }
        let expectation =
            unit == .percent
            ? "expected a percentage such as 2.9 (at most 4 decimals, between -50 and 50)"
            : "expected an amount in kronor such as 57300 (at most 2 decimals, greater than 0 and at most 100000000)"
        guard let (fixed, slips) = respelled(text, unit: unit), exact(fixed, unit: unit) != nil else {
            throw Invalid(message: expectation)
        }
        throw Invalid(message: "write \(fixed): taxa reads \(slips.joined(separator: "; "))")
    }

    private static func exact(_ text: String, unit: IndexUnit) -> ScaledDecimal? {
        guard let value = ScaledDecimal.parse(text, maxScale: unit.maxScale, allowNegative: unit == .percent),
            unit.rangeProblem(value) == nil
        else { return nil }
        return value
    }

    /// `text` without the slips it has, and what taxa reads instead of each; nil when it has
    /// none of them.
    private static func respelled(_ text: String, unit: IndexUnit) -> (String, [String])? {
        var slips: [String] = []
        var scalars = Array(text.unicodeScalars)
        // A unit after the number: "2.9 %", "57300 kr", "57 300 kronor".
        for suffix in unit == .percent ? ["%", "procent"] : ["kronor", "kr", ":-"] {
            let tail = Array(suffix.unicodeScalars)
            if scalars.count > tail.count, scalars.suffix(tail.count).map({ $0.properties.lowercaseMapping }) == tail.map(String.init) {
                scalars.removeLast(tail.count)
                slips.append("the number without \"\(suffix)\"")
                break
            }
        }
        // Spaces between thousands (a space, a no-break or thin space), or around the number.
        let spaces: Set<Unicode.Scalar> = [" ", "\u{A0}", "\u{202F}", "\u{2009}", "\t"]
        if scalars.contains(where: spaces.contains) {
            scalars.removeAll(where: spaces.contains)
            slips.append("no spaces in a number")
        }
        // One decimal comma (a Swedish "2,9"); a plus sign; Unicode's minus sign for a hyphen.
        if scalars.filter({ $0 == "," }).count == 1, !scalars.contains(".") {
            scalars = scalars.map { $0 == "," ? "." : $0 }
            slips.append("a decimal point, not a decimal comma")
        }
        if scalars.first == "+" {
            scalars.removeFirst()
            slips.append("a rise without a plus sign")
        }
        if scalars.first == "\u{2212}" {
            scalars[0] = "-"
            slips.append("a hyphen (-) as the minus sign")
        }
        guard !slips.isEmpty else { return nil }
        var fixed = ""
        fixed.unicodeScalars.append(contentsOf: scalars)
        return (fixed, slips)
    }
}
