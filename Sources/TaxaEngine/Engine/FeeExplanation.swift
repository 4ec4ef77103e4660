import TaxaBase

/// The Swedish derivation of a line and of a cap line, for auditors (`"explain": true`): which
/// items, how they were summed and rounded, each block's step, and the tariff's own words.
package enum FeeExplanation {
    static func line(_ line: PricedLine, trace: [String], naming: ItemNaming) -> [String] {
        let fee = line.fees[0]
        let names = line.fees.map { fee in fee.paragraph.map { "\(fee.name) (\($0))" } ?? fee.name }.joined(separator: ", ")
        var lines = ["\(names): version \(line.version.name)\(scopeText(line)), avgiftsår \(line.feeYear)."]
        // Once per line, not per item: a line may sum 10 000 items.
        let quantities = line.noted.compactMap(\.quantity)
        for (number, position) in line.items.enumerated() {
            lines.append("\(naming.item(position)): \(describeItem(line, number, quantities: quantities))")
        }
        if let rule = fee.quantity, let sum = line.quantity {
            let unit = rule.unit
            var text = line.items.count > 1 ? "Summa: \(SwedishText.number(sum)) \(unit)" : "Mängd: \(SwedishText.number(sum)) \(unit)"
            var billed = sum
            if let less = rule.less {
                billed = line.lessened ?? sum
                text += " − \(SwedishText.integer(less)) = \(SwedishText.number(billed)) \(unit)"
            }
            if let increment = rule.increment, let mode = rule.rounding, let count = line.increments {
                let started = mode == .up ? "varje påbörjad period" : "perioder"
                text +=
                    "; \(started) om \(SwedishText.integer(increment)) \(unit) debiteras (\(SwedishText.mode(mode))): \(SwedishText.number(billed))/\(SwedishText.integer(increment)) → \(SwedishText.integer(count)), alltså \(SwedishText.number(line.billed ?? billed)) \(unit)"
            }
            lines.append(text + ".")
        }
        lines += trace
        if !line.unrounded.isWholeOre {
            lines.append("\(SwedishText.kronor(line.unrounded)) avrundat till hela öre, hälften uppåt = \(line.amount.swedish).")
        }
        for fee in line.fees {
            lines.append("\(fee.paragraph ?? fee.name): \(fee.text)")
        }
        return lines
    }

    static func cap(_ cap: CapLine, derivation: [String]) -> [String] {
        let rule = cap.cap
        var lines = [
            "\(rule.name) \(cap.month): avgifterna \(rule.fees.joined(separator: ", ")) uppgår till \(cap.charged.swedish); taket är \(cap.limit.swedish), så \(cap.amount.swedish) avräknas."
        ]
        lines += derivation
        lines.append("\(rule.paragraph ?? rule.name): \(rule.text)")
        return lines
    }

    private static func scopeText(_ line: PricedLine) -> String {
        switch line.scope {
        case .item: ", \(line.period)"
        case .day: ", dag \(line.period)"
        case .month: ", månad \(line.period)"
        case .year: ", år \(line.period)"
        case .request: ""
        }
    }

    /// "2024-03-05 planerad, minutes 50": the item's date, fee and inputs (its own quantity on
    /// a summed line, the line's other inputs, which are the same on every item).
    /// `quantities`: the quantities of the line's items that have one, in order.
    private static func describeItem(_ line: PricedLine, _ number: Int, quantities: [Exact]) -> String {
        let fee = line.fees[0]
        var parts: [String] = []
        for (index, input) in fee.inputs.enumerated() {
            if index == fee.quantity?.inputIndex, number < quantities.count {
                parts.append("\(input.name) \(SwedishText.number(quantities[number]))")
            } else {
                parts.append("\(input.name) \(line.inputs[index].swedish)")
            }
        }
        let date = number < line.noted.count ? "\(line.noted[number].date) " : ""
        let key = number < line.noted.count ? line.noted[number].fee : fee.key
        return date + ([key] + parts).joined(separator: ", ")
    }
}
