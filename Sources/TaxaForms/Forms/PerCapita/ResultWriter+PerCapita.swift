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
        // The cells read through a buffer: an element read from an array is retained.
        settlement.cells.withUnsafeBufferPointer { cells in
            // Months of one version come in runs (most settlements have one version): the
            // version and its rules are taken once for each run, not counted for every month.
            let months = settlement.months
            PerCapitaSettlement.forEachRun(months.count, key: { months[$0].version }) { slot, run in
                let version = settlement.versions[slot]
                // The cells' encoded parts, read through buffers: an element read from an array is
                // retained. (A settled version has per-capita rules: checked when it was priced.)
                let rules = version.rules.perCapita!
                rules.encodedCells.withUnsafeBufferPointer { fixed in
                    rules.encodedBytes.withUnsafeBytes { bytes in
                        for index in run {
                            write(
                                months[index], cells: UnsafeBufferPointer(rebasing: cells[months[index].cells]), version: version,
                                fixed: fixed, bytes: bytes, explanation: settlement.explanations?[months[index].requestIndex], into: &w)
                        }
                    }
                }
            }
        }
        w.endArray()
        // The closures capture plain values: one capturing a settlement or a month copies it.
        let yearlyValue = settlement.yearlyValue
        w.key("unrounded"); w.plainString { Settlement.appendUnrounded(yearlyValue, to: &$0) }
        w.key("total"); w.money(settlement.total)
        w.key("text"); w.string { settlement.appendText(to: &$0) }
        endSuccess(envelope, settlement.provenance, into: &w)
    }

    /// One month; `fixed` and `bytes` are its version's encoded cells (`PerCapitaRules`).
    private static func write(
        _ month: MonthSettlement, cells: UnsafeBufferPointer<GroupSettlement>, version: TariffVersion,
        fixed: UnsafeBufferPointer<EncodedCell>, bytes: UnsafeRawBufferPointer, explanation: [String]?, into w: inout JSONWriter
    ) {
        w.beginObject()
        w.key("month"); w.plainString { month.month.append(to: &$0) }
        w.key("version"); w.plainString(version.name)
        w.key("groups")
        w.beginArray()
        // The cells are in the order of the version's groups, whose fixed parts are encoded.
        // A month's cells are its version's groups, one each (`PerCapitaSettlement`): read
        // unchecked below, so a month that broke that would stop here rather than write another
        // group's figures.
        precondition(cells.count == fixed.count, "a month's cells are not its version's groups")
        // A cell's varying parts are appended as text between its encoded parts; the values that
        // a comma follows are written as values.
        for index in cells.indices {
            let cell = cells[index]
            // `{"group":…,"budgeted":…,"actual":`
            w.encoded(UnsafeRawBufferPointer(rebasing: bytes[fixed[index].head]))
            w.appendNumber(cell.actual)
            w.appendText(",\"change\":")
            w.integer(cell.actual - fixed[index].group.budgetedCount)
            // `,"yearly_amount":…,"unrounded":`
            w.encoded(UnsafeRawBufferPointer(rebasing: bytes[fixed[index].middle]))
            w.appendByte(UInt8(ascii: "\""))
            Settlement.appendUnrounded(cell.yearlyValue, to: &w)
            w.appendText("\",\"amount\":")
            w.money(cell.amount)
            w.endObject()
        }
        w.endArray()
        w.key("actual_total"); w.integer(month.actualTotal)
        let monthValue = month.yearlyValue
        w.key("unrounded"); w.plainString { Settlement.appendUnrounded(monthValue, to: &$0) }
        w.key("total"); w.money(month.total)
        w.key("text")
        w.string { MonthSettlement.appendText(month: month.month, version: version, actualTotal: month.actualTotal, total: month.total, to: &$0) }
        if let explanation { w.key("explanation"); strings(explanation, into: &w) }
        w.endObject()
    }
}
