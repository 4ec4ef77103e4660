import Foundation

/// Redoes the arithmetic a Swedish text states, from the numbers written in it: "3 lägenheter
/// à 1 133,00 kr = 3 399,00 kr, 30 % = 1 019,70 kr" is checked as 3 × 1 133 = 3 399 and
/// 3 399 × 30/100 = 1 019,70. Independent of taxa's own arithmetic and formatter: it reads the
/// text as a citizen would.
///
/// Each form of claim taxa writes is a pattern below. Every `=` and `→` in a text must belong
/// to a claim that holds; an `=` no pattern reads (a form this checker does not know, or a
/// number that is not in the Swedish form, such as "10 02,246 kr") is a failure too, so a new
/// kind of text cannot slip past unchecked.
enum TextArithmetic {
    /// An exact rational, in 128 bits; an operation that overflows is reported, not trapped.
    struct Q: Equatable, Comparable, CustomStringConvertible {
        let n: Int128
        let d: Int128

        init(_ n: Int128, _ d: Int128 = 1) {
            precondition(d != 0)
            var (n, d) = d < 0 ? (-n, -d) : (n, d)
            var (a, b) = (n.magnitude, d.magnitude)
            while b != 0 { (a, b) = (b, a % b) }
            if a > 1 { n /= Int128(a); d /= Int128(a) }
            self.n = n
            self.d = d
        }

        static func + (x: Q, y: Q) -> Q { Q(mul(x.n, y.d) + mul(y.n, x.d), mul(x.d, y.d)) }
        static func - (x: Q, y: Q) -> Q { x + Q(-y.n, y.d) }
        static func * (x: Q, y: Q) -> Q { Q(mul(x.n, y.n), mul(x.d, y.d)) }
        static func / (x: Q, y: Q) -> Q { Q(mul(x.n, y.d), mul(x.d, y.n)) }
        static func < (x: Q, y: Q) -> Bool { mul(x.n, y.d) < mul(y.n, x.d) }

        static func mul(_ a: Int128, _ b: Int128) -> Int128 {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            precondition(!overflow, "arithmetic beyond 128 bits in a text check")
            return product
        }

        /// The greatest integer at most this.
        var floor: Int128 {
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            return r < 0 ? q - 1 : q
        }

        /// Rounded to a multiple of `step` by a Swedish rounding mode as taxa's texts name it.
        func rounded(_ step: Q, _ mode: String) -> Q? {
            let units = self / step
            let down = Q(units.floor)
            let fraction = units - down
            let up = fraction == Q(0) ? down : down + Q(1)
            let half = Q(1, 2)
            let chosen: Q
            switch mode {
            case "uppåt": chosen = up
            case "nedåt": chosen = down
            case "hälften uppåt": chosen = fraction < half ? down : up
            case "hälften bort från noll":
                if fraction == half { chosen = units < Q(0) ? down : up } else { chosen = fraction < half ? down : up }
            default: return nil
            }
            return chosen * step
        }

        var description: String { d == 1 ? "\(n)" : "\(n)/\(d)" }
    }

    struct Failure: CustomStringConvertible {
        var text: String
        var reason: String
        var description: String { "\(reason) — in: \(text)" }
    }

    /// A Swedish number: groups of three apart by a space, a decimal comma, "−" for minus.
    static let number = #"(?<![\d−])(?<!\d,)(?<!\d )(?<!\d/)−?\#(denominator)"#
    /// A number after a "/": no sign.
    static let denominator = #"(?:0|[1-9]\d{0,2})(?: \d{3})*(?:,\d+)?(?!\d)(?!,\d)"#
    /// (Not a piece of a number: never after a digit, a sign, a "/" or a digit and a comma or space.)
    /// An amount: a number (or an exact quotient "8 407/60") and "kr".
    static let kronor = #"(?:\#(number))(?:/\#(denominator))? kr"#
    /// A rounding as taxa names it: "avrundat till hela öre, hälften uppåt".
    static let rounding =
        #"avrundat till (?<step>hela öre|hela kronor|närmaste (?:\#(number)) kr), (?<mode>hälften uppåt|hälften bort från noll|uppåt|nedåt)"#

    /// The value of a Swedish number or amount as written ("1 002,25 kr", "−0,5", "8 407/60 kr").
    static func value(_ text: Substring) -> Q? {
        var text = String(text)
        if text.hasSuffix(" kr") { text.removeLast(3) }
        let parts = text.split(separator: "/", maxSplits: 1)
        guard let first = parts.first, var result = plain(first) else { return nil }
        if parts.count == 2 {
            guard let divisor = plain(parts[1]), divisor != Q(0) else { return nil }
            result = result / divisor
        }
        return result
    }

    private static func plain(_ text: Substring) -> Q? {
        var digits = text.replacingOccurrences(of: " ", with: "")
        var negative = false
        if digits.hasPrefix("−") { negative = true; digits.removeFirst() }
        let parts = digits.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int128(parts[0]) else { return nil }
        var n = whole
        var d: Int128 = 1
        if parts.count == 2 {
            guard let fraction = Int128(parts[1]), !parts[1].isEmpty else { return nil }
            for _ in parts[1] { d *= 10 }
            n = whole * d + fraction
        }
        return Q(negative ? -n : n, d)
    }

    static func step(_ text: String) -> Q? {
        switch text {
        case "hela öre": return Q(1, 100)
        case "hela kronor": return Q(1)
        default: return value(text.dropFirst("närmaste ".count))
        }
    }

    /// One form of claim: a pattern whose named groups the check reads; `eq` marks the `=` it
    /// vouches for.
    /// (An `NSRegularExpression` may be used from several threads at once.)
    struct Claim: @unchecked Sendable {
        var name: String
        var pattern: NSRegularExpression
        /// Nil when the claim holds, else why not.
        var check: @Sendable (_ group: (String) -> Substring?) -> String?
    }

    static func claim(_ name: String, _ pattern: String, _ check: @escaping @Sendable (_ group: (String) -> Substring?) -> String?) -> Claim {
        // Wrapped in a lookahead, so that claims sharing text (a result that the next step
        // starts from) are all found.
        Claim(name: name, pattern: try! NSRegularExpression(pattern: "(?=" + pattern + ")"), check: check)
    }

    /// `stated == computed`, or the message saying they differ.
    static func same(_ stated: Q?, _ computed: Q?, _ what: String) -> String? {
        guard let stated, let computed else { return "\(what): a number cannot be read" }
        return stated == computed ? nil : "\(what): the text says \(stated), the numbers give \(computed)"
    }

    static func rounded(_ value: Q?, _ group: (String) -> Substring?) -> Q? {
        guard let value, let step = group("step").flatMap({ step(String($0)) }), let mode = group("mode") else { return nil }
        return value.rounded(step, String(mode))
    }

    static let N = "(?:\(number))"
    static let D = "(?:\(denominator))"
    static let K = "(?:\(kronor))"
    /// A word of a unit or a name: no spaces, no separators.
    static let W = #"[^\s,;:=()]+"#

    static let claims: [Claim] = [
        // "3 lägenheter à 1 133,00 kr = 3 399,00 kr", "180 min à 1 300,00 kr per 60 min = …";
        // and followed straight by a rounding: "7 min à 1 201,00 kr per 60 min, avrundat … = 140,12 kr".
        claim("à", #"(?<q>\#(N)) \#(W) à (?<p>\#(K))(?: per (?<per>\#(N)) \#(W))?(?: (?<eq>=) (?<r>\#(K))|, \#(rounding) (?<eq2>=) (?<rr>\#(K)))"#) { g in
            guard let q = value(g("q")!), let p = value(g("p")!) else { return "à: a number cannot be read" }
            let product = q * p / (g("per").flatMap(value) ?? Q(1))
            if let r = g("r") { return same(value(r), product, "à") }
            return same(value(g("rr")!), rounded(product, g), "à, avrundat")
        },
        // "1,25 % av 1 000 000,00 kr = 12 500,00 kr", "0,5 % av PBB 57 300,00 kr = …", with the
        // base's limit in brackets, or a rounding straight after.
        claim(
            "% av",
            #"(?<p>\#(N)) % av (?:[A-ZÅÄÖ]+ )?(?<b>\#(K))(?: \((?:underlaget|[a-z0-9_]+) (?<from>\#(K)) räknas som högst (?<limit>\#(K))\))?(?: (?<eq>=) (?<r>\#(K))|, \#(rounding) (?<eq2>=) (?<rr>\#(K)))"#
        ) { g in
            guard let p = value(g("p")!), let b = value(g("b")!) else { return "% av: a number cannot be read" }
            if let from = g("from").flatMap(value), let limit = g("limit").flatMap(value) {
                if !(limit < from) { return "% av: the base \(from) is not above its limit \(limit)" }
                if limit != b { return "% av: the limit \(limit) is not the base \(b)" }
            }
            let product = p * b / Q(100)
            if let r = g("r") { return same(value(r), product, "% av") }
            return same(value(g("rr")!), rounded(product, g), "% av, avrundat")
        },
        // A share of the amount before it: "= 3 399,00 kr, 30 % = 1 019,70 kr" (or ", 30 %, avrundat … = …").
        claim("andel %", #"(?:= |: )(?<a>\#(K)), (?<f>\#(N)) %(?: (?<eq>=) (?<r>\#(K))|, \#(rounding) (?<eq2>=) (?<rr>\#(K)))"#) { g in
            guard let a = value(g("a")!), let f = value(g("f")!) else { return "andel: a number cannot be read" }
            if let r = g("r") { return same(value(r), a * f / Q(100), "andel") }
            return same(value(g("rr")!), rounded(a * f / Q(100), g), "andel, avrundat")
        },
        // "Andel 0,3 av 3 399,00 kr = 1 019,70 kr."
        claim("Andel av", #"Andel (?<f>\#(N)) av (?<a>\#(K)) (?<eq>=) (?<r>\#(K))"#) { g in
            same(value(g("r")!), value(g("a")!).flatMap { a in value(g("f")!).map { a * $0 } }, "Andel")
        },
        // A rounding of the amount just before it: "35,005 kr, avrundat till hela öre, hälften uppåt = 35,01 kr".
        claim("avrundat", #"(?<a>\#(K)),? \#(rounding) (?<eq>=) (?<r>\#(K))"#) { g in
            same(value(g("r")!), rounded(value(g("a")!), g), "avrundat")
        },
        // A floor or ceiling that applied: "= 3 900,00 kr, högst 1 000,00 kr".
        claim("högst/lägst", #"(?:= |: )(?<a>\#(K)), (?<w>högst|lägst) (?<b>\#(K))(?=$|,|\.|;)"#) { g in
            guard let a = value(g("a")!), let b = value(g("b")!) else { return "bound: a number cannot be read" }
            let applies = g("w") == "högst" ? b < a : a < b
            return applies ? nil : "\(g("w")!) \(b) does not change \(a)"
        },
        // "Lägst 3 500,00 kr: 1 250,00 kr höjs till 3 500,00 kr.", "Högst 35 000,00 kr: 900,00 kr är inte högre."
        claim("Lägst/Högst", #"(?<w>Lägst|Högst) (?<b>\#(K)): (?<a>\#(K)) (?:(?<moved>höjs|sänks) till (?<to>\#(K))|är inte (?:lägre|högre))"#) { g in
            guard let a = value(g("a")!), let b = value(g("b")!) else { return "bound: a number cannot be read" }
            let crosses = g("w") == "Högst" ? b < a : a < b
            if let to = g("to") {
                if value(to) != b { return "bound: moved to \(to), not to the bound \(b)" }
                if (g("moved") == "sänks") != (g("w") == "Högst") { return "bound: the wrong direction" }
                return crosses ? nil : "\(g("w")!) \(b) does not move \(a)"
            }
            return crosses ? "\(g("w")!) \(b) does move \(a)" : nil
        },
        // A cap line: "avgifter 2 708,00 kr, högst 2 575,00 kr: 2 575,00 kr − 2 708,00 kr = −133,00 kr".
        claim("a − b", #"(?<a>\#(K)) (?<op>[−+]) (?<b>\#(K)) (?<eq>=) (?<r>\#(K))"#) { g in
            guard let a = value(g("a")!), let b = value(g("b")!) else { return "a − b: a number cannot be read" }
            return same(value(g("r")!), g("op") == "−" ? a - b : a + b, "a \(g("op")!) b")
        },
        claim("avgifter, högst", #"avgifter (?<a>\#(K)), högst (?<b>\#(K)): (?<b2>\#(K)) − (?<a2>\#(K))"#) { g in
            g("a").flatMap(value) == g("a2").flatMap(value) && g("b").flatMap(value) == g("b2").flatMap(value)
                ? nil : "cap: the difference is not of the amounts named"
        },
        // "uppgår till 2 708,00 kr; taket är 2 575,00 kr, så −133,00 kr avräknas."
        claim("taket", #"uppgår till (?<a>\#(K)); taket är (?<b>\#(K)), så (?<r>\#(K)) avräknas"#) { g in
            same(value(g("r")!), value(g("b")!).flatMap { b in value(g("a")!).map { b - $0 } }, "taket")
        },
        // Hourly: "debiteras 75 min (5 påbörjade kvartar) à 1 201,00 kr/tim = 1 501,25 kr".
        claim(
            "kr/tim",
            #"handläggningstid (?<m>\#(N)) min, debiteras (?<b>\#(N)) min \((?<n>\#(N)) påbörjad(?:e)? (?:kvart(?:ar)?|perioder? om (?<inc>\#(N)) min)\) à (?<rate>\#(K))/tim (?<eq>=) (?<r>\#(K))"#
        ) { g in
            guard let m = value(g("m")!), let b = value(g("b")!), let n = value(g("n")!), let rate = value(g("rate")!) else {
                return "kr/tim: a number cannot be read"
            }
            let increment = g("inc").flatMap(value) ?? Q(15)
            if n * increment != b { return "kr/tim: \(n) periods of \(increment) min are not \(b) min" }
            if (m / increment).rounded(Q(1), "uppåt") != n { return "kr/tim: \(m) min do not start \(n) periods of \(increment) min" }
            return same(value(g("r")!), b / Q(60) * rate, "kr/tim")
        },
        // "Belopp: 75/60 tim × 1 201,00 kr = 1 501,25 kr."
        claim("tim ×", #"(?<b>\#(N))/60 tim × (?<rate>\#(K)) (?<eq>=) (?<r>\#(K))"#) { g in
            same(value(g("r")!), value(g("b")!).flatMap { b in value(g("rate")!).map { b / Q(60) * $0 } }, "tim ×")
        },
        // "⌈67/15⌉ = 5, alltså 75 min."
        claim("⌈⌉", #"⌈(?<a>\#(N))/(?<i>\#(D))⌉ (?<eq>=) (?<n>\#(N)), alltså (?<b>\#(N)) min"#) { g in
            guard let a = value(g("a")!), let i = value(g("i")!), let n = value(g("n")!) else { return "⌈⌉: a number cannot be read" }
            if (a / i).rounded(Q(1), "uppåt") != n { return "⌈\(a)/\(i)⌉ is not \(n)" }
            return same(value(g("b")!), n * i, "alltså")
        },
        // "Summa: 67 min − 10 = 57 min"
        claim("− less", #"(?<a>\#(N)) \#(W) − (?<l>\#(N)) (?<eq>=) (?<r>\#(N)) "#) { g in
            same(value(g("r")!), value(g("a")!).flatMap { a in value(g("l")!).map { a - $0 } }, "− less")
        },
        // "debiteras (uppåt): 67/15 → 5, alltså 75 min"
        claim("→", #"debiteras \((?<mode>[^)]+)\): (?<a>\#(N))/(?<i>\#(D)) (?<eq>→) (?<n>\#(N)), alltså (?<b>\#(N)) "#) { g in
            guard let a = value(g("a")!), let i = value(g("i")!), let n = value(g("n")!) else { return "→: a number cannot be read" }
            if (a / i).rounded(Q(1), String(g("mode")!)) != n { return "\(a)/\(i) rounded \(g("mode")!) is not \(n)" }
            return same(value(g("b")!), n * i, "alltså")
        },
        // "60 min × 2 160,00 kr / 60 = 2 160,00 kr.", "1 lägenheter × 1 133,00 kr = 1 133,00 kr."
        claim("×", #"(?<q>\#(N)) \#(W) × (?<p>\#(K))(?: / (?<per>\#(N)))? (?<eq>=) (?<r>\#(K))"#) { g in
            guard let q = value(g("q")!), let p = value(g("p")!) else { return "×: a number cannot be read" }
            return same(value(g("r")!), q * p / (g("per").flatMap(value) ?? Q(1)), "×")
        },
        // PO and reductions: "100 000,00 kr × 47,18 / 100 = …", "1 501,25 kr × 50/100 = …".
        claim("× p/100", #"(?<a>\#(K)) × (?<p>\#(N)) ?/ ?100 (?<eq>=) (?<r>\#(K))"#) { g in
            same(value(g("r")!), value(g("a")!).flatMap { a in value(g("p")!).map { a * $0 / Q(100) } }, "× p/100")
        },
        // Indexation: "974,00 kr × (1 + 2,9/100) = 1 002,246 kr".
        claim("× (1 + p/100)", #"(?<a>\#(K)) × \(1 \+ (?<p>\#(N))/100\) (?<eq>=) (?<r>\#(K))"#) { g in
            same(value(g("r")!), value(g("a")!).flatMap { a in value(g("p")!).map { a * (Q(1) + $0 / Q(100)) } }, "indexation")
        },
        // A share of an index: "0,5392 × PBB 57 300,00 kr ÷ 12 = 2 574,68 kr".
        claim("× index ÷", #"(?<f>\#(N)) × [A-ZÅÄÖ]+ (?<a>\#(K))(?: ÷ (?<d>\#(N)))? (?<eq>=) (?<r>\#(K))"#) { g in
            guard let f = value(g("f")!), let a = value(g("a")!) else { return "× index: a number cannot be read" }
            return same(value(g("r")!), f * a / (g("d").flatMap(value) ?? Q(1)), "× index")
        },
        // Per capita: "(468 − 310) × 142 549,00 kr = 22 522 742,00 kr".
        claim("(a − b) ×", #"\((?<a>\#(N)) − (?<b>\#(N))\) × (?<y>\#(K)) (?<eq>=) (?<r>\#(K))"#) { g in
            guard let a = value(g("a")!), let b = value(g("b")!), let y = value(g("y")!) else { return "(a − b) ×: a number cannot be read" }
            return same(value(g("r")!), (a - b) * y, "(a − b) ×")
        },
        // "= 22 522 742,00 kr; ÷ 12, avrundat … = 1 876 895,00 kr", "11 202 934,00 kr ÷ 12 = …".
        claim("÷", #"(?<![A-ZÅÄÖ] )(?<a>\#(K));? ÷ (?<d>\#(N))(?: (?<eq>=) (?<r>\#(K))|, \#(rounding) (?<eq2>=) (?<rr>\#(K)))"#) { g in
            guard let a = value(g("a")!), let d = value(g("d")!) else { return "÷: a number cannot be read" }
            if let r = g("r") { return same(value(r), a / d, "÷") }
            return same(value(g("rr")!), rounded(a / d, g), "÷, avrundat")
        },
        // Bands: "omsattning 300 000: band 3, över 250 000 och till och med 500 000."
        claim("band", #"(?<v>\#(N))(?: \(debiterad mängd\))?: band (?<n>\#(N)), (?:över (?<low>\#(N)) och )?till och med (?<top>\#(N))"#) { g in
            guard let v = value(g("v")!), let top = value(g("top")!) else { return "band: a number cannot be read" }
            if top < v { return "band: \(v) is above the band's top \(top)" }
            if let low = g("low").flatMap(value), !(low < v) { return "band: \(v) is not above \(low)" }
            return nil
        },
        // Not arithmetic: a lookup's value ("barn = 2.", "tjanster = vatten.") and a quantity's
        // fixed price ("Kopior: 25 sidor = 70,00 kr"). Their `=` claims no computation.
        claim("label", #"(?:^|\. )[a-z0-9_]+(?: \(debiterad mängd\))? (?<eq>=) [^=]*?(?:: övriga fall)?\.$"#) { _ in nil },
        claim("label", #": (?<q>\#(N)) (?!kr\b)\#(W) (?<eq>=) (?<r>\#(K))(?:$|,)"#) { _ in nil },
    ]

    /// Every failure of `text`: a claim that does not hold, an `=` or `→` no claim reads, or an
    /// amount or percentage whose number is not in the Swedish form.
    static func check(_ text: String) -> [Failure] {
        let ns = text as NSString
        var failures: [Failure] = []
        var vouched = Set<Int>()
        for claim in claims {
            for match in claim.pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                func group(_ name: String) -> Substring? {
                    let range = match.range(withName: name)
                    guard range.location != NSNotFound else { return nil }
                    return Substring(ns.substring(with: range))
                }
                if let reason = claim.check(group) { failures.append(Failure(text: text, reason: "\(claim.name): \(reason)")) }
                for name in ["eq", "eq2"] where match.range(withName: name).location != NSNotFound {
                    vouched.insert(match.range(withName: name).location)
                }
            }
        }
        for (offset, unit) in Array(text.utf16).enumerated() where unit == 0x3D || unit == 0x2192 {  // "=", "→"
            if !vouched.contains(offset) {
                let context = ns.substring(with: NSRange(location: max(0, offset - 40), length: min(ns.length, offset + 40) - max(0, offset - 40)))
                failures.append(Failure(text: text, reason: "an unchecked claim at \"…\(context)…\""))
            }
        }
        // Every number before "kr" or "%" is a whole Swedish number, not a piece of one.
        let loose = try! NSRegularExpression(pattern: #"[−\d][\d ,.−]*(?= kr\b| %)"#)
        for match in loose.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            var candidate = ns.substring(with: match.range)
            // A count or year before the number is not part of it ("Timavgift 2024: 1 201,00").
            while !candidate.isEmpty,
                candidate.range(of: "^\(number)$", options: .regularExpression) == nil,
                let space = candidate.firstIndex(of: " ")
            {
                candidate = String(candidate[candidate.index(after: space)...])
            }
            if candidate.range(of: "^\(number)$", options: .regularExpression) == nil {
                failures.append(Failure(text: text, reason: "not a Swedish number: \"\(ns.substring(with: match.range))\""))
            }
        }
        return failures
    }

    /// How many claims of each form `texts` hold, to show that the check reads them.
    static func census(_ texts: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for text in texts {
            for claim in claims {
                counts[claim.name, default: 0] += claim.pattern.numberOfMatches(in: text, range: NSRange(location: 0, length: (text as NSString).length))
            }
        }
        return counts
    }
}
