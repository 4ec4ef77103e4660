/// Renders `taxa rates` for tariffs of every kind but the hourly one (whose rate table has its
/// own layout, `RateReport`): text for people, JSON for programs.
public enum FeeRateReport {
    public static func text(_ tariff: Tariff, rows: [FeeRateRow]) -> String {
        var out = "\(tariff.id): fees per fee year\n"
        for row in rows {
            let version = row.version
            out += "\(row.year)  version \(version.name) (decided \(version.decided), \(version.decision.reference))\n"
            for fee in row.fees {
                let paragraph = fee.paragraph.map { ", \($0)" } ?? ""
                out += "      \(fee.key) (\(fee.name)\(paragraph)): "
                if let quantity = fee.quantity { out += "\(quantity); " }
                out += fee.price + "\n"
            }
            for cap in row.caps { out += "      tak \(cap.key): \(cap.text)\n" }
            if let vat = row.vat { out += "      \(vat)\n" }
            for failure in row.failures {
                out += "      cannot be computed (\(failure.code.rawValue)): \(failure.message)\n"
            }
            out += "      tariff_digest \(row.digest)\n"
        }
        if rows.isEmpty { out += "(no version in force in these years)\n" }
        return out
    }

    public static func json(_ tariff: Tariff, rows: [FeeRateRow]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("tariff"); w.string(tariff.id)
        w.key("kind"); w.string(tariff.versions.last?.rules.kindName ?? "")
        w.key("rates")
        w.beginArray()
        for row in rows {
            RateReport.beginRow(year: row.year, version: row.version, into: &w)
            w.key("fees")
            w.beginArray()
            for fee in row.fees {
                w.beginObject()
                w.key("fee"); w.string(fee.key)
                w.key("name"); w.string(fee.name)
                if let paragraph = fee.paragraph { w.key("paragraph"); w.string(paragraph) }
                if let quantity = fee.quantity { w.key("quantity"); w.string(quantity) }
                w.key("price"); w.string(fee.price)
                w.endObject()
            }
            w.endArray()
            if !row.caps.isEmpty {
                w.key("caps")
                w.beginArray()
                for cap in row.caps {
                    w.beginObject()
                    w.key("cap"); w.string(cap.key)
                    w.key("text"); w.string(cap.text)
                    w.endObject()
                }
                w.endArray()
            }
            if let vat = row.vat { w.key("vat"); w.string(vat) }
            if !row.failures.isEmpty {
                w.key("errors")
                w.beginArray()
                for failure in row.failures {
                    w.beginObject()
                    w.key("code"); w.plainString(failure.code.rawValue)
                    w.key("message"); w.string(failure.message)
                    w.endObject()
                }
                w.endArray()
            }
            w.key("tariff_digest"); w.plainString(row.digest)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return String(decoding: w.finishLine(), as: UTF8.self)
    }
}
