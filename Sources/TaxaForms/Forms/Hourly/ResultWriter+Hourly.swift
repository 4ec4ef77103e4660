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
        for index in invoice.lines.indices { write(invoice, index, into: &w) }
        w.endArray()
        w.key("subtotal"); w.money(invoice.priced.subtotal)
        if let adjustment = invoice.priced.adjustment { write(adjustment, explain: envelope.explain, into: &w) }
        w.key("total"); w.money(invoice.priced.total)
        endSuccess(envelope, invoice.priced.provenance, into: &w)
    }

    /// Writes `invoice.lines[index]` from its engine line, read in place: the version's name,
    /// the activities' keys and paragraphs are written from the tariff's own strings, not from
    /// copies (a copy of a line, or of a list of names, retains each of its references).
    static func write(_ invoice: Invoice, _ index: Int, into w: inout JSONWriter) {
        let line = invoice.lines[index].line
        let hourly = invoice.isHourly(index)
        w.beginObject()
        // The kinds' raw values as static text: the enum's `rawValue` makes a string per line.
        let kind: StaticString = hourly ? "hourly" : "free"
        w.key("kind"); w.string(kind)
        if hourly {
            w.key("version"); invoice.withVersionName(index) { w.plainString($0) }
            w.key("fee_year"); w.integer(invoice.priced.lines[line].feeYear)
        }
        w.key("activities")
        w.beginArray()
        invoice.forEachActivityKey(index) { w.string($0) }
        w.endArray()
        w.key("paragraphs")
        w.beginArray()
        invoice.forEachParagraph(index) { w.string($0) }
        w.endArray()
        w.key("minutes"); w.integer(invoice.minutes(index))
        if hourly {
            w.key("billed_minutes"); w.integer(invoice.billedMinutes(index))
            w.key("hourly_rate"); w.money(invoice.lines[index].hourlyRate)
        }
        w.key("amount"); w.money(invoice.amount(index))
        w.key("text")
        let text = w.beginBuiltString()
        InvoiceText.append(invoice, index, to: &w)
        w.endBuiltString(from: text)
        if index < invoice.explanations.count { w.key("explanation"); strings(invoice.explanations[index], into: &w) }
        w.endObject()
    }
}
