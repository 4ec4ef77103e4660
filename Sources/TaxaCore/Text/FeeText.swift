/// The Swedish invoice texts of `fees` results: "Planerad kontroll 2024-03-05: 60 min à
/// 2 160,00 kr/60 min = 2 160,00 kr".
enum FeeText {
    static func line(_ line: PricedLine) -> String {
        let fee = line.fees[0]
        var text = line.fees.count > 1 ? line.fees.map(\.name).joined(separator: ", ") : fee.name
        if let paragraph = fee.paragraph { text += " (\(paragraph))" }
        if !line.period.isEmpty { text += " \(line.period)" }
        text += ": "
        if let rule = fee.quantity, let billed = line.billed {
            text += "\(SwedishText.number(billed)) \(rule.unit)"
            if let price = line.unitPrice {
                let per = line.per ?? 1
                text += " à \(price.swedish)" + (per == 1 ? "" : " per \(per) \(rule.unit)")
            }
            text += " = "
        }
        return text + line.amount.swedish
    }

    static func cap(_ cap: CapLine) -> String {
        "\(cap.cap.name) \(cap.month): avgifter \(cap.charged.swedish), högst \(cap.limit.swedish) = \(cap.amount.swedish)"
    }

}

extension Money {
    /// The magnitude, for texts that name a deduction without its sign (−0,01 kr of
    /// `Int64.min` öre cannot be told apart in a text).
    var magnitude: Money { ore < 0 ? Money(ore: ore == .min ? .max : -ore) : self }
}
