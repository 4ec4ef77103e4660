import TaxaBase
import TaxaEngine

/// Regular expressions (ECMA-262 and Python alike: classes, groups, `|`, `?`, `{n}`, no
/// look-around) for the text values taxa reads, so that a request schema accepts exactly the
/// strings taxa accepts: dates that exist in the calendar, and decimal strings in taxa's narrow
/// grammar (`ScaledDecimal.parse`: an optional `-`, digits without superfluous leading zeros,
/// optionally `.` and 1 to `scale` digits) whose value lies in a range.
package enum SchemaPatterns {
    /// `YYYY-MM-DD` from 0001-01-01 to 9999-12-31 that exists in the proleptic Gregorian
    /// calendar: 29 February only in years divisible by 4 but not by 100, or by 400.
    static let date: String = {
        let year = "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
        let days31 = "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
        let days30 = "(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
        let february = "02-(?:0[1-9]|1[0-9]|2[0-8])"
        let leap = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
        return "^(?:\(year)-(?:\(days31)|\(days30)|\(february))|\(leap)-02-29)$"
    }()

    /// `YYYY-MM`, months 01–12 of years 0001–9999 (a per-capita request's month).
    static let month = "^(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-(?:0[1-9]|1[0-2])$"

    /// Decimal strings with at most `scale` decimals whose value × 10^scale lies in
    /// `low...high`; `negative` allows a leading `-` (`-0` is zero). Nil when no string does.
    static func decimal(_ low: Int128, _ high: Int128, scale: Int, negative: Bool = true) -> String? {
        guard low <= high else { return nil }
        var alternatives: [String] = []
        if high >= 0, let plain = magnitude(max(low, 0), high, scale: scale) { alternatives.append(plain) }
        if negative, low <= 0, let minus = magnitude(max(-high, 0), -low, scale: scale) { alternatives.append("-(?:\(minus))") }
        // taxa reads "-0" (and "-0.0", "-0.00" up to the scale) as zero wherever zero is allowed,
        // negatives or not (docs/contract.md, "Limits"); with negatives the alternative above has it.
        if !negative, low <= 0, 0 <= high { alternatives.append(scale > 0 ? "-0(?:\\.0{1,\(scale)})?" : "-0") }
        guard !alternatives.isEmpty else { return nil }
        return "^(?:" + alternatives.joined(separator: "|") + ")$"
    }

    /// Unsigned decimal strings whose value × 10^scale lies in `low...high` (0 ≤ low ≤ high).
    static func magnitude(_ low: Int128, _ high: Int128, scale: Int) -> String? {
        guard 0 <= low, low <= high else { return nil }
        let unit = powerOfTen(scale)
        let (lowWhole, lowPart) = low.quotientAndRemainder(dividingBy: unit)
        let (highWhole, highPart) = high.quotientAndRemainder(dividingBy: unit)
        guard scale > 0 else { return integer(lowWhole, highWhole) }
        var alternatives: [String] = []
        func add(_ whole: (Int128, Int128), _ part: (Int128, Int128)) {
            guard let digits = integer(whole.0, whole.1) else { return }
            alternatives.append(group(digits) + fraction(part.0, part.1, scale: scale))
        }
        if lowWhole == highWhole {
            add((lowWhole, lowWhole), (lowPart, highPart))
        } else {
            add((lowWhole, lowWhole), (lowPart, unit - 1))
            if lowWhole + 1 <= highWhole - 1 { add((lowWhole + 1, highWhole - 1), (0, unit - 1)) }
            add((highWhole, highWhole), (0, highPart))
        }
        return alternatives.joined(separator: "|")
    }

    /// Integers from `low` to `high` (≥ 0) written without leading zeros.
    static func integer(_ low: Int128, _ high: Int128) -> String? {
        guard 0 <= low, low <= high else { return nil }
        var alternatives: [String] = []
        let lowLength = String(low).count
        let highLength = String(high).count
        for length in lowLength...highLength {
            let from = max(low, length == 1 ? 0 : powerOfTen(length - 1))
            let to = min(high, powerOfTen(length) - 1)
            guard from <= to else { continue }
            for classes in fixedWidth(digits(from, length), digits(to, length)) { alternatives.append(render(classes)) }
        }
        return alternatives.isEmpty ? nil : alternatives.joined(separator: "|")
    }

    /// The optional fraction of a number whose `scale` digits after the point, read as an
    /// integer, lie in `low...high`: `.` and 1 to `scale` digits (trailing zeros may be left out),
    /// or nothing when the fraction may be zero.
    static func fraction(_ low: Int128, _ high: Int128, scale: Int) -> String {
        var alternatives: [String] = []
        for classes in fixedWidth(digits(low, scale), digits(high, scale)) {
            // Written with k digits, the rest must be zeros: allowed where each left-out class holds 0.
            for written in 1...scale where classes[written...].allSatisfy({ $0.0 == 0 }) {
                alternatives.append("\\." + render(Array(classes[..<written])))
            }
        }
        let optional = low == 0
        if alternatives.isEmpty { return "" }
        return "(?:" + alternatives.joined(separator: "|") + ")" + (optional ? "?" : "")
    }

    /// Digit classes `(from, to)` covering exactly the fixed-width numbers from `low` to `high`.
    static func fixedWidth(_ low: [Int], _ high: [Int]) -> [[(Int, Int)]] {
        guard let first = low.first, let last = high.first else { return [[]] }
        let lowRest = Array(low.dropFirst())
        let highRest = Array(high.dropFirst())
        if first == last { return fixedWidth(lowRest, highRest).map { [(first, first)] + $0 } }
        var result: [[(Int, Int)]] = []
        var start = first
        var end = last
        if !lowRest.allSatisfy({ $0 == 0 }) {
            result += fixedWidth(lowRest, Array(repeating: 9, count: lowRest.count)).map { [(first, first)] + $0 }
            start = first + 1
        }
        let highPart = highRest.allSatisfy({ $0 == 9 }) ? [] : fixedWidth(Array(repeating: 0, count: highRest.count), highRest).map { [(last, last)] + $0 }
        if !highPart.isEmpty { end = last - 1 }
        if start <= end { result.append([(start, end)] + Array(repeating: (0, 9), count: lowRest.count)) }
        return result + highPart
    }

    static func digits(_ value: Int128, _ width: Int) -> [Int] {
        let text = String(value)
        return Array(repeating: 0, count: max(0, width - text.count)) + text.map { Int(String($0))! }
    }

    static func render(_ classes: [(Int, Int)]) -> String {
        var out = ""
        var index = 0
        while index < classes.count {
            let (from, to) = classes[index]
            if from == 0 && to == 9 {
                var run = 1
                while index + run < classes.count && classes[index + run] == (0, 9) { run += 1 }
                out += run == 1 ? "[0-9]" : "[0-9]{\(run)}"
                index += run
                continue
            }
            out += from == to ? String(from) : "[\(from)-\(to)]"
            index += 1
        }
        return out
    }

    private static func group(_ alternatives: String) -> String {
        alternatives.contains("|") ? "(?:\(alternatives))" : alternatives
    }

    /// `value` × 10^scale for a decimal of at most `scale` digits, rounded down (`up`: up) when it has more.
    static func scaled(_ value: ScaledDecimal, to scale: Int, up: Bool = false) -> Int128 {
        let units = Int128(value.units)
        if value.scale <= scale { return units * powerOfTen(scale - value.scale) }
        let (quotient, remainder) = units.quotientAndRemainder(dividingBy: powerOfTen(value.scale - scale))
        if remainder == 0 { return quotient }
        // Towards −∞ (down) or +∞ (up).
        if up { return remainder > 0 ? quotient + 1 : quotient }
        return remainder < 0 ? quotient - 1 : quotient
    }
}
