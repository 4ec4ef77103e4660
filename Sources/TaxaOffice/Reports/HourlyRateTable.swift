import TaxaBase
import TaxaEngine

/// One row of `taxa rates`: the hourly rate of one version in one fee year, or why it cannot be
/// computed.
package struct RateRow: Sendable {
    package var year: Int
    package var version: TariffVersion
    package var result: Result<RateDerivation, RequestError>

    package var digest: RuleDigest? {
        guard case .success(let derivation) = result else { return nil }
        return RuleDigest(versions: [version], steps: derivation.steps)
    }
}

/// The hourly rates of a tariff per fee year, for the office and auditors.
package enum RateTable {
    /// Every (version, year) pair where the version is in force on some day of the year,
    /// for `years`, with the derivation of each rate: the rate the engine prices the charged
    /// activities by (`HourlyRules.price`), evaluated as the engine evaluates amounts.
    package static func rows(
        _ tariff: Tariff, years: ClosedRange<Int>, indices: [String: IndexSeries],
        asOf: CivilDate? = nil
    ) -> [RateRow] {
        var rows: [RateRow] = []
        let access = IndexAccess(indices: indices, asOf: asOf, rates: nil)
        for year in years {
            for version in tariff.versions(inForceDuring: year, asOf: asOf) {
                guard let rules = version.rules.hourly else { continue }
                let result: Result<RateDerivation, RequestError>
                do throws(RequestError) {
                    let value = try rules.price.evaluate(version: version, year: year, access: access, explain: false)
                    result = .success(value.rate ?? RateDerivation(version: version, year: year, base: rules.rate, steps: []))
                } catch {
                    result = .failure(error)
                }
                rows.append(RateRow(year: year, version: version, result: result))
            }
        }
        return rows
    }
}
