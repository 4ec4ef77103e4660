import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// What `taxa impact --summary` states, gathered request by request as the lines stream past.
///
/// Memory does not grow with the number of requests: the totals are per tariff and per fee
/// (bounded by the tariff files), the failures per error code, the largest increases ten. The
/// one exception is the median: it needs the distribution of the changes, which is kept as a
/// count per distinct change in öre (`changes`). A proposal changes a request's total by one of
/// few amounts (the raised amounts times the quantities billed), so that map stays small —
/// about 50 bytes per distinct change, 5 MB for 100 000 distinct changes — and it is exact;
/// only a history in which nearly every request changes by a different öre amount makes it
/// grow with the input, and then by one entry per distinct amount, not per request.
package final class ImpactSummary {
    package struct Totals: Sendable {
        package var requests = 0
        package var before: Int128 = 0
        package var after: Int128 = 0
        package var change: Int128 { after - before }
    }

    package struct Increase: Sendable {
        package var change: Int128
        package var before: Money
        package var after: Money
        package var id: String?
        package var tariff: String
        package var line: Int
    }

    package private(set) var read = 0
    package private(set) var pricedBoth = 0
    /// Requests that fail on exactly one side, by that side's error code; and on both sides.
    package private(set) var failingBefore: [String: Int] = [:]
    package private(set) var failingAfter: [String: Int] = [:]
    package private(set) var failingBoth: [String: Int] = [:]
    /// Over the requests priced on both sides.
    package private(set) var total = Totals()
    package private(set) var tariffs: [String: Totals] = [:]
    /// Per tariff, per fee key ("" for what the lines do not account for: an adjustment, VAT
    /// added to the total); the fees in the order first met.
    package private(set) var fees: [String: [(key: String, totals: Totals)]] = [:]
    /// How many requests changed by each amount, in öre.
    package private(set) var changes: [Int128: Int] = [:]
    /// The ten largest increases, largest first, earlier lines first among equals.
    package private(set) var increases: [Increase] = []

    package static let increasesKept = 10

    package init() {}

    func add(line: Int, id: String?, tariff: String?, before: ImpactOutcome, after: ImpactOutcome) {
        read += 1
        guard let old = before.total, let new = after.total else {
            switch (before.errorCode, after.errorCode) {
            case (let code?, nil): failingBefore[code, default: 0] += 1
            case (nil, let code?): failingAfter[code, default: 0] += 1
            case (let first?, let second?): failingBoth[first == second ? first : "\(first) / \(second)", default: 0] += 1
            case (nil, nil): break
            }
            return
        }
        pricedBoth += 1
        let tariff = tariff ?? ""
        total.requests += 1
        total.before += Int128(old.ore)
        total.after += Int128(new.ore)
        tariffs[tariff, default: Totals()].requests += 1
        tariffs[tariff, default: Totals()].before += Int128(old.ore)
        tariffs[tariff, default: Totals()].after += Int128(new.ore)
        addParts(before, tariff: tariff, after: false)
        addParts(after, tariff: tariff, after: true)
        let change = Int128(new.ore) - Int128(old.ore)
        changes[change, default: 0] += 1
        if change > 0, increases.count < Self.increasesKept || change > increases.last!.change {
            let increase = Increase(change: change, before: old, after: new, id: id, tariff: tariff, line: line)
            let position = increases.firstIndex { $0.change < change } ?? increases.count
            increases.insert(increase, at: position)
            if increases.count > Self.increasesKept { increases.removeLast() }
        }
    }

    private func addParts(_ outcome: ImpactOutcome, tariff: String, after: Bool) {
        var rest = Int128(outcome.total?.ore ?? 0)
        var list = fees[tariff] ?? []
        func add(_ key: String, _ ore: Int128) {
            let index =
                list.firstIndex { $0.key == key }
                ?? {
                    list.append((key: key, totals: Totals()))
                    return list.count - 1
                }()
            if after { list[index].totals.after += ore } else { list[index].totals.before += ore }
        }
        for part in outcome.parts {
            add(part.key, part.ore)
            rest -= part.ore
        }
        if rest != 0 { add("", rest) }
        fees[tariff] = list
    }

    /// The smallest, the median (the mean of the two middle ones for an even count, so it
    /// may be half an öre) and the largest change, as exact amounts in öre.
    package var smallestMedianLargest: (smallest: Exact, median: Exact, largest: Exact)? {
        guard pricedBoth > 0 else { return nil }
        let sorted = changes.keys.sorted()
        let middle = (pricedBoth - 1) / 2
        var seen = 0
        var lower: Int128?
        var upper: Int128?
        for change in sorted {
            let count = changes[change]!
            if lower == nil, middle < seen + count { lower = change }
            if upper == nil, (pricedBoth / 2) < seen + count { upper = change }
            if lower != nil && upper != nil { break }
            seen += count
        }
        let median = pricedBoth % 2 == 1 ? Exact(numerator: lower!, denominator: 1) : Exact(numerator: lower! + upper!, denominator: 2)
        return (Exact(numerator: sorted.first!, denominator: 1), median, Exact(numerator: sorted.last!, denominator: 1))
    }
}
