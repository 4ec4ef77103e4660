import TaxaBase
import TaxaEngine

/// Writes result and error records in the contract's shape. Money is always a string with two
/// decimals; keys come in a fixed order so identical input gives byte-identical output.
package enum ResultWriter {
    /// Opens a success record with the envelope's keys, common to every kind (the hourly kind,
    /// the first, has no `kind` key: its contract predates the others).
    static func beginSuccess(_ envelope: RequestEnvelope, kind: TariffRules.Kind?, into w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); w.string(envelope.id)
        w.key("ok"); w.bool(true)
        w.key("tariff"); w.string(envelope.tariff.id)
        if let kind { w.key("kind"); w.plainString(kind.rawValue) }
        w.key("currency"); w.string("SEK")
        if let asOf = envelope.asOf { w.key("as_of"); w.string { $0.appendDate(asOf) } }
    }

    /// Closes a success record: provenance, then the echoed `meta`.
    static func endSuccess(_ envelope: RequestEnvelope, _ digest: RuleDigest, into w: inout JSONWriter) {
        provenance(digest, into: &w)
        if let meta = envelope.meta { w.key("meta"); w.raw(meta) }
        w.endObject()
    }

    /// An error record. `inputSHA256` (the hex digest of the line as received, nil for a line
    /// too long to read) lets a caller that split the stream join a record without an `id` back
    /// to its input: `line` only counts within one process's input. `errors` lists every error
    /// of the request in line order (see `RequestDiagnosis`); `error` is the first of them, and
    /// the only one when `errors` is empty.
    package static func error(
        id: String?, line: Int, inputSHA256: String?, _ error: RequestError, errors: [RequestError] = [], into w: inout JSONWriter
    ) {
        let first = errors.first ?? error
        w.beginObject()
        w.key("id")
        if let id { w.string(id) } else { w.null() }
        w.key("ok"); w.bool(false)
        w.key("line"); w.integer(line)
        w.key("input_sha256")
        if let inputSHA256 { w.plainString(inputSHA256) } else { w.null() }
        w.key("error")
        write(first, into: &w)
        w.key("errors")
        w.beginArray()
        if errors.isEmpty { write(error, into: &w) }
        for each in errors { write(each, into: &w) }
        w.endArray()
        w.endObject()
    }

    /// `{"code", "path", "message"}`.
    private static func write(_ error: RequestError, into w: inout JSONWriter) {
        w.beginObject()
        w.key("code"); w.plainString(error.code.rawValue)
        w.key("path")
        let start = w.beginBuiltString()
        error.path.appendText(to: &w)
        w.endBuiltString(from: start)
        w.key("message"); w.string(error.message)
        w.endObject()
    }

    /// `more` writes what a result of one kind adds at the end (a `fees` result's VAT split).
    static func write(
        _ adjustment: AppliedAdjustment, explain: Bool, into w: inout JSONWriter, more: (inout JSONWriter) -> Void = { _ in }
    ) {
        w.key("adjustment")
        w.beginObject()
        switch adjustment.request {
        case .reduction(let percent, let reference, let reason):
            w.key("kind"); w.string("reduction")
            w.key("percent"); w.string { $0.appendDecimal(Int128(percent.units), scale: percent.scale) }
            w.key("paragraph"); w.string(adjustment.paragraph)
            w.key("amount"); w.money(adjustment.amount)
            w.key("reference"); w.string(reference)
            if let reason { w.key("reason"); w.string(reason) }
        case .waiver(let reference, let reason):
            w.key("kind"); w.string("waiver")
            w.key("paragraph"); w.string(adjustment.paragraph)
            w.key("amount"); w.money(adjustment.amount)
            w.key("reference"); w.string(reference)
            if let reason { w.key("reason"); w.string(reason) }
        }
        if explain { w.key("explanation"); strings(AdjustmentText.explanation(adjustment), into: &w) }
        more(&w)
        w.endObject()
    }

    /// The versions used and the digest of the exact rule data behind the result.
    static func provenance(_ digest: RuleDigest, into w: inout JSONWriter) {
        digest.write(into: &w)
    }

    /// A JSON array of strings (activities, paragraphs, explanations).
    static func strings(_ values: [String], into w: inout JSONWriter) {
        w.beginArray()
        for value in values { w.string(value) }
        w.endArray()
    }
}
