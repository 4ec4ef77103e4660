/// The Swedish derivation of a reduction or waiver by decision (LÅFF 8 §), for `explain`: the
/// arithmetic, the decision it rests on, and the paragraph that allows it.
enum AdjustmentText {
    static func explanation(_ adjustment: AppliedAdjustment) -> [String] {
        var lines: [String]
        switch adjustment.request {
        case .reduction(let percent, let reference, let reason):
            lines = [
                "Nedsättning med \(SwedishText.percent(percent)) enligt beslut \(reference): \(adjustment.subtotal.swedish) × \(SwedishText.decimal(percent))/100 = \(adjustment.amount.magnitude.swedish), avrundat till hela öre, hälften uppåt; avdrag \(adjustment.amount.swedish)."
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
