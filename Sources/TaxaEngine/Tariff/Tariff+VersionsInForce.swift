import TaxaBase

extension Tariff {
    /// The versions in force on some day of `year`, oldest first, among those decided on or
    /// before `asOf`: a later decision for the same `valid_from` supersedes the earlier one
    /// entirely, and a version superseded before the year began by a later one is left out.
    package func versions(inForceDuring year: Int, asOf: CivilDate?) -> [TariffVersion] {
        let visible = versions.filter { version in asOf.map { version.decided <= $0 } ?? true }
        let current = visible.filter { version in
            !visible.contains { $0.validFrom == version.validFrom && $0.decided > version.decided }
        }
        guard let yearStart = CivilDate(year: year, month: 1, day: 1), let yearEnd = CivilDate(year: year, month: 12, day: 31) else {
            return []
        }
        return current.filter { version in
            version.validFrom <= yearEnd && (version.validUntil.map { $0 >= yearStart } ?? true)
                && !current.contains { $0.validFrom > version.validFrom && $0.validFrom <= yearStart }
        }
    }

    /// The versions `asOf` hides: decided after it.
    package func versions(decidedAfter asOf: CivilDate) -> [TariffVersion] {
        versions.filter { $0.decided > asOf }
    }
}
