import TaxaBase

/// How a request form names its items, so that the engine's errors point into the request the
/// caller wrote: `items[2].fee` for the `fees` form, `entries[2].activity` for the hourly form,
/// `date` for the percentage form's one implicit item.
@usableFromInline package struct ItemNaming: Sendable {
    /// Where item `index` lies in the request.
    package var item: @Sendable (Int) -> JSONPath
    /// The key naming the fee of an item.
    package var fee: String
    /// Where an item's inputs lie inside the item (nil: directly in the item, as `minutes`).
    package var inputs: String?
    /// Where an amount too large to compute is reported, for a line whose first item is `index`.
    @usableFromInline package var overflow: @Sendable (Int) -> JSONPath
    /// Where a subtotal or total too large to compute is reported.
    package var totalOverflow: JSONPath = .root
    /// The code for an item whose fee the version in force does not have.
    package var unknownFee: ErrorCode
    /// What a fee is called in messages ("fee", "activity").
    package var noun: String
    /// The message for an item on a day without a version in force.
    package var noVersion: @Sendable (Tariff, CivilDate, CivilDate?) -> String

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
