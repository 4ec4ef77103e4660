import TaxaBase

/// How a request form names its items, so that the engine's errors point into the request the
/// caller wrote: `items[2].fee` for the `fees` form, `entries[2].activity` for the hourly form,
/// `date` for the percentage form's one implicit item.
///
/// A class, immutable, made once per form: it is handed to every pricing call and through it to
/// each line's, and one shared reference costs one retain where a struct's copy retained each
/// of its closures and texts.
@usableFromInline package final class ItemNaming: Sendable {
    /// Where item `index` lies in the request.
    package let item: @Sendable (Int) -> JSONPath
    /// The key naming the fee of an item.
    package let fee: String
    /// Where an item's inputs lie inside the item (nil: directly in the item, as `minutes`).
    package let inputs: String?
    /// Where an amount too large to compute is reported, for a line whose first item is `index`.
    @usableFromInline package let overflow: @Sendable (Int) -> JSONPath
    /// Where a subtotal or total too large to compute is reported.
    package let totalOverflow: JSONPath
    /// The code for an item whose fee the version in force does not have.
    package let unknownFee: ErrorCode
    /// What a fee is called in messages ("fee", "activity").
    package let noun: String
    /// The message for an item on a day without a version in force.
    package let noVersion: @Sendable (Tariff, CivilDate, CivilDate?) -> String

    /// The request form of `fees` tariffs.
    package static let items = ItemNaming(
        item: { JSONPath([.key("items"), .index($0)]) }, fee: "fee", inputs: "inputs",
        overflow: { _ in JSONPath([.key("items")]) }, unknownFee: .unknownFee, noun: "fee",
        noVersion: { tariff, date, asOf in tariff.noVersionMessage(on: date, asOf: asOf) })

    func input(_ index: Int, _ name: String) -> JSONPath {
        inputs.map { item(index).appending($0).appending(name) } ?? item(index).appending(name)
    }

    package init(
        item: @escaping @Sendable (Int) -> JSONPath, fee: String, inputs: String? = nil, overflow: @escaping @Sendable (Int) -> JSONPath,
        totalOverflow: JSONPath = .root, unknownFee: ErrorCode, noun: String, noVersion: @escaping @Sendable (Tariff, CivilDate, CivilDate?) -> String
    ) {
        self.item = item
        self.fee = fee
        self.inputs = inputs
        self.overflow = overflow
        self.totalOverflow = totalOverflow
        self.unknownFee = unknownFee
        self.noun = noun
        self.noVersion = noVersion
    }
}
