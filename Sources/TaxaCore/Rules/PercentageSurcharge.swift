/// Prices a percentage request (the PO kind): salary cost × percent ÷ 100, rounded by the
/// tariff's rule (to öre, half up, for PO), at the rate of the version in force on `date`.
/// A later decision for the same period wins unless `as_of` is before it was made.
public enum PercentageSurcharge {
    public static func price(_ request: PercentageRequest, tariff: Tariff, asOf: CivilDate?,
                             explain: Bool) throws(RequestError) -> Surcharge {
        guard let version = tariff.version(on: request.date, asOf: asOf) else {
            throw RequestError(.noTariffInForce, tariff.noVersionMessage(on: request.date, asOf: asOf),
                               at: JSONPath([.key("date")]))
        }
        guard case .percentage(let rules) = version.rules else {
            throw RequestError(.invalidRequest, "\(tariff.id) is not a percentage tariff", at: JSONPath([.key("tariff")]))
        }
        let percent = rules.percent
        // öre × units / (100 · 10^scale); |öre| < 2⁶³ and units ≤ 10⁶, so the product fits.
        let numerator = Int128(request.salaryCost.ore) * Int128(percent.units)
        let amount: Money
        do {
            amount = try rules.rounding.round(ore: numerator, over: powerOfTen(percent.scale + 2))
        } catch {
            throw RequestError(error, at: JSONPath([.key("salary_cost")]))
        }
        let unrounded = decimalText(numerator, scale: percent.scale + 4)
        let percentText = swedish(percent)
        var surcharge = Surcharge(
            date: request.date, version: version, percent: percent, salaryCost: request.salaryCost,
            unrounded: unrounded, amount: amount,
            text: "\(version.title): \(percentText) % av \(request.salaryCost.swedish) = \(amount.swedish)",
            provenance: RuleDigest(versions: [version], steps: []))
        if explain {
            var lines = ["\(percentText) % enligt \(version.decision.body) \(version.decided) (\(version.decision.reference)), gäller från \(version.validFrom)\(version.validUntil.map { " till och med \($0)" } ?? "")."]
            let sameDay = tariff.versions.filter { $0.validFrom == version.validFrom && $0.decided != version.decided }
            for other in sameDay {
                guard case .percentage(let otherRules) = other.rules else { continue }
                if other.decided < version.decided {
                    lines.append("Ersätter beslutet \(other.decided) (\(other.decision.reference)) om \(swedish(otherRules.percent)) % för samma period.")
                } else if let asOf {
                    lines.append("Beslutet \(other.decided) (\(other.decision.reference)) om \(swedish(otherRules.percent)) % för samma period räknas inte: det fattades efter as_of \(asOf).")
                }
            }
            let product = "\(request.salaryCost.swedish) × \(percentText) / 100"
            if unrounded == decimalText(Int128(amount.ore), scale: 2) {
                lines.append("\(product) = \(amount.swedish).")
            } else {
                lines.append("\(product) = \(unrounded.replacingAll(".", with: ",")) kr, avrundat till \(rules.rounding.step.swedish) (\(rules.rounding.mode.rawValue)) = \(amount.swedish).")
            }
            lines.append(rules.text)
            surcharge.explanation = lines
        }
        return surcharge
    }

    /// "47,18": the Swedish decimal comma, for texts.
    static func swedish(_ percent: ScaledDecimal) -> String {
        percent.description.replacingAll(".", with: ",")
    }
}
