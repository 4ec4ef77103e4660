import TaxaBase
import TaxaEngine

/// The result record of an hourly tariff: one line per version and fee year (and one per free
/// activity), the subtotal, any reduction or waiver, and the total. It has no `kind` key: its
/// contract predates the other kinds.
extension ResultWriter {
    static func success(_ envelope: RequestEnvelope, _ invoice: Invoice, into w: inout JSONWriter) {
        beginSuccess(envelope, kind: nil, into: &w)
        w.key("lines")
        w.beginArray()
        for index in invoice.lines.indices { write(invoice.lines[index], into: &w) }
        w.endArray()
        w.key("subtotal"); w.money(invoice.subtotal)
        if let adjustment = invoice.adjustment { write(adjustment, explain: envelope.explain, into: &w) }
        w.key("total"); w.money(invoice.total)
        endSuccess(envelope, invoice.provenance, into: &w)
    }

    static func write(_ line: FeeLine, into w: inout JSONWriter) {
        w.beginObject()
        w.key("kind"); w.plainString(line.kind.rawValue)
        if let version = line.version { w.key("version"); w.plainString(version.name) }
        if let year = line.feeYear { w.key("fee_year"); w.integer(year) }
        w.key("activities"); strings(line.activities, into: &w)
        w.key("paragraphs"); strings(line.paragraphs, into: &w)
        w.key("minutes"); w.integer(line.minutes)
        if let billed = line.billedMinutes { w.key("billed_minutes"); w.integer(billed) }
        if let rate = line.rate { w.key("hourly_rate"); w.money(rate.rate) }
        w.key("amount"); w.money(line.amount)
        // Written in place: a closure capturing `line` would copy it, retaining each of its parts.
        w.key("text")
        let text = w.beginBuiltString()
        InvoiceText.append(line, to: &w)
        w.endBuiltString(from: text)
        if let explanation = line.explanation { w.key("explanation"); strings(explanation, into: &w) }
        w.endObject()
    }
}
