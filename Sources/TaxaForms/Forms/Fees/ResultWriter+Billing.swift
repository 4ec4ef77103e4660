import TaxaBase
import TaxaEngine

/// The parts of a `fees` result that the billing system posts beyond the lines' amounts: VAT
/// per rate, the rounding of the total, each line's accounting codes and, with several VAT
/// rates, each line's rate and each cap's and adjustment's share per rate.
extension ResultWriter {
    /// `"vat"`: with one rate the object results have always had (`rate`, `amount`,
    /// `included`); with several, an array of one such object per rate, each with its `base`.
    static func write(_ vat: VATBreakdown, into w: inout JSONWriter) {
        w.key("vat")
        if vat.severalRates {
            w.beginArray()
            for entry in vat.entries { write(entry, base: true, into: &w) }
            w.endArray()
        } else if let entry = vat.entries.first {
            write(entry, base: false, into: &w)
        }
    }

    private static func write(_ entry: VATEntry, base: Bool, into w: inout JSONWriter) {
        w.beginObject()
        w.key("rate"); w.string { $0.appendDecimal(Int128(entry.rate.units), scale: entry.rate.scale) }
        if base { w.key("base"); w.money(entry.base) }
        w.key("amount"); w.money(entry.amount)
        w.key("included"); w.bool(entry.included)
        entry.accounting?.write(into: &w)
        w.endObject()
    }

    /// `"rounding"`: the total before the rounding, the difference, the Swedish text.
    static func write(_ rounding: RoundingLine, total: Money, into w: inout JSONWriter) {
        w.key("rounding")
        w.beginObject()
        w.key("unrounded"); w.money(rounding.unrounded)
        w.key("amount"); w.money(rounding.amount)
        w.key("text")
        w.string { out in
            // "Öresavrundning: 5 311,38 kr avrundat till hela kronor, hälften uppåt = 5 311,00 kr: −0,38 kr"
            out.appendText(rounding.rule.name)
            out.appendText(": ")
            SwedishNumber.append(rounding.unrounded, to: &out)
            out.appendText(" ")
            out.appendText(SwedishText.rounding(rounding.rule.rounding))
            out.appendText(" = ")
            SwedishNumber.append(total, to: &out)
            out.appendText(": ")
            SwedishNumber.append(rounding.amount, to: &out)
        }
        rounding.rule.accounting?.write(into: &w)
        w.endObject()
    }

    /// A fee line's rate when the result has several (`"vat_rate"`), and its fee's accounting codes.
    static func writeBilling(_ fee: FeeDefinition, line: Int, vat: VATBreakdown?, into w: inout JSONWriter) {
        if let vat, vat.severalRates, line < vat.lineEntries.count {
            let rate = vat.entries[vat.lineEntries[line]].rate
            w.key("vat_rate"); w.string { $0.appendDecimal(Int128(rate.units), scale: rate.scale) }
        }
        fee.accounting?.write(into: &w)
    }

    /// `"vat_split"`: `[{"rate", "amount"}]`, an amount's share per rate, in the order of `vat`.
    static func writeSplit(_ shares: [Money], _ vat: VATBreakdown, into w: inout JSONWriter) {
        w.key("vat_split")
        w.beginArray()
        for (entry, share) in zip(vat.entries, shares) {
            w.beginObject()
            w.key("rate"); w.string { $0.appendDecimal(Int128(entry.rate.units), scale: entry.rate.scale) }
            w.key("amount"); w.money(share)
            w.endObject()
        }
        w.endArray()
    }
}
