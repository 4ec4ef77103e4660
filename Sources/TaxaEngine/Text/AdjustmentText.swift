import TaxaBase

/// The Swedish derivation of a reduction or waiver by decision (LÅFF 8 §), for `explain`: the
/// arithmetic, the decision it rests on, and the paragraph that allows it.
package enum AdjustmentText {
    package static func explanation(_ adjustment: AppliedAdjustment) -> [String] {
        var lines: [String]
        switch adjustment.request {
        case .reduction(let percent, let reference, let reason):
            // The exact product, then its rounding when it is not whole öre: the text's arithmetic holds.
            let exact = Exact(
                numerator: Int128(adjustment.subtotal.ore) * Int128(percent.units), denominator: powerOfTen(percent.scale + 2))
            let rounded = exact.isWholeOre ? "" : "\(SwedishText.kronor(exact)), avrundat till hela öre, hälften uppåt = "
            lines = [
                "Nedsättning med \(SwedishText.percent(percent)) enligt beslut \(reference): \(adjustment.subtotal.swedish) × \(SwedishText.decimal(percent))/100 = \(rounded)\(adjustment.amount.magnitude.swedish); avdrag \(adjustment.amount.swedish)."
            ]
            if let reason { lines.append("Skäl: \(reason)") }
        case .waiver(let reference, let reason):
            lines = ["Avgiften efterskänks enligt beslut \(reference): avdrag \(adjustment.amount.swedish), hela summan \(adjustment.subtotal.swedish)."]
            if let reason { lines.append("Skäl: \(reason)") }
        }
        lines.append("\(adjustment.paragraph): \(adjustment.text)")
        return lines
    }
}
