import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// One row of `taxa rates` for a tariff of any kind: what every fee of one version charges in
/// one fee year, with each amount that depends on an index (prisbasbelopp, PKV) evaluated for
/// that year, its caps and VAT, and the digest of the rule data.
package struct FeeRateRow: Sendable {
    package var year: Int
    package var version: TariffVersion
    /// Per fee: key, name, paragraph, and how it is summed and priced, in Swedish.
    package var fees: [(key: String, name: String, paragraph: String?, quantity: String?, price: String)]
    package var caps: [(key: String, text: String)]
    package var vat: String?
    /// Amounts that cannot be derived for the year (an index value not recorded, say).
    package var failures: [RequestError]
    package var digest: String
    /// Each fee's own VAT and accounting codes, the caps' and VAT's codes, the total rounding.
    package var billing = RateBilling()
}

/// The values every fee of a tariff depends on, per fee year, for the office and auditors.
package enum FeeRateTable {
    package static func rows(
        _ tariff: Tariff, years: ClosedRange<Int>, indices: [String: IndexSeries],
        asOf: CivilDate? = nil
    ) -> [FeeRateRow] {
        var rows: [FeeRateRow] = []
        let access = IndexAccess(indices: indices, asOf: asOf, rates: nil)
        for year in years {
            for version in tariff.versions(inForceDuring: year, asOf: asOf) {
                guard let rules = version.rules.feeRules else { continue }
                var failures: [RequestError] = []
                var uses: [IndexUse] = []
                let amount = { (source: AmountSource) -> String in
                    do throws(RequestError) {
                        let value = try source.evaluate(version: version, year: year, access: access, explain: false)
                        uses += value.uses
                        return describe(source, value, year: year)
                    } catch {
                        if !failures.contains(where: { $0 == error }) { failures.append(error) }
                        return "[saknas: \(error.code.rawValue)]"
                    }
                }
                var fees: [(String, String, String?, String?, String)] = []
                for fee in rules.fees {
                    let context = DescribeContext(fee: fee, amount: amount)
                    fees.append((fee.key, fee.name, fee.paragraph, fee.quantity.map(describe), context.pipeline(fee.price)))
                }
                let caps = rules.caps.map { cap in
                    (cap.key, "\(cap.name): högst \(amount(cap.amount)) per kalendermånad för \(cap.fees.joined(separator: ", "))")
                }
                let vat = rules.vat.map { vat in
                    "moms \(SwedishText.percent(vat.rate)) \(vat.included ? "ingår i beloppen" : "läggs till"); momsen \(SwedishText.rounding(vat.rounding))"
                }
                rows.append(
                    FeeRateRow(
                        year: year, version: version, fees: fees, caps: caps, vat: vat, failures: failures,
                        digest: RuleDigest(versions: [version], uses: uses).value, billing: RateBilling(rules)))
            }
        }
        return rows
    }

    /// "minutes (min), summeras per dag, påbörjad 15 min debiteras (uppåt)".
    static func describe(_ rule: QuantityRule) -> String {
        let scope: String
        switch rule.scope {
        case .item: scope = "per post"
        case .day: scope = "summeras per dag"
        case .month: scope = "summeras per kalendermånad"
        case .year: scope = "summeras per avgiftsår"
        case .request: scope = "summeras över hela förfrågan"
        }
        var text = "\(rule.input) (\(rule.unit)), \(scope)"
        if let group = rule.group { text += " i gruppen \(group)" }
        if let less = rule.less { text += ", minus \(SwedishText.integer(less))" }
        if let increment = rule.increment, let mode = rule.rounding {
            text += ", i hela \(SwedishText.integer(increment)) \(rule.unit) (\(SwedishText.mode(mode)))"
        }
        return text
    }

    /// An amount as it is in the year, with where it comes from when it is not a constant.
    static func describe(_ source: AmountSource, _ value: AmountValue, year: Int) -> String {
        let amount = SwedishText.kronor(value.value)
        switch source {
        case .constant:
            return amount
        case .seriesShare(let share):
            let index =
                value.uses.first.map {
                    "\(share.series) \(year) = \(SwedishText.kronor(Exact(kronor: ScaledDecimal.parse($0.value, maxScale: 2) ?? .init(units: 0, scale: 0))))"
                } ?? share.series
            let part =
                share.asPercent
                ? SwedishText.percent(ScaledDecimal(units: share.factor.units, scale: share.factor.scale - 2)) + " av"
                : SwedishText.decimal(share.factor) + " ×"
            let divided = share.dividedBy == 1 ? "" : " ÷ \(SwedishText.integer(Int64(share.dividedBy)))"
            let rounded = share.rounding.map { ", \(SwedishText.rounding($0))" } ?? ""
            return "\(amount) (\(part) \(index)\(divided)\(rounded))"
        case .chained(let chained):
            guard let rate = value.rate, !rate.steps.isEmpty else { return amount }
            let steps = rate.steps.map(SwedishText.stepSummary).joined(separator: ", ")
            return "\(amount) (\(chained.base.swedish) indexerat: \(steps))"
        }
    }
}
