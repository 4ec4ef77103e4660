import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// The published site as one JSON document, for a municipality's own web system: the same
/// content as the pages, with money as strings with two decimals (and the Swedish text beside
/// each amount a page shows), keys in a fixed order, so the same data gives the same bytes.
package enum PublishJSON {
    static func document(_ site: PublishedSite, generator: String) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 1 << 16)
        w.beginObject()
        w.key("year"); w.integer(site.year)
        w.key("as_of")
        if let asOf = site.asOf { w.plainString(asOf.description) } else { w.null() }
        w.key("generator"); w.string(generator)
        w.key("tariffs")
        w.beginArray()
        for tariff in site.tariffs { write(tariff, into: &w) }
        w.endArray()
        w.endObject()
        return w.finishLine()
    }

    private static func write(_ tariff: PublishedTariff, into w: inout JSONWriter) {
        w.beginObject()
        w.key("tariff"); w.string(tariff.id)
        w.key("title"); w.string(tariff.title)
        w.key("kind"); w.plainString(tariff.kind.rawValue)
        w.key("page"); w.string("\(tariff.id)/index.html")
        w.key("versions_in_force")
        w.beginArray()
        for published in tariff.inForce { write(published, into: &w) }
        w.endArray()
        w.key("history")
        w.beginArray()
        let current = Set(tariff.inForce.map { $0.version.file })
        for version in tariff.history {
            w.beginObject()
            versionHead(version, into: &w)
            w.key("in_force"); w.bool(current.contains(version.file))
            w.endObject()
        }
        w.endArray()
        w.key("charts")
        w.beginArray()
        for chart in tariff.charts where !chart.points.isEmpty {
            w.beginObject()
            w.key("label"); w.string(chart.label)
            w.key("series"); w.string(chart.series)
            w.key("points")
            w.beginArray()
            for point in chart.points {
                w.beginObject()
                w.key("year"); w.integer(point.year)
                w.key("amount"); w.plainString(point.value.isWholeOre ? Money(ore: Int64(point.value.numerator)).description : point.value.kronorText)
                w.key("text"); w.string(SwedishText.kronor(point.value))
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("index_values")
        w.beginArray()
        for value in tariff.indexValues {
            w.beginObject()
            w.key("series"); w.string(value.series)
            w.key("name"); w.string(value.seriesName)
            w.key("year"); w.integer(value.year)
            w.key("unit"); w.plainString(value.unit.rawValue)
            w.key("value"); w.plainString(value.value.description)
            w.key("published"); w.plainString(value.publication.published.description)
            w.key("title"); w.string(value.publication.title)
            w.key("source"); w.string(value.publication.source)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private static func versionHead(_ version: TariffVersion, into w: inout JSONWriter) {
        w.key("version"); w.plainString(version.name)
        w.key("file"); w.string(version.file)
        w.key("title"); w.string(version.title)
        w.key("valid_from"); w.plainString(version.validFrom.description)
        w.key("valid_until")
        if let until = version.validUntil { w.plainString(until.description) } else { w.null() }
        w.key("decided"); w.plainString(version.decided.description)
        w.key("decision")
        w.beginObject()
        w.key("body"); w.string(version.decision.body)
        w.key("reference"); w.string(version.decision.reference)
        w.endObject()
    }

    private static func write(_ published: PublishedVersion, into w: inout JSONWriter) {
        w.beginObject()
        versionHead(published.version, into: &w)
        w.key("tariff_digest"); w.plainString(published.digest)
        if let hourly = published.hourly { write(hourly, into: &w) }
        w.key("fees")
        w.beginArray()
        for fee in published.fees {
            w.beginObject()
            w.key("fee"); w.string(fee.key)
            w.key("name"); w.string(fee.name)
            if let paragraph = fee.paragraph { w.key("paragraph"); w.string(paragraph) }
            w.key("text"); w.string(fee.text)
            w.key("inputs")
            w.beginArray()
            for input in fee.inputs {
                w.beginObject()
                w.key("name"); w.string(input.name)
                if let text = input.text { w.key("text"); w.string(text) }
                w.key("values"); w.string(input.values)
                if let value = input.defaultValue { w.key("default"); w.string(value) }
                w.endObject()
            }
            w.endArray()
            if let quantity = fee.quantity { w.key("quantity"); w.string(quantity) }
            w.key("price"); w.string(fee.price)
            w.key("segments"); write(fee.segments, into: &w)
            if let amount = fee.amount { w.key("amount"); w.money(amount) }
            w.endObject()
        }
        w.endArray()
        w.key("caps")
        w.beginArray()
        for cap in published.caps {
            w.beginObject()
            w.key("cap"); w.string(cap.key)
            w.key("name"); w.string(cap.name)
            if let paragraph = cap.paragraph { w.key("paragraph"); w.string(paragraph) }
            w.key("text"); w.string(cap.text)
            w.key("summary"); w.string(cap.summary)
            w.key("fees"); strings(cap.fees, into: &w)
            w.endObject()
        }
        w.endArray()
        if let vat = published.vat {
            w.key("vat")
            w.beginObject()
            w.key("summary"); w.string(vat.summary)
            w.key("text"); w.string(vat.text)
            w.endObject()
        }
        if let adjustments = published.adjustments {
            w.key("adjustments")
            w.beginObject()
            w.key("paragraph"); w.string(adjustments.paragraph)
            w.key("text"); w.string(adjustments.text)
            w.endObject()
        }
        w.key("examples")
        w.beginArray()
        for example in published.examples {
            w.beginObject()
            w.key("name"); w.string(example.name)
            w.key("source"); w.string(example.source)
            w.key("request"); w.string(example.request)
            w.key("lines"); strings(example.lines, into: &w)
            w.key("total"); w.money(example.total)
            if let vat = example.vat { w.key("vat"); w.money(vat) }
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private static func write(_ hourly: PublishedHourly, into w: inout JSONWriter) {
        let rules = hourly.rules
        w.key("hourly")
        w.beginObject()
        w.key("hourly_rate"); w.money(hourly.derivation.rate)
        w.key("hourly_rate_text"); w.string(hourly.derivation.rate.swedish)
        w.key("base_rate"); w.money(hourly.derivation.base)
        w.key("paragraph"); w.string(rules.paragraph)
        w.key("text"); w.string(rules.text)
        w.key("increment_minutes"); w.integer(rules.incrementMinutes)
        w.key("increment_rounding"); w.string(SwedishText.mode(rules.incrementRounding))
        if let indexation = rules.indexation {
            w.key("indexation")
            w.beginObject()
            w.key("series"); w.string(indexation.series)
            w.key("paragraph"); w.string(indexation.paragraph)
            w.key("text"); w.string(indexation.text)
            w.key("rounding"); w.string(SwedishText.rounding(indexation.rounding))
            w.endObject()
        }
        w.key("steps")
        w.beginArray()
        for step in hourly.derivation.steps {
            w.beginObject()
            w.key("year"); w.integer(step.year)
            w.key("previous_rate"); w.money(step.previous)
            w.key("series"); w.string(step.series)
            w.key("percent"); w.plainString(step.percent.description)
            w.key("unrounded"); w.plainString(step.unrounded)
            w.key("rate"); w.money(step.rate)
            w.key("published"); w.plainString(step.publication.published.description)
            w.key("publication"); w.string(step.publication.title)
            w.endObject()
        }
        w.endArray()
        w.key("activities")
        w.beginArray()
        for activity in rules.activities {
            w.beginObject()
            w.key("activity"); w.string(activity.key)
            w.key("name"); w.string(activity.name)
            w.key("paragraph"); w.string(activity.paragraph)
            w.key("charge"); w.plainString(activity.charge.rawValue)
            w.key("text"); w.string(activity.text)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private static func write(_ segments: [PriceSegment], into w: inout JSONWriter) {
        w.beginArray()
        for segment in segments {
            w.beginObject()
            switch segment {
            case .text(let text):
                w.key("text"); w.string(text)
            case .table(let table):
                w.key("table")
                w.beginObject()
                w.key("input"); w.string(table.input)
                if let text = table.inputText { w.key("input_text"); w.string(text) }
                w.key("header"); w.string(table.header)
                w.key("rows")
                w.beginArray()
                for row in table.rows {
                    w.beginObject()
                    w.key("when"); w.string(row.when)
                    w.key("price"); write(row.price, into: &w)
                    if let amount = row.amount { w.key("amount"); w.money(amount) }
                    w.endObject()
                }
                w.endArray()
                if let note = table.note { w.key("note"); w.string(note) }
                w.endObject()
            }
            w.endObject()
        }
        w.endArray()
    }

    private static func strings(_ values: [String], into w: inout JSONWriter) {
        w.beginArray()
        for value in values { w.string(value) }
        w.endArray()
    }
}
