import TaxaBase

/// The days between a tariff's first version and its last day on which no version is in force:
/// requests dated on them fail with `no_tariff_in_force`, which the office rarely means.
///
/// A version is in force from its `valid_from` until the next version (by `valid_from`)
/// begins, or until its `valid_until` if that comes first (see `Tariff.version(on:)`); a later
/// version replaces an earlier one wholly, so an earlier version's longer `valid_until` does
/// not bring it back when the later one ends. The tariff's last day is the latest
/// `valid_until` of its versions, or none when one of them has no `valid_until`. Judged as
/// requests without `as_of` are priced: of two decisions for one `valid_from`, the later.
package enum VersionGaps {
    static func warnings(_ tariff: Tariff) -> [Diagnostic] {
        // The version each `valid_from` stands for: its latest decision (versions are sorted).
        var current: [TariffVersion] = []
        for version in tariff.versions {
            if current.last?.validFrom == version.validFrom { current.removeLast() }
            current.append(version)
        }
        let open = current.contains { $0.validUntil == nil }
        let lastDay = current.compactMap(\.validUntil).max()
        var warnings: [Diagnostic] = []
        for (position, version) in current.enumerated() {
            guard let until = version.validUntil, let first = day(after: until) else { continue }
            let next = position + 1 < current.count ? current[position + 1] : nil
            let last: CivilDate?  // nil: no end
            if let next {
                guard let before = day(before: next.validFrom), first <= before else { continue }
                last = before
            } else {
                guard open || lastDay.map({ first <= $0 }) == true else { continue }
                last = open ? nil : lastDay
            }
            var reason = "version \(version.name) ends \(until)"
            if let next { reason += " and version \(next.name) begins \(next.validFrom)" }
            // An earlier version that would still run then, had the later one not replaced it.
            if let earlier = current[..<position].last(where: { $0.validUntil.map { first <= $0 } ?? true }) {
                let runs = earlier.validUntil.map { "through \($0)" } ?? "without valid_until"
                reason += "; version \(earlier.name) (\(runs)) does not apply again once a later version has begun"
            }
            let days = last.map { "from \(first) to \($0)" } ?? "from \(first) on"
            warnings.append(
                Diagnostic(
                    .warning, file: version.file, path: JSONPath([.key("valid_until")]),
                    message: "\(tariff.id): no version is in force \(days): \(reason); requests dated then fail with no_tariff_in_force"))
        }
        return warnings
    }

    /// The next day, or nil after 9999-12-31.
    private static func day(after date: CivilDate) -> CivilDate? {
        CivilDate(year: date.year, month: date.month, day: date.day + 1) ?? CivilDate(year: date.year, month: date.month + 1, day: 1)
            ?? CivilDate(year: date.year + 1, month: 1, day: 1)
    }

    /// The day before, or nil before 0001-01-01.
    private static func day(before date: CivilDate) -> CivilDate? {
        if date.day > 1 { return CivilDate(year: date.year, month: date.month, day: date.day - 1) }
        if date.month > 1 { return CivilDate(year: date.year, month: date.month - 1, day: CivilDate.daysIn(month: date.month - 1, year: date.year)) }
        return CivilDate(year: date.year - 1, month: 12, day: 31)
    }
}
