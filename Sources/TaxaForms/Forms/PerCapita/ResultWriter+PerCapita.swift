import TaxaBase
import TaxaEngine

/// The result record of a per-capita settlement: every cell, each month's total and the
/// period total as money strings, with each exact unrounded value as "<kronor>/12" (digits,
/// a sign, a point and a slash: nothing to escape).
extension ResultWriter {
    static func success(_ envelope: RequestEnvelope, _ settlement: Settlement, into w: inout JSONWriter) {
        beginSuccess(envelope, kind: .perCapita, into: &w)
        w.key("months")
        w.beginArray()
        for month in settlement.months { write(month, into: &w) }
        w.endArray()
        // The closures capture plain values: one capturing a settlement or a month copies it.
        let yearlyValue = settlement.yearlyValue
        w.key("unrounded"); w.plainString { Settlement.appendUnrounded(yearlyValue, to: &$0) }
        w.key("total"); w.money(settlement.total)
        w.key("text"); w.string { settlement.appendText(to: &$0) }
        endSuccess(envelope, settlement.provenance, into: &w)
    }

    private static func write(_ month: MonthSettlement, into w: inout JSONWriter) {
        w.beginObject()
        w.key("month"); w.plainString(month.month)
        w.key("version"); w.plainString(month.version.name)
        w.key("groups")
        w.beginArray()
        // The cells are in the order of the version's groups, whose fixed parts are encoded.
        let rules = month.version.rules.perCapita
        let encoded = rules?.encodedCells ?? []
        let encodedBytes = rules?.encodedBytes ?? []
        // The lists and the encoded bytes read through buffers: an element read from an array is
        // retained (each cell's group name, each encoded part) for as long as it is used.
        month.groups.withUnsafeBufferPointer { cells in
            encoded.withUnsafeBufferPointer { fixed in
                encodedBytes.withUnsafeBytes { bytes in
                    for index in cells.indices {
                        if index < fixed.count, fixed[index].group == cells[index].group {
                            w.encoded(UnsafeRawBufferPointer(rebasing: bytes[fixed[index].head]))
                            w.integer(cells[index].actual)
                            w.key("change"); w.integer(cells[index].change)
                            w.encoded(UnsafeRawBufferPointer(rebasing: bytes[fixed[index].middle]))
                        } else {
                            w.beginObject()
                            EncodedCell.writeFixedHead(cells[index].group, into: &w)
                            w.integer(cells[index].actual)
                            w.key("change"); w.integer(cells[index].change)
                            EncodedCell.writeFixedMiddle(cells[index].group, into: &w)
                        }
                        let cellValue = cells[index].yearlyValue
                        w.plainString { Settlement.appendUnrounded(cellValue, to: &$0) }
                        w.key("amount"); w.money(cells[index].amount)
                        w.endObject()
                    }
                }
            }
        }
        w.endArray()
        w.key("actual_total"); w.integer(month.actualTotal)
        let monthValue = month.yearlyValue
        w.key("unrounded"); w.plainString { Settlement.appendUnrounded(monthValue, to: &$0) }
        w.key("total"); w.money(month.total)
        let name = month.month
        let version = month.version
        let actualTotal = month.actualTotal
        let total = month.total
        w.key("text")
        w.string { MonthSettlement.appendText(month: name, version: version, actualTotal: actualTotal, total: total, to: &$0) }
        if let explanation = month.explanation { w.key("explanation"); strings(explanation, into: &w) }
        w.endObject()
    }
}
