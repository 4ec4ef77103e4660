/// The result record of a per-capita settlement: every cell, each month's total and the
/// period total as money strings, with each exact unrounded value as "<kronor>/12" (digits,
/// a sign, a point and a slash: nothing to escape).
extension ResultWriter {
    public static func success(_ envelope: RequestEnvelope, _ settlement: Settlement, into w: inout JSONWriter) {
        beginSuccess(envelope, kind: "per_capita", into: &w)
        w.key("months")
        w.beginArray()
        for month in settlement.months { write(month, into: &w) }
        w.endArray()
        w.key("unrounded"); w.plainString { Settlement.appendUnrounded(settlement.yearlyValue, to: &$0) }
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
        let encoded = month.version.rules.perCapita?.encodedCells ?? []
        for (index, cell) in month.groups.enumerated() {
            if index < encoded.count, encoded[index].group == cell.group {
                w.encoded(encoded[index].head)
                w.integer(cell.actual)
                w.key("change"); w.integer(cell.change)
                w.encoded(encoded[index].middle)
            } else {
                w.beginObject()
                writeFixedHead(cell.group, into: &w)
                w.integer(cell.actual)
                w.key("change"); w.integer(cell.change)
                writeFixedMiddle(cell.group, into: &w)
            }
            w.plainString { Settlement.appendUnrounded(cell.yearlyValue, to: &$0) }
            w.key("amount"); w.money(cell.amount)
            w.endObject()
        }
        w.endArray()
        w.key("actual_total"); w.integer(month.actualTotal)
        w.key("unrounded"); w.plainString { Settlement.appendUnrounded(month.yearlyValue, to: &$0) }
        w.key("total"); w.money(month.total)
        w.key("text"); w.string { month.appendText(to: &$0) }
        if let explanation = month.explanation { w.key("explanation"); strings(explanation, into: &w) }
        w.endObject()
    }

    /// A cell's keys and values up to `"actual":`, which depend only on its group.
    private static func writeFixedHead(_ group: CapitaGroup, into w: inout JSONWriter) {
        w.key("group"); w.string(group.key)
        w.key("budgeted"); w.integer(group.budgetedCount)
        w.key("actual")
    }

    /// A cell's keys and values from `"yearly_amount"` to `"unrounded":`, which depend only on its group.
    private static func writeFixedMiddle(_ group: CapitaGroup, into w: inout JSONWriter) {
        w.key("yearly_amount"); w.money(group.yearlyAmount)
        w.key("unrounded")
    }

    /// A group's fixed parts of a cell, encoded once per version.
    static func encodedCell(_ group: CapitaGroup) -> EncodedCell {
        var head = JSONWriter(reservingCapacity: 128)
        head.beginObject()
        writeFixedHead(group, into: &head)
        var middle = JSONWriter(reservingCapacity: 128)
        writeFixedMiddle(group, into: &middle)
        return EncodedCell(group: group, head: head.bytes, middle: middle.bytes)
    }
}

/// The parts of a per-capita result cell that depend only on its group: `{"group":…,"actual":`
/// and `"yearly_amount":…,"unrounded":`.
struct EncodedCell: Sendable {
    let group: CapitaGroup
    let head: [UInt8]
    let middle: [UInt8]
}
