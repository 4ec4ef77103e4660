import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// Builds what `taxa publish` publishes for one fee year from a loaded tariff set. Every amount
/// comes from the rates command's tables (`FeeRateTable`, `RateTable`) for that year and is
/// described by the same words, so a page says what `taxa rates` says; the worked examples are
/// priced by the service's own request processor.
package enum PublishBuilder {
    /// Why nothing is published: amounts the year needs that cannot be computed (an index
    /// value not recorded), or no tariff in force at all. A site with a hole is never written.
    package struct Failure: Error, Sendable {
        package var problems: [String]
    }

    package static func build(_ set: TariffSet, year: Int, asOf: CivilDate?) -> Result<PublishedSite, Failure> {
        var problems: [String] = []
        var tariffs: [PublishedTariff] = []
        let processor = RequestProcessor(tariffs: set)
        for tariff in set.tariffs.values.sorted(by: { $0.id < $1.id }) {
            var page = tariffPage(tariff, set: set, year: year, asOf: asOf, processor: processor, problems: &problems)
            page.charts = charts(tariff, set: set, year: year, asOf: asOf, inForce: page.inForce, processor: processor)
            tariffs.append(page)
        }
        if problems.isEmpty && !tariffs.contains(where: { !$0.inForce.isEmpty }) {
            problems.append("no tariff under \(set.root) has a version in force in \(year)\(asOf.map { " (as of \($0))" } ?? "")")
        }
        guard problems.isEmpty else { return .failure(Failure(problems: problems)) }
        return .success(PublishedSite(year: year, asOf: asOf, tariffs: tariffs))
    }

    private static func tariffPage(
        _ tariff: Tariff, set: TariffSet, year: Int, asOf: CivilDate?, processor: RequestProcessor, problems: inout [String]
    ) -> PublishedTariff {
        let history = tariff.versions.filter { version in asOf.map { version.decided <= $0 } ?? true }
        let kind = tariff.versions.last?.rules.kind ?? .fees
        var inForce: [PublishedVersion] = []
        var uses: [IndexUse] = []
        if kind == .hourly {
            for row in RateTable.rows(tariff, years: year...year, indices: set.indices, asOf: asOf) {
                switch row.result {
                case .success(let derivation):
                    guard let rules = row.version.rules.hourly, let digest = row.digest else { continue }
                    uses += derivation.steps.map(IndexUse.init)
                    var published = version(row.version, digest: digest.value, processor: processor)
                    published.hourly = PublishedHourly(derivation: derivation, rules: rules)
                    inForce.append(published)
                case .failure(let error):
                    problems.append("\(tariff.id) \(year) (version \(row.version.name)): \(error.code.rawValue): \(error.message)")
                }
            }
        } else {
            for row in FeeRateTable.rows(tariff, years: year...year, indices: set.indices, asOf: asOf) {
                for failure in row.failures {
                    problems.append("\(tariff.id) \(year) (version \(row.version.name)): \(failure.code.rawValue): \(failure.message)")
                }
                guard row.failures.isEmpty, let rules = row.version.rules.feeRules else { continue }
                var published = version(row.version, digest: row.digest, processor: processor)
                let amounts = YearAmounts(version: row.version, year: year, indices: set.indices, asOf: asOf)
                for (fee, rated) in zip(rules.fees, row.fees) {
                    let context = DescribeContext(fee: fee, amount: amounts.describe)
                    let pricer =
                        PublishRowPricer.applies(fee)
                        ? PublishRowPricer(
                            processor: processor, tariff: tariff.id, fee: fee, date: PublishRowPricer.day(in: year, of: row.version), asOf: asOf)
                        : nil
                    let alone = fee.price.count > 1 && !PublishPipeline.containsTable(fee.price)
                    published.fees.append(
                        PublishedFee(
                            key: fee.key, name: fee.name, paragraph: fee.paragraph, text: fee.text,
                            inputs: fee.inputs.map(input), quantity: rated.quantity, price: rated.price,
                            segments: PublishPipeline.segments(fee.price, context, pricer: pricer),
                            amount: alone ? pricer?.price([:]) : nil))
                }
                for (cap, rated) in zip(rules.caps, row.caps) {
                    published.caps.append(
                        PublishedCap(
                            key: cap.key, name: cap.name, paragraph: cap.paragraph, text: cap.text, summary: rated.text,
                            fees: cap.fees.map { rules.fee($0)?.name ?? $0 }))
                }
                if let summary = row.vat, let rule = rules.vat { published.vat = (summary: summary, text: rule.text) }
                for (_, _, source) in rules.amountSources { _ = amounts.describe(source) }
                uses += amounts.uses
                inForce.append(published)
            }
        }
        let title = inForce.last?.version.title ?? history.last?.title ?? tariff.versions.last?.title ?? tariff.id
        return PublishedTariff(
            id: tariff.id, title: title, kind: kind, inForce: inForce, history: history, charts: [],
            indexValues: indexValues(uses, set: set))
    }

    /// A version's decision, adjustment rule and worked examples; its fees are added by the caller.
    private static func version(_ version: TariffVersion, digest: String, processor: RequestProcessor) -> PublishedVersion {
        PublishedVersion(
            version: version, digest: digest, fees: [], caps: [], vat: nil, hourly: nil, adjustments: version.adjustments,
            examples: version.examples.enumerated().map { index, example in PublishExamples.price(example, index: index, of: version, processor: processor) })
    }

    /// An input's values in Swedish.
    private static func input(_ input: FeeInput) -> PublishedInput {
        let values: String
        switch input.kind {
        case .integer(let range):
            values =
                "heltal \(SwedishText.number(Exact.plain(ScaledDecimal(units: range.lowerBound, scale: 0))))–\(SwedishText.number(Exact.plain(ScaledDecimal(units: range.upperBound, scale: 0))))"
        case .decimal(let scale, let min, let max):
            values = "tal \(SwedishText.decimal(min))–\(SwedishText.decimal(max)), högst \(scale) decimaler"
        case .choice(let choices):
            values = "ett av: " + choices.joined(separator: ", ")
        }
        return PublishedInput(name: input.name, text: input.text, values: values, defaultValue: input.defaultValue?.text)
    }

    /// The index values used, each once, by series and year, with its publication.
    private static func indexValues(_ uses: [IndexUse], set: TariffSet) -> [PublishedIndexValue] {
        RuleDigest.canonical(uses).compactMap { use in
            guard let series = set.indices[use.series],
                let publication = series.publications.first(where: { $0.published == use.published && $0.values[use.year] != nil }),
                let value = publication.values[use.year]
            else { return nil }
            return PublishedIndexValue(series: series.id, seriesName: series.name, unit: series.unit, year: use.year, value: value, publication: publication)
        }
    }

    /// One chart per amount of the year's versions that follows an index, over every year from
    /// the tariff's first version to the last year an index value is recorded for; a year
    /// whose amount cannot be computed (its value not recorded yet) is left out of the chart.
    private static func charts(
        _ tariff: Tariff, set: TariffSet, year: Int, asOf: CivilDate?, inForce: [PublishedVersion], processor: RequestProcessor
    ) -> [AmountHistory] {
        guard !inForce.isEmpty, let firstVersion = tariff.versions.first else { return [] }
        var lastCovered = year
        for series in set.indices.values {
            for publication in series.publications where asOf.map({ publication.published <= $0 }) ?? true {
                lastCovered = max(lastCovered, publication.values.keys.max() ?? year)
            }
        }
        let years = min(firstVersion.validFrom.year, year)...min(lastCovered, year + 50)
        if inForce.contains(where: { $0.hourly != nil }) {
            guard let series = inForce.last?.hourly?.rules.indexation?.series else { return [] }
            var points: [(year: Int, value: Exact)] = []
            for row in RateTable.rows(tariff, years: years, indices: set.indices, asOf: asOf) {
                guard case .success(let derivation) = row.result else { continue }
                if points.last?.year == row.year { points.removeLast() }
                points.append((year: row.year, value: Exact(derivation.rate)))
            }
            return [AmountHistory(label: "Timavgift per timme", series: series, points: points)]
        }
        var wanted: [(label: String, series: String)] = []
        for published in inForce {
            guard let rules = published.version.rules.feeRules else { continue }
            for amount in PublishPipeline.indexedAmounts(rules) where !wanted.contains(where: { $0.label == amount.label }) {
                wanted.append((label: amount.label, series: amount.series))
            }
        }
        var points: [String: [(year: Int, value: Exact)]] = [:]
        let access = IndexAccess(indices: set.indices, asOf: asOf, rates: nil)
        for chartYear in years {
            guard let version = tariff.versions(inForceDuring: chartYear, asOf: asOf).last, let rules = version.rules.feeRules else { continue }
            for amount in PublishPipeline.indexedAmounts(rules) where wanted.contains(where: { $0.label == amount.label }) {
                guard points[amount.label]?.last?.year != chartYear else { continue }
                let value: Exact?
                switch amount.charted {
                case .amount(let source):
                    value = try? source.evaluate(version: version, year: chartYear, access: access, explain: false).value
                case .row(let key, let chosen):
                    value = rules.fee(key).flatMap { fee in
                        PublishRowPricer(
                            processor: processor, tariff: tariff.id, fee: fee, date: PublishRowPricer.day(in: chartYear, of: version), asOf: asOf
                        ).price(chosen)
                    }.map(Exact.init)
                }
                if let value { points[amount.label, default: []].append((year: chartYear, value: value)) }
            }
        }
        return wanted.map { AmountHistory(label: $0.label, series: $0.series, points: points[$0.label] ?? []) }
    }
}

/// The amounts of one version in one fee year as `taxa rates` words them, collecting the index
/// values they use. A class: the describe closure of `DescribeContext` records into it.
package final class YearAmounts {
    let version: TariffVersion
    let year: Int
    let access: IndexAccess
    private(set) var uses: [IndexUse] = []

    init(version: TariffVersion, year: Int, indices: [String: IndexSeries], asOf: CivilDate?) {
        self.version = version
        self.year = year
        access = IndexAccess(indices: indices, asOf: asOf, rates: nil)
    }

    /// The amount and where it comes from, exactly as `FeeRateTable` describes it; a failure
    /// (reported by the rates table already) reads as the rates command writes it.
    func describe(_ source: AmountSource) -> String {
        do throws(RequestError) {
            let value = try source.evaluate(version: version, year: year, access: access, explain: false)
            uses += value.uses
            return FeeRateTable.describe(source, value, year: year)
        } catch {
            return "[saknas: \(error.code.rawValue)]"
        }
    }
}

extension AmountSource {
    /// The index series the amount follows (empty for a constant).
    var series: String {
        switch self {
        case .constant: ""
        case .seriesShare(let share): share.series
        case .chained(let chained): chained.indexation.series
        }
    }
}
