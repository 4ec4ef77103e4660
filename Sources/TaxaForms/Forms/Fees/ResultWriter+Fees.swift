import TaxaBase
import TaxaEngine

/// The result record of a `fees` tariff: one line per priced group, a line per cap applied,
/// the subtotal, any reduction or waiver, VAT, and the total invoiced.
extension ResultWriter {
    static func success(_ envelope: RequestEnvelope, _ invoice: FeeInvoice, into w: inout JSONWriter) {
        beginSuccess(envelope, kind: .fees, into: &w)
        w.key("lines")
        w.beginArray()
        for index in invoice.lines.indices { write(invoice.lines, index, vat: invoice.vat, into: &w) }
        for index in invoice.caps.indices {
            write(invoice.caps, index, shares: index < invoice.vat?.capShares.count ?? 0 ? invoice.vat?.capShares[index] : nil, vat: invoice.vat, into: &w)
        }
        w.endArray()
        w.key("subtotal"); w.money(invoice.subtotal)
        if let adjustment = invoice.adjustment {
            let split = invoice.vat.flatMap { $0.severalRates ? $0 : nil }
            write(adjustment, explain: envelope.explain, into: &w) { w in
                if let split { writeSplit(split.adjustmentShares, split, into: &w) }
            }
        }
        if let vat = invoice.vat { write(vat, into: &w) }
        if let rounding = invoice.rounding { write(rounding, total: invoice.total, into: &w) }
        w.key("total"); w.money(invoice.total)
        endSuccess(envelope, invoice.provenance, into: &w)
    }

    /// Writes `lines[index]`, read in place: a line is a large value, and a copy (or a closure
    /// capturing it) retains each of its parts.
    ///
    /// The line's fee is handed on without a retain: the line, which the caller holds, keeps it
    /// alive (itself or through its version), and every request shares it (a count that
    /// threads pricing at once contend for).
    private static func write(_ lines: [PricedLine], _ index: Int, vat: VATBreakdown?, into w: inout JSONWriter) {
        Unmanaged.passUnretained(lines[index].fee)._withUnsafeGuaranteedRef { fee in
            write(lines, index, fee: fee, vat: vat, into: &w)
        }
    }

    /// The line's fee is a parameter, not a local: the strings of a fee passed in are read in
    /// place, where those of a local loaded from the line are retained and released each.
    @inline(never)
    private static func write(_ lines: [PricedLine], _ index: Int, fee: FeeDefinition, vat: VATBreakdown?, into w: inout JSONWriter) {
        w.beginObject()
        w.key("kind"); w.plainString("fee")
        w.key("fee")
        // The rule bound, then its group (`if let rule = fee.quantity`): the chain
        // `fee.quantity?.group != nil` copied the group out (a retain and a release) on every line.
        if let rule = fee.quantity, let group = rule.group { w.string(group) } else { w.string(fee.key) }
        let grouped = if let rule = fee.quantity, rule.group != nil { true } else { false }
        if grouped || !lines[index].otherFees.isEmpty {
            w.key("fees")
            w.beginArray()
            w.string(fee.key)
            for other in lines[index].otherFees.indices { w.string(lines[index].otherFees[other].key) }
            w.endArray()
        }
        if let paragraph = fee.paragraph { w.key("paragraph"); w.string(paragraph) }
        // The version read as the fee is, without a retain, and its name in place.
        w.key("version")
        Unmanaged.passUnretained(lines[index].version)._withUnsafeGuaranteedRef { w.plainString($0.name) }
        w.key("fee_year"); w.integer(lines[index].feeYear)
        let scope = lines[index].scope
        if scope != .request {
            let date = lines[index].periodDate
            w.key("period"); w.string { FeeText.appendPeriod(scope, date, to: &$0) }
        }
        w.key("items")
        w.beginArray()
        w.integer(lines[index].firstItem)
        // By index, the list read in place: a loop over it retains it, empty as it mostly is.
        for item in lines[index].otherItems.indices { w.integer(lines[index].otherItems[item]) }
        w.endArray()
        if let rule = fee.quantity, let quantity = lines[index].quantity {
            w.key("quantity")
            w.beginObject()
            w.key("input"); w.string(rule.input)
            w.key("unit"); w.string(rule.unit)
            w.key("sum"); w.string { $0.appendPlain(quantity) }
            if let billed = lines[index].billed { w.key("billed"); w.string { $0.appendPlain(billed) } }
            w.endObject()
        }
        if let price = lines[index].unitPrice {
            w.key("unit_price"); w.money(price)
            w.key("per"); w.integer(lines[index].per ?? 1)
        }
        w.key("amount"); w.money(lines[index].amount)
        w.key("text")
        let start = w.beginBuiltString()
        FeeText.append(lines, index, fee: fee, to: &w)
        w.endBuiltString(from: start)
        if let explanation = lines[index].explanation { w.key("explanation"); strings(explanation, into: &w) }
        writeBilling(fee, line: index, vat: vat, into: &w)
        w.endObject()
    }

    /// Writes `caps[index]`, read in place as a line is: a cap line holds its rule, a struct
    /// of strings, and a copy retains each of them.
    private static func write(_ caps: [CapLine], _ index: Int, shares: [Money]?, vat: VATBreakdown?, into w: inout JSONWriter) {
        w.beginObject()
        w.key("kind"); w.plainString("cap")
        w.key("cap"); w.string(caps[index].cap.key)
        if let paragraph = caps[index].cap.paragraph { w.key("paragraph"); w.string(paragraph) }
        w.key("version"); w.plainString(caps[index].version.name)
        w.key("period"); w.plainString(caps[index].month)
        w.key("charged"); w.money(caps[index].charged)
        w.key("limit"); w.money(caps[index].limit)
        w.key("amount"); w.money(caps[index].amount)
        w.key("text")
        let start = w.beginBuiltString()
        FeeText.append(caps, index, to: &w)
        w.endBuiltString(from: start)
        if let explanation = caps[index].explanation { w.key("explanation"); strings(explanation, into: &w) }
        if let vat, let shares { writeSplit(shares, vat, into: &w) }
        caps[index].cap.accounting?.write(into: &w)
        w.endObject()
    }
}
