import TaxaBase

/// Amounts, rule digests and a tariff index derived once per tariff set, at load time.
///
/// Without `as_of`, an amount that depends on an index (an indexed hourly rate, a share of the
/// prisbasbelopp, a cap) depends in a fee year only on the loaded files, so each (amount, year)
/// is derived once, with the index values it used, instead of per line. A digest depends only
/// on the versions and index values behind a result, so the digest of every version with the
/// index values of each of its fee years (and with none) is computed once as well; a result
/// priced by one version with one of those sets of values takes it as it stands. Requests with
/// `as_of`, years past the cached range and results spanning several versions or years with
/// other index values are computed as they come.
package final class RateCache: Sendable {
    /// The furthest fee year cached beyond the last year any index value is recorded for.
    static let yearsBeyondIndex = 1

    /// Per version and amount (`ChainedAmount.cacheKey`, `SeriesShare.cacheKey`): its value in
    /// each year from `first`, or why it cannot be derived.
    private let amounts: [AmountKey: (first: Int, values: [Result<AmountValue, RequestError>])]
    /// Per version: the digests of results priced by it alone, one per distinct set of index
    /// values (canonical), as a range of `allDigests` (a plain value: found without counting a
    /// reference on a list of them).
    private let digests: [ObjectIdentifier: Range<Int>]
    private let allDigests: [RuleDigest]
    /// Per fee priced as `IndexedLinearPrice`: its price per unit in each year from `first`, as
    /// a line takes it (nil: not derived; the blocks run and report why). Keyed by the fee, not
    /// by version and amount key: a line looks its rate up by one pointer, not by a string.
    private let linearRates: [ObjectIdentifier: (first: Int, rates: [LinearRate?])]
    /// The tariffs' ids in order, and the tariffs: found by the bytes of a request's `tariff`.
    private let tariffIDs: ByteKeys
    private let tariffsInOrder: [Tariff]

    package init(tariffs: [String: Tariff], indices: [String: IndexSeries]) {
        let lastIndexYear = indices.values.flatMap { $0.publications.flatMap { $0.values.keys } }.max() ?? 0
        var amounts: [AmountKey: (first: Int, values: [Result<AmountValue, RequestError>])] = [:]
        var digests: [ObjectIdentifier: Range<Int>] = [:]
        var allDigests: [RuleDigest] = []
        var linearRates: [ObjectIdentifier: (first: Int, rates: [LinearRate?])] = [:]
        let access = IndexAccess(indices: indices, asOf: nil, rates: nil)
        for tariff in tariffs.values {
            for version in tariff.versions {
                guard let rules = version.rules.feeRules else { continue }
                let first = version.validFrom.year
                var last = min(max(first, lastIndexYear) + Self.yearsBeyondIndex, first + 100)
                if let until = version.validUntil { last = min(last, until.year) }
                let sources = rules.amountSources
                var candidates = [RuleDigest(versions: [version], uses: []).computed()]
                for year in first...max(first, last) {
                    var uses: [IndexUse] = []
                    for (_, _, source) in sources {
                        let key: AmountKey
                        switch source {
                        case .constant: continue
                        case .chained(let chained): key = AmountKey(version: ObjectIdentifier(version), key: chained.cacheKey)
                        case .seriesShare(let share): key = AmountKey(version: ObjectIdentifier(version), key: share.cacheKey)
                        }
                        let result: Result<AmountValue, RequestError>
                        do {
                            var value = try source.evaluate(version: version, year: year, access: access, explain: false)
                            value.uses = RuleDigest.canonical(value.uses)
                            result = .success(value)
                            uses += value.uses
                        } catch {
                            result = .failure(error)
                        }
                        // An amount shared by several fees (the hourly rate of every charged
                        // activity) is listed once per fee: derived once per year.
                        if !key.key.isEmpty, (amounts[key]?.values.count ?? 0) == year - first {
                            amounts[key, default: (first, [])].values.append(result)
                        }
                    }
                    let digest = RuleDigest(versions: [version], uses: uses)
                    if !candidates.contains(where: { $0.uses == digest.uses }) {
                        candidates.append(digest.computed())
                    }
                }
                digests[ObjectIdentifier(version)] = allDigests.count..<allDigests.count + candidates.count
                allDigests += candidates
                for fee in rules.fees {
                    guard let indexed = fee.indexedLinear, let entry = amounts[AmountKey(version: ObjectIdentifier(version), key: indexed.key)]
                    else { continue }
                    linearRates[ObjectIdentifier(fee)] = (
                        entry.first, entry.values.map { try? LinearRate($0.get()) }
                    )
                }
            }
        }
        self.amounts = amounts
        self.linearRates = linearRates
        self.digests = digests
        self.allDigests = allDigests
        let sorted = tariffs.sorted { $0.key < $1.key }
        tariffIDs = ByteKeys(sorted.map(\.key))
        tariffsInOrder = sorted.map(\.value)
    }

    /// Where the tariff whose id has exactly the bytes `id` lies, for `tariff(at:)`, or nil (then
    /// the caller's dictionary decides): a plain value to hand out of a reader's closures, where
    /// a reference would be copied on the way.
    package func tariffIndex(_ id: UnsafeBufferPointer<UInt8>) -> Int? {
        tariffIDs.index(of: id)
    }

    /// The tariff found by `tariffIndex`.
    package func tariff(at index: Int) -> Tariff { tariffsInOrder[index] }

    /// The amount `key` of `version` in `year` as derived at load (its index values
    /// canonical), or nil when it is not cached.
    func amount(_ key: String, of version: TariffVersion, year: Int) -> Result<AmountValue, RequestError>? {
        guard let entry = amounts[AmountKey(version: ObjectIdentifier(version), key: key)], year >= entry.first,
            year - entry.first < entry.values.count
        else { return nil }
        return entry.values[year - entry.first]
    }

    /// The price per unit of `fee` (an `IndexedLinearPrice`) in `year` as derived at load, or
    /// nil when it is not cached or its derivation failed.
    func linearRate(of fee: FeeDefinition, year: Int) -> LinearRate? {
        guard let entry = linearRates[ObjectIdentifier(fee)], year >= entry.first, year - entry.first < entry.rates.count
        else { return nil }
        return entry.rates[year - entry.first]
    }

    /// The digest of a result priced by `version` alone with the index values `uses`
    /// (canonical), when it was computed at load.
    package func digest(_ version: TariffVersion, uses: [IndexUse]) -> RuleDigest? {
        guard let candidates = digests[ObjectIdentifier(version)] else { return nil }
        for index in candidates where allDigests[index].uses == uses { return allDigests[index] }
        return nil
    }
}

/// An indexed price per unit as a line is priced with it: one shared object, so that a line takes
/// it with one reference rather than a copy of the amount's value, index values, derivation and
/// words.
@usableFromInline final class LinearRate: Sendable {
    let price: Exact
    /// The price in öre, when it is whole öre (shown on the line).
    let unitPrice: Money?
    let uses: [IndexUse]
    let rate: RateDerivation?

    init(_ value: AmountValue) {
        price = value.value
        unitPrice = value.value.isWholeOre ? Money(ore: Int64(value.value.numerator)) : nil
        uses = value.uses
        rate = value.rate
    }
}

/// An amount of one version, by its key in the version's file.
package struct AmountKey: Hashable {
    var version: ObjectIdentifier
    var key: String
}
