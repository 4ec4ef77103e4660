/// Prices a percentage request (the PO kind): salary cost × percent ÷ 100, rounded by the
/// tariff's rule (to öre, half up, for PO), at the rate of the version in force on `date`.
/// A later decision for the same period wins unless `as_of` is before it was made.
public enum PercentageSurcharge {
    /// How the engine names the percentage form's one implicit item in its errors.
    static let naming = ItemNaming(
        item: { _ in .root }, fee: "tariff", inputs: nil, overflow: { _ in JSONPath([.key("salary_cost")]) },
        unknownFee: .invalidRequest, noun: "fee",
        noVersion: { tariff, date, asOf in tariff.noVersionMessage(on: date, asOf: asOf) })

    public static func price(
        _ request: PercentageRequest, tariff: Tariff, asOf: CivilDate?,
        explain: Bool, cache: RateCache? = nil
    ) throws(RequestError) -> Surcharge {
        let item = FeeItem(
            fee: PercentageRules.feeKey, date: request.date,
            inputs: .one(.decimal(ScaledDecimal(units: request.salaryCost.ore, scale: 2))))
        let priced = try FeeEngine.price(
            [item], tariff: tariff, access: IndexAccess(indices: [:], asOf: asOf, rates: cache),
            adjustment: nil, explain: false, naming: naming, digests: cache)
        let version = priced.lines[0].version
        guard let rules = version.rules.percentage else {
            throw RequestError(.invalidRequest, "\(tariff.id) is not a percentage tariff", at: JSONPath([.key("tariff")]))
        }
        let percent = rules.percent
        let amount = priced.lines[0].amount
        var surcharge = Surcharge(
            date: request.date, version: version, percent: percent, salaryCost: request.salaryCost,
            exact: priced.lines[0].beforeRounding ?? priced.lines[0].unrounded, amount: amount,
            provenance: priced.provenance)
        if explain {
            let unrounded = surcharge.unrounded
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
                lines.append("\(product) = \(SwedishText.grouped(unrounded)) kr, \(SwedishText.rounding(rules.rounding)) = \(amount.swedish).")
            }
            lines.append(rules.text)
            surcharge.explanation = lines
        }
        return surcharge
    }

    /// "47,18": the Swedish decimal comma, for texts.
    static func swedish(_ percent: ScaledDecimal) -> String {
        SwedishText.decimal(percent)
    }
}
