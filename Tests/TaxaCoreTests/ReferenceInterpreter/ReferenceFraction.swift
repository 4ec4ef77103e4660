extension Reference {
    /// An exact fraction over 128-bit integers, always in lowest terms with a positive
    /// denominator. The interpreter's only number: no floating point, no fixed scale. An
    /// operation that would overflow traps (the generator keeps its values far from that).
    struct Fraction: Comparable, Hashable, Sendable, CustomStringConvertible {
        let numerator: Int128
        let denominator: Int128

        init(_ numerator: Int128, _ denominator: Int128 = 1) {
            precondition(denominator != 0, "reference fraction: division by zero")
            let sign: Int128 = denominator < 0 ? -1 : 1
            let divisor = Fraction.gcd(numerator, denominator)
            self.numerator = sign * numerator / divisor
            self.denominator = sign * denominator / divisor
        }

        /// An integer: already in lowest terms.
        private init(whole: Int128) { self.init(normalized: whole, 1) }

        private init(normalized numerator: Int128, _ denominator: Int128) {
            self.numerator = numerator
            self.denominator = denominator
        }

        init(_ value: Int) { self.init(whole: Int128(truncatingIfNeeded: value)) }

        static let zero = Fraction(whole: 0)
        static let one = Fraction(whole: 1)

        /// A decimal string as written: `-12`, `0.5392`, `150.50`.
        init?(decimal text: String) {
            var units: Int128 = 0
            var scale: Int128 = 1
            var negative = false
            var digits = 0
            var decimals = -1
            var first = true
            for byte in text.utf8 {
                defer { first = false }
                switch byte {
                case UInt8(ascii: "-") where first: negative = true
                case UInt8(ascii: ".") where decimals < 0 && digits > 0: decimals = 0
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    units = units * 10 + Int128(truncatingIfNeeded: byte - UInt8(ascii: "0"))
                    digits += 1
                    if decimals >= 0 {
                        decimals += 1
                        scale *= 10
                    }
                default: return nil
                }
            }
            guard digits > 0, decimals != 0 else { return nil }
            self.init(negative ? -units : units, scale)
        }

        /// The greatest common divisor of the magnitudes (1 for two zeros).
        private static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
            var (a, b) = (a < 0 ? -a : a, b < 0 ? -b : b)
            while b != 0 { (a, b) = (b, a % b) }
            return a == 0 ? 1 : a
        }

        static func + (a: Fraction, b: Fraction) -> Fraction {
            if a.denominator == 1 && b.denominator == 1 { return Fraction(whole: a.numerator + b.numerator) }
            if a.denominator == b.denominator { return Fraction(a.numerator + b.numerator, a.denominator) }
            return Fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
        }

        static prefix func - (a: Fraction) -> Fraction { Fraction(normalized: -a.numerator, a.denominator) }
        static func - (a: Fraction, b: Fraction) -> Fraction { a + -b }

        static func * (a: Fraction, b: Fraction) -> Fraction {
            if a.denominator == 1 && b.denominator == 1 { return Fraction(whole: a.numerator * b.numerator) }
            // Cross-reduce first so that the products stay small.
            let g1 = gcd(a.numerator, b.denominator)
            let g2 = gcd(b.numerator, a.denominator)
            return Fraction((a.numerator / g1) * (b.numerator / g2), (a.denominator / g2) * (b.denominator / g1))
        }

        static func / (a: Fraction, b: Fraction) -> Fraction { a * Fraction(b.denominator, b.numerator) }

        static func < (a: Fraction, b: Fraction) -> Bool {
            a.denominator == b.denominator ? a.numerator < b.numerator : a.numerator * b.denominator < b.numerator * a.denominator
        }

        /// The largest integer at or below the value.
        var floor: Int128 {
            let q = numerator / denominator
            return (numerator % denominator != 0 && numerator < 0) ? q - 1 : q
        }

        /// The smallest integer at or above the value.
        var ceiling: Int128 { -(-self).floor }

        var isInteger: Bool { denominator == 1 }

        /// Money as the contract writes it: `-1234.50`; a value that is not whole öre as the
        /// exact fraction in kronor (`7/3 (not whole öre)`), which no answer can equal.
        var money: String {
            guard (self * Fraction(100)).isInteger else { return "\(self) (not whole öre)" }
            let ore = (self * Fraction(100)).numerator
            let magnitude = ore.magnitude
            let cents = magnitude % 100
            return (ore < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
        }

        var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }
    }
}
