import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

/// Renders `taxa rates` for tariffs of every kind but the hourly one (whose rate table has its
/// own layout, `RateReport`): text for people, JSON for programs.
package enum FeeRateReport {
    package static func text(_ tariff: Tariff, rows: [FeeRateRow]) -> String {
        var out = "\(tariff.id): fees per fee year\n"
        for row in rows {
            let version = row.version
            out += "\(row.year)  version \(version.name) (decided \(version.decided), \(version.decision.reference))\n"
            for (index, fee) in row.fees.enumerated() {
                let paragraph = fee.paragraph.map { ", \($0)" } ?? ""
                out += "      \(fee.key) (\(fee.name)\(paragraph)): "
                if let quantity = fee.quantity { out += "\(quantity); " }
                out += fee.price + "\n"
                out += row.billing.feeText(index)
            }
            for (index, cap) in row.caps.enumerated() {
                out += "      tak \(cap.key): \(cap.text)\n"
                if index < row.billing.capAccounting.count, let accounting = row.billing.capAccounting[index] {
                    out += "        kontering: \(accounting.text)\n"
                }
            }
            if let vat = row.vat { out += "      \(vat)\n" }
            if let accounting = row.billing.vatAccounting { out += "        kontering av momsen: \(accounting.text)\n" }
            if let rounding = row.billing.rounding {
                out += "      \(rounding)\n"
                if let accounting = row.billing.roundingAccounting { out += "        kontering: \(accounting.text)\n" }
            }
            for failure in row.failures {
                out += "      cannot be computed (\(failure.code.rawValue)): \(failure.message)\n"
            }
            out += "      tariff_digest \(row.digest)\n"
        }
        if rows.isEmpty { out += "(no version in force in these years)\n" }
        return out
    }

    package static func json(_ tariff: Tariff, rows: [FeeRateRow]) -> String {
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
            for (index, fee) in row.fees.enumerated() {
                w.beginObject()
                w.key("fee"); w.string(fee.key)
                w.key("name"); w.string(fee.name)
                if let paragraph = fee.paragraph { w.key("paragraph"); w.string(paragraph) }
                if let quantity = fee.quantity { w.key("quantity"); w.string(quantity) }
                w.key("price"); w.string(fee.price)
                row.billing.writeFee(index, into: &w)
                w.endObject()
            }
            w.endArray()
            if !row.caps.isEmpty {
                w.key("caps")
                w.beginArray()
                for (index, cap) in row.caps.enumerated() {
                    w.beginObject()
                    w.key("cap"); w.string(cap.key)
                    w.key("text"); w.string(cap.text)
                    if index < row.billing.capAccounting.count { row.billing.capAccounting[index]?.write(into: &w) }
                    w.endObject()
                }
                w.endArray()
            }
            if let vat = row.vat { w.key("vat"); w.string(vat) }
            if let accounting = row.billing.vatAccounting {
                w.key("vat_accounting")
                w.beginObject()
                for (key, value) in zip(accounting.keys, accounting.values) { w.key(string: key); w.string(value) }
                w.endObject()
            }
            if let rounding = row.billing.rounding {
                w.key("total_rounding")
                w.beginObject()
                w.key("text"); w.string(rounding)
                row.billing.roundingAccounting?.write(into: &w)
                w.endObject()
            }
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
