/// Hourly rates and rule digests computed once per tariff set, at load time.
///
/// Without `as_of`, the rate of a version in a fee year depends only on the loaded files, so the
/// service derives each (version, year) once instead of per request; the digest of a result
/// priced by one version is likewise fixed per (version, last fee year). Requests with `as_of`,
/// years past the cached range and results spanning several versions are computed as before.
public final class RateCache: Sendable {
    /// The furthest fee year cached beyond the last year any index value is recorded for.
    static let yearsBeyondIndex = 1

    private let rates: [String: [Int: Result<RateDerivation, RequestError>]]
    private let digests: [String: [Int: String]]

    public init(tariffs: [String: Tariff], indices: [String: IndexSeries]) {
        let lastIndexYear = indices.values.flatMap { $0.publications.flatMap { $0.values.keys } }.max() ?? 0
        var rates: [String: [Int: Result<RateDerivation, RequestError>]] = [:]
        var digests: [String: [Int: String]] = [:]
        for tariff in tariffs.values {
            for version in tariff.versions {
                guard case .hourly(let rules) = version.rules else { continue }
                let first = version.validFrom.year
                let last = min(max(first, lastIndexYear) + Self.yearsBeyondIndex, first + 100)
                for year in first...last {
                    let result: Result<RateDerivation, RequestError>
                    do {
                        let derivation = try RateIndexation.derive(version: version, rules: rules, year: year,
                                                                   indices: indices, asOf: nil)
                        result = .success(derivation)
                        digests[version.file, default: [:]][year] = RuleDigest(versions: [version], steps: derivation.steps).value
                    } catch {
                        result = .failure(error)
                    }
                    rates[version.file, default: [:]][year] = result
                }
            }
        }
        self.rates = rates
        self.digests = digests
    }

    /// The cached rate of `version` in `year`, or nil when it is not cached.
    public func rate(_ version: TariffVersion, year: Int) -> Result<RateDerivation, RequestError>? {
        rates[version.file]?[year]
    }

    /// The digest of a result priced by `version` alone with rates up to `lastYear`.
    public func digest(_ version: TariffVersion, lastYear: Int) -> String? {
        digests[version.file]?[lastYear]
    }
}
