import TaxaBase

/// The parts of a per-capita result cell that depend only on its group: `{"group":…,"actual":`
/// and `"yearly_amount":…,"unrounded":`.
package struct EncodedCell: Sendable {
    package let group: CapitaGroup
    /// Where the parts lie in `PerCapitaRules.encodedBytes`: one buffer for every group of a
    /// version, so writing a month's cells holds one array, not two per cell.
    package let head: Range<Int>
    package let middle: Range<Int>
}

extension EncodedCell {
    /// A cell's keys and values up to `"actual":`, which depend only on its group.
    package static func writeFixedHead(_ group: CapitaGroup, into w: inout JSONWriter) {
        w.key("group"); w.string(group.key)
        w.key("budgeted"); w.integer(group.budgetedCount)
        w.key("actual")
    }

    /// A cell's keys and values from `"yearly_amount"` to `"unrounded":`, which depend only on its group.
    package static func writeFixedMiddle(_ group: CapitaGroup, into w: inout JSONWriter) {
        w.key("yearly_amount"); w.money(group.yearlyAmount)
        w.key("unrounded")
    }

    /// Every group's fixed parts of a cell, encoded once per version into one buffer.
    static func encoded(_ groups: [CapitaGroup]) -> (cells: [EncodedCell], bytes: [UInt8]) {
        var bytes: [UInt8] = []
        var cells: [EncodedCell] = []
        for group in groups {
            var head = JSONWriter(reservingCapacity: 128)
            head.beginObject()
            writeFixedHead(group, into: &head)
            var middle = JSONWriter(reservingCapacity: 128)
            writeFixedMiddle(group, into: &middle)
            let headStart = bytes.count
            bytes += head.bytes
            let middleStart = bytes.count
            bytes += middle.bytes
            cells.append(EncodedCell(group: group, head: headStart..<middleStart, middle: middleStart..<bytes.count))
        }
        return (cells, bytes)
    }
}
