/// Indexed amounts and rule digests derived once per tariff set, at load time.
///
/// Without `as_of`, an indexed amount in a fee year depends only on the loaded files, so each
/// (amount, year) is derived once instead of per request; likewise the digest of a result
/// priced by one version in one fee year with the index values that year needs. Requests with
/// `as_of`, years past the cached range and results spanning several versions are computed as
/// they come.
public final class RateCache: Sendable {
    /// The furthest fee year cached beyond the last year any index value is recorded for.
    static let yearsBeyondIndex = 1

    private let rates: [String: [Int: Result<RateDerivation, RequestError>]]
    private let digests: [String: [Int: (uses: [IndexUse], digest: String)]]

    public init(tariffs: [String: Tariff], indices: [String: IndexSeries]) {
        let lastIndexYear = indices.values.flatMap { $0.publications.flatMap { $0.values.keys } }.max() ?? 0
        var rates: [String: [Int: Result<RateDerivation, RequestError>]] = [:]
        var digests: [String: [Int: (uses: [IndexUse], digest: String)]] = [:]
        let access = IndexAccess(indices: indices, asOf: nil, rates: nil)
        for tariff in tariffs.values {
            for version in tariff.versions {
                guard let rules = version.rules.feeRules else { continue }
                let first = version.validFrom.year
                var last = min(max(first, lastIndexYear) + Self.yearsBeyondIndex, first + 100)
                if let until = version.validUntil { last = min(last, until.year) }
                let sources = rules.amountSources
                for year in first...last {
                    var uses: [IndexUse] = []
                    for (_, _, source) in sources {
                        if case .chained(let chained) = source {
                            let result: Result<RateDerivation, RequestError>
                            do {
                                result = .success(try RateIndexation.derive(
                                    version: version, base: chained.base, indexation: chained.indexation, year: year,
                                    indices: indices, asOf: nil, what: chained.what))
                            } catch {
                                result = .failure(error)
                            }
                            rates[chained.cacheKey, default: [:]][year] = result
                        }
                        if let value = try? source.evaluate(version: version, year: year, access: access, explain: false) {
                            uses += value.uses
                        }
                    }
                    let digest = RuleDigest(versions: [version], uses: uses)
                    digests[version.file, default: [:]][year] = (digest.uses, digest.value)
                }
            }
        }
        self.rates = rates
        self.digests = digests
    }

    /// The derivation of the indexed amount `key` (`ChainedAmount.cacheKey`) in `year`, or nil
    /// when it is not cached.
    public func rate(_ key: String, year: Int) -> Result<RateDerivation, RequestError>? {
        rates[key]?[year]
    }

    /// The digest of a result priced by `version` alone in fee years up to `year`, when the
    /// index values it used are those derived at load (`uses`, canonical).
    public func digest(_ version: TariffVersion, year: Int, uses: [IndexUse]) -> String? {
        guard let known = digests[version.file]?[year], known.uses == uses else { return nil }
        return known.digest
    }
}
