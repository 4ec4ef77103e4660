import TaxaBase
import TaxaEngine

/// Prices a percentage request (the PO kind): salary cost × percent ÷ 100, rounded by the
/// tariff's rule (to öre, half up, for PO), at the rate of the version in force on `date`.
/// A later decision for the same period wins unless `as_of` is before it was made.
package enum PercentageSurcharge {
    /// How the engine names the percentage form's one implicit item in its errors.
    static let naming = ItemNaming(
        item: { _ in .root }, fee: "tariff", inputs: nil, overflow: { _ in JSONPath([.key("salary_cost")]) },
        unknownFee: .invalidRequest, noun: "fee",
        noVersion: { tariff, date, asOf in tariff.noVersionMessage(on: date, asOf: asOf) })

    package static func price(
        _ request: PercentageRequest, tariff: Tariff, asOf: CivilDate?,
        explain: Bool, cache: RateCache? = nil
    ) throws(RequestError) -> Surcharge {
        // The form's one implicit item, priced alone by the engine: it shares no line and the
        // kind has no caps, VAT or adjustments, so no lines are collected.
        guard let version = tariff.version(on: request.date, asOf: asOf) else {
            throw FeeEngine.Cold.noVersion(tariff, request.date, asOf, item: 0, naming: naming)
        }
        guard version.rules.percentage != nil, !version.rules.fees.fees.isEmpty else {
            throw RequestError(.invalidRequest, "\(tariff.id) is not a percentage tariff", at: JSONPath([.key("tariff")]))
        }
        // The version's rules and fee read in place, without a count of their own: the tariff
        // owns the version (a `let` of its versions) and the version them, for the whole call.
        let priced = Unmanaged.passUnretained(version.rules.fees.fees[0])._withUnsafeGuaranteedRef { fee in
            Result { () throws(RequestError) in
                try FeeEngine.priceAlone(
                    fee, version: version, feeYear: request.date.year,
                    inputs: LineInputs(one: .decimal(ScaledDecimal(units: request.salaryCost.ore, scale: 2))),
                    access: IndexAccess(indices: [:], asOf: asOf, rates: cache), item: 0, naming: naming)
            }
        }
        let (state, amount) = try priced.get()
        let rules = Unmanaged.passUnretained(version.rules.percentage!)
        let percent = rules._withUnsafeGuaranteedRef { $0.percent }
        let exact = state.beforeRounding ?? state.current
        // Made once, whole, as it is returned: a surcharge filled in afterwards was copied.
        return Surcharge(
            date: request.date, version: version, percent: percent, salaryCost: request.salaryCost, exact: exact, amount: amount,
            explanation: explain
                ? explanation(request, tariff: tariff, version: version, rules: rules.takeUnretainedValue(), exact: exact, amount: amount, asOf: asOf)
                : nil,
            provenance: FeeEngine.provenance(version, uses: state.uses, digests: cache))
    }

    /// The derivation of a surcharge in Swedish, for `explain`.
    private static func explanation(
        _ request: PercentageRequest, tariff: Tariff, version: TariffVersion, rules: PercentageRules, exact: Exact, amount: Money,
        asOf: CivilDate?
    ) -> [String] {
        let percent = rules.percent
        let unrounded = exact.kronorText
        let percentText = swedish(percent)
        var lines = [
            "\(percentText) % enligt \(version.decision.body) \(version.decided) (\(version.decision.reference)), gäller från \(version.validFrom)\(version.validUntil.map { " till och med \($0)" } ?? "")."
        ]
        let sameDay = tariff.versions.filter { $0.validFrom == version.validFrom && $0.decided != version.decided }
        for other in sameDay {
            guard let otherRules = other.rules.percentage else { continue }
            if other.decided < version.decided {
                lines.append("Ersätter beslutet \(other.decided) (\(other.decision.reference)) om \(swedish(otherRules.percent)) % för samma period.")
            } else if let asOf {
                lines.append(
                    "Beslutet \(other.decided) (\(other.decision.reference)) om \(swedish(otherRules.percent)) % för samma period räknas inte: det fattades efter as_of \(asOf)."
                )
            }
        }
        let product = "\(request.salaryCost.swedish) × \(percentText) / 100"
        if unrounded == amount.kronorText {
            lines.append("\(product) = \(amount.swedish).")
        } else {
            lines.append("\(product) = \(SwedishText.kronor(exact)), \(SwedishText.rounding(rules.rounding)) = \(amount.swedish).")
        }
        lines.append(rules.text)
        return lines
    }

    /// "47,18": the Swedish decimal comma, for texts.
    static func swedish(_ percent: ScaledDecimal) -> String {
        SwedishText.decimal(percent)
    }
}
