import TaxaBase

/// The parts of a per-capita result cell that depend only on its group: `{"group":…,"actual":`
/// and `"yearly_amount":…,"unrounded":`.
package struct EncodedCell: Sendable {
    package let group: CapitaGroup
    package let head: [UInt8]
    package let middle: [UInt8]
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

    /// A group's fixed parts of a cell, encoded once per version.
    static func encoded(_ group: CapitaGroup) -> EncodedCell {
        var head = JSONWriter(reservingCapacity: 128)
        head.beginObject()
        writeFixedHead(group, into: &head)
        var middle = JSONWriter(reservingCapacity: 128)
        writeFixedMiddle(group, into: &middle)
        return EncodedCell(group: group, head: head.bytes, middle: middle.bytes)
    }
}
