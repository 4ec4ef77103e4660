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
        for index in invoice.lines.indices { write(invoice.lines, index, into: &w) }
        w.endArray()
        w.key("subtotal"); w.money(invoice.subtotal)
        if let adjustment = invoice.adjustment { write(adjustment, explain: envelope.explain, into: &w) }
        w.key("total"); w.money(invoice.total)
        endSuccess(envelope, invoice.provenance, into: &w)
    }

    /// Writes `lines[index]`, read in place: passing the element itself copies it, retaining
    /// (and then releasing) each of its references.
    static func write(_ lines: [FeeLine], _ index: Int, into w: inout JSONWriter) {
        w.beginObject()
        w.key("kind"); w.plainString(lines[index].kind.rawValue)
        if let version = lines[index].version { w.key("version"); w.plainString(version.name) }
        if let year = lines[index].feeYear { w.key("fee_year"); w.integer(year) }
        w.key("activities"); strings(lines[index].activities, into: &w)
        w.key("paragraphs"); strings(lines[index].paragraphs, into: &w)
        w.key("minutes"); w.integer(lines[index].minutes)
        if let billed = lines[index].billedMinutes { w.key("billed_minutes"); w.integer(billed) }
        if let rate = lines[index].rate?.rate { w.key("hourly_rate"); w.money(rate) }
        w.key("amount"); w.money(lines[index].amount)
        w.key("text")
        let text = w.beginBuiltString()
        InvoiceText.append(lines, index, to: &w)
        w.endBuiltString(from: text)
        if let explanation = lines[index].explanation { w.key("explanation"); strings(explanation, into: &w) }
        w.endObject()
    }
}
