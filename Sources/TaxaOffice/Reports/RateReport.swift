import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// Renders `taxa rates` as text for people or as JSON for programs.
package enum RateReport {
    package static func text(_ tariff: Tariff, rows: [RateRow]) -> String {
        var out = "\(tariff.id): hourly rate per fee year\n"
        for row in rows {
            let version = row.version
            switch row.result {
            case .success(let derivation):
                out += "\(row.year)  \(derivation.rate) kr/h  version \(version.name) (decided \(version.decided), \(version.decision.reference))\n"
                out += "      base rate \(derivation.base) kr (\(version.file))\n"
                for step in derivation.steps {
                    out += "      \(step.year): \(step.previous) × (1 + \(step.percent)/100) = \(step.unrounded) → \(step.rate)"
                    out += "  [\(step.series) \(step.percent) % for \(step.year), published \(step.publication.published): \(step.publication.title)]\n"
                }
                out += "      tariff_digest \(row.digest!.value)\n"
            case .failure(let error):
                out += "\(row.year)  —  version \(version.name): cannot be computed (\(error.code.rawValue)): \(error.message)\n"
            }
        }
        if rows.isEmpty { out += "(no version in force in these years)\n" }
        return out
    }

    /// Opens a row of either rate table: the fee year and the version that prices it.
    static func beginRow(year: Int, version: TariffVersion, into w: inout JSONWriter) {
        w.beginObject()
        w.key("year"); w.integer(year)
        w.key("version"); w.plainString(version.name)
        w.key("decided"); w.plainString(version.decided.description)
        w.key("file"); w.string(version.file)
    }

    package static func json(_ tariff: Tariff, rows: [RateRow]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("tariff"); w.string(tariff.id)
        w.key("rates")
        w.beginArray()
        for row in rows {
            RateReport.beginRow(year: row.year, version: row.version, into: &w)
            switch row.result {
            case .success(let derivation):
                w.key("base_rate"); w.plainString(derivation.base.description)
                w.key("steps")
                w.beginArray()
                for step in derivation.steps {
                    w.beginObject()
                    w.key("year"); w.integer(step.year)
                    w.key("previous_rate"); w.plainString(step.previous.description)
                    w.key("series"); w.string(step.series)
                    w.key("percent"); w.plainString(step.percent.description)
                    w.key("published"); w.plainString(step.publication.published.description)
                    w.key("publication"); w.string(step.publication.title)
                    w.key("unrounded"); w.plainString(step.unrounded)
                    w.key("rate"); w.plainString(step.rate.description)
                    w.endObject()
                }
                w.endArray()
                w.key("hourly_rate"); w.plainString(derivation.rate.description)
                w.key("tariff_digest"); w.plainString(row.digest!.value)
            case .failure(let error):
                w.key("error")
                w.beginObject()
                w.key("code"); w.plainString(error.code.rawValue)
                w.key("message"); w.string(error.message)
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return String(decoding: w.finishLine(), as: UTF8.self)
    }
}
