import TaxaBase

extension Tariff {
    /// Why `version(on:asOf:)` found no version for `date`, for a `no_tariff_in_force` message:
    /// the nearest version ended before it, was decided after `as_of`, or begins later.
    package func noVersionMessage(on date: CivilDate, asOf: CivilDate?) -> String {
        let visible = asOf.map { " among the versions decided on or before as_of \($0)" } ?? ""
        let start = "\(id) has no version in force on \(date)\(visible)"
        let decided = versions.filter { version in asOf.map { version.decided <= $0 } ?? true }
        if let ended = decided.last(where: { $0.validFrom <= date }), let until = ended.validUntil {
            return start + "; version \(ended.name) applies from \(ended.validFrom) through \(until)"
        }
        if let asOf, let later = versions.last(where: { $0.validFrom <= date && $0.decided > asOf }) {
            return start + "; version \(later.name) was decided on \(later.decided), after as_of"
        }
        let first = decided.first.map { "; the earliest version is valid from \($0.validFrom), decided \($0.decided)" } ?? ""
        return start + first
    }
}
