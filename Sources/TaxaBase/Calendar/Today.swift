#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The day `taxa check` foresees from. `TAXA_TODAY=YYYY-MM-DD` fixes it (tests, or the office
/// asking "what will check say on 2027-01-01?"); otherwise it is the local calendar date.
package enum Today {
    package struct Invalid: Error, Sendable { package var message: String }

    package static func resolve() throws(Invalid) -> CivilDate {
        if let value = getenv("TAXA_TODAY"), value.pointee != 0 {
            let text = String(cString: value)
            guard let date = CivilDate.parse(text), Limits.years.contains(date.year) else {
                throw Invalid(
                    message:
                        "TAXA_TODAY must be a date as YYYY-MM-DD from \(Limits.years.lowerBound) to \(Limits.years.upperBound), got \"\(text)\"")
            }
            return date
        }
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CivilDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}

extension CivilDate {
    /// The same day `years` later; 29 February becomes 28 February in a common year. Nil past
    /// the calendar's last year (9999), never a crash.
    package func adding(years: Int) -> CivilDate? {
        CivilDate(year: year + years, month: month, day: day)
            ?? CivilDate(year: year + years, month: month, day: day - 1)
    }
}
