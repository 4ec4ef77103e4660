import ArgumentParser
import TaxaBase
import TaxaEngine
import TaxaOffice

/// Every date and year a command line gives, read in one place: each command accepts the same
/// spellings and refuses the rest the same way, as swift-argument-parser refuses any other
/// wrong option value — `Error: The value '…' is invalid for '--as-of <YYYY-MM-DD>': …`, the
/// usage, exit 64 (see docs/commands.md, "Exit status").
enum OptionValue {
    /// Why a value was refused; swift-argument-parser prints it after the value and option.
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// A day as `YYYY-MM-DD` in `Limits.years`.
    static func date(_ text: String) throws -> CivilDate {
        if let date = CivilDate.parse(text), Limits.years.contains(date.year) { return date }
        let range = "from \(Limits.years.lowerBound) to \(Limits.years.upperBound)"
        // The right shape, but no such day (2026-02-30, 2026-13-01) or a year out of range.
        let shaped =
            text.utf8.count == 10
            && text.utf8.enumerated().allSatisfy { index, byte in
                index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
        if shaped, let year = Int(text.prefix(4)) {
            throw Invalid(description: Limits.years.contains(year) ? "not a day of the calendar" : "expected a year \(range)")
        }
        throw Invalid(description: "expected a date as YYYY-MM-DD, such as 2026-10-14")
    }

    /// A year in `Limits.years`, written with four digits.
    static func year(_ text: String) throws -> Int {
        guard text.utf8.count == 4, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let year = Int(text),
            Limits.years.contains(year)
        else {
            throw Invalid(description: "expected a year from \(Limits.years.lowerBound) to \(Limits.years.upperBound), such as 2027")
        }
        return year
    }

    /// `--percent`: a percent series' value, as typed.
    static func percent(_ text: String) throws -> ScaledDecimal { try indexValue(text, unit: .percent) }

    /// `--amount`: an amount series' value in kronor, as typed.
    static func amount(_ text: String) throws -> ScaledDecimal { try indexValue(text, unit: .amount) }

    private static func indexValue(_ text: String, unit: IndexUnit) throws -> ScaledDecimal {
        do { return try IndexValueText.parse(text, unit: unit) } catch { throw Invalid(description: error.message) }
    }
}

/// The day a command judges from: `$TAXA_TODAY`, else the local calendar date. A
/// `TAXA_TODAY` that is not a date is a wrong command line (exit 64), refused before the
/// command runs; add it with `@OptionGroup var clock: Clock`.
struct Clock: ParsableArguments {
    mutating func validate() throws { _ = try today() }

    func today() throws -> CivilDate {
        do { return try Today.resolve() } catch { throw ValidationError(error.message) }
    }
}
