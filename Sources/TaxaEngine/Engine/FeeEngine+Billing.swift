import TaxaBase

/// The last steps of an invoice, after caps and the adjustment: VAT per rate and the rounding
/// of the total.
extension FeeEngine {
    /// The VAT of an invoice whose lines, caps and adjustment are priced, adding VAT that is
    /// not included to `total`. Nil when no line carries VAT.
    ///
    /// Each line's rule is its fee's own VAT, else the VAT of the latest version among the
    /// request's (as a tariff with one rule has always been priced). When every line has one
    /// rate, VAT is worked out on the total as before. With several rates, each rate's amount
    /// is its lines, plus its share of each cap line over them and of the adjustment: split pro
    /// rata by amount, each share rounded to öre (half away from zero) but the largest rate's,
    /// which takes the rest, so the shares add up exactly. Then per rate: included VAT is
    /// `round(amount × rate ÷ (100 + rate))` of it, added VAT `round(amount × rate ÷ 100)`.
    /// `feeVAT`: whether a fee of the request's versions states its own VAT.
    static func vat(
        _ lines: [PricedLine], _ caps: [CapLine], _ adjustment: AppliedAdjustment?, feeVAT: Bool,
        latest: TariffVersion?, total: inout Money
    ) throws(ArithmeticOverflow) -> VATBreakdown? {
        let common = latest?.rules.fees.vat
        guard feeVAT else {
            guard let common else { return nil }
            return VATBreakdown(entries: [try entry(common, amount: total, total: &total)])
        }
        // Each line's rule (nil: no VAT, counted at 0 %) and the entry it belongs to.
        var rules: [VATRule?] = []
        var lineEntries: [Int] = []
        for index in lines.indices {
            let rule = lines[index].fee.vat ?? common
            if let known = rules.firstIndex(where: { sameRate($0, rule) }) {
                lineEntries.append(known)
                if rules[known] == nil || rules[known]?.accounting == nil { rules[known] = rule ?? rules[known] }
            } else {
                lineEntries.append(rules.count)
                rules.append(rule)
            }
        }
        if rules.count == 1 {
            guard let rule = rules[0] else { return nil }
            return VATBreakdown(entries: [try entry(rule, amount: total, total: &total)])
        }
        // Entries highest rate first, included before added.
        let order = rules.indices.sorted { a, b in
            let (x, y) = (rate(rules[a]), rate(rules[b]))
            return x != y ? x > y : (rules[a]?.included ?? false) && !(rules[b]?.included ?? false)
        }
        var rank = Array(repeating: 0, count: rules.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        lineEntries = lineEntries.map { rank[$0] }

        var amounts = Array(repeating: Money.zero, count: rules.count)
        for index in lines.indices { amounts[lineEntries[index]] = try amounts[lineEntries[index]].adding(lines[index].amount) }
        var capShares: [[Money]] = []
        for cap in caps {
            var weights = Array(repeating: Money.zero, count: rules.count)
            for line in cap.lines { weights[lineEntries[line]] = try weights[lineEntries[line]].adding(lines[line].amount) }
            let shares = try split(cap.amount, by: weights)
            for entry in shares.indices { amounts[entry] = try amounts[entry].adding(shares[entry]) }
            capShares.append(shares)
        }
        var adjustmentShares: [Money] = []
        if let adjustment {
            adjustmentShares = try split(adjustment.amount, by: amounts)
            for entry in adjustmentShares.indices { amounts[entry] = try amounts[entry].adding(adjustmentShares[entry]) }
        }
        var entries: [VATEntry] = []
        for (position, index) in order.enumerated() {
            let rule = rules[index] ?? VATRule(rate: ScaledDecimal(units: 0, scale: 0), included: false, rounding: FeeBillingParser.oreHalfUp, text: "")
            entries.append(try entry(rule, amount: amounts[position], total: &total))
        }
        return VATBreakdown(entries: entries, lineEntries: lineEntries, capShares: capShares, adjustmentShares: adjustmentShares)
    }

    /// The VAT of `amount` at one rate; VAT that is added is added to `total`.
    static func entry(_ rule: VATRule, amount: Money, total: inout Money) throws(ArithmeticOverflow) -> VATEntry {
        let rate = Int128(rule.rate.units)
        let hundred = Int128(100) * powerOfTen(rule.rate.scale)
        if rate == 0 {
            return VATEntry(rate: rule.rate, included: false, base: amount, amount: .zero, accounting: rule.accounting)
        }
        if rule.included {
            let part = try Exact(amount).multiplied(by: rate, dividedBy: hundred + rate).rounded(to: rule.rounding.step, rule.rounding.mode)
            return VATEntry(rate: rule.rate, included: true, base: try amount.adding(try part.negated()), amount: part, accounting: rule.accounting)
        }
        let part = try Exact(amount).multiplied(by: rate, dividedBy: hundred).rounded(to: rule.rounding.step, rule.rounding.mode)
        total = try total.adding(part)
        return VATEntry(rate: rule.rate, included: false, base: amount, amount: part, accounting: rule.accounting)
    }

    /// Whether two lines' rules make one entry (no rule counts as 0 %).
    static func sameRate(_ a: VATRule?, _ b: VATRule?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): FeeBillingParser.sameRate(a, b)
        case (let rule?, nil), (nil, let rule?): rule.rate.units == 0
        }
    }

    /// A rule's rate in hundredths of a percent, for ordering entries.
    static func rate(_ rule: VATRule?) -> Int64 { rule?.rate.rescaled(to: 2) ?? 0 }

    /// `amount` split over entries in proportion to `weights`: each share rounded to öre, half
    /// away from zero, but the largest weight's (the first of equals), which takes the rest.
    static func split(_ amount: Money, by weights: [Money]) throws(ArithmeticOverflow) -> [Money] {
        var shares = Array(repeating: Money.zero, count: weights.count)
        var largest = 0
        var sum = Int128(0)
        for index in weights.indices {
            sum += Int128(weights[index].ore)
            if weights[largest] < weights[index] { largest = index }
        }
        var rest = amount
        if sum != 0 {
            // amount × weight ÷ sum, with a positive divisor.
            let (sign, divisor) = sum < 0 ? (Int128(-1), -sum) : (Int128(1), sum)
            for index in weights.indices where index != largest {
                let share = try Exact(amount).multiplied(by: Int128(weights[index].ore) * sign, dividedBy: divisor)
                shares[index] = try share.rounded(to: Money(ore: 1), .halfAwayFromZero)
                rest = try rest.adding(try shares[index].negated())
            }
        }
        shares[largest] = rest
        return shares
    }

    /// The total rounded to a multiple of the latest version's step (öresavrundning), after VAT;
    /// nil when the version states no rounding.
    static func roundTotal(_ latest: TariffVersion?, total: inout Money) throws(ArithmeticOverflow) -> RoundingLine? {
        guard let rule = latest?.rules.fees.totalRounding else { return nil }
        let unrounded = total
        total = try Exact(total).rounded(to: rule.rounding.step, rule.rounding.mode)
        return RoundingLine(rule: rule, unrounded: unrounded, amount: try total.adding(try unrounded.negated()))
    }
}
