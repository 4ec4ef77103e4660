/// How a request form names its items, so that the engine's errors point into the request the
/// caller wrote: `items[2].fee` for the `fees` form, `entries[2].activity` for the hourly form,
/// `date` for the percentage form's one implicit item.
public struct ItemNaming: Sendable {
    /// Where item `index` lies in the request.
    public var item: @Sendable (Int) -> JSONPath
    /// The key naming the fee of an item.
    public var fee: String
    /// Where an item's inputs lie inside the item (nil: directly in the item, as `minutes`).
    public var inputs: String?
    /// Where an amount too large to compute is reported, for a line whose first item is `index`.
    public var overflow: @Sendable (Int) -> JSONPath
    /// Where a subtotal or total too large to compute is reported.
    public var totalOverflow: JSONPath = .root
    /// The code for an item whose fee the version in force does not have.
    public var unknownFee: ErrorCode
    /// What a fee is called in messages ("fee", "activity").
    public var noun: String
    /// The message for an item on a day without a version in force.
    public var noVersion: @Sendable (Tariff, CivilDate, CivilDate?) -> String

    /// The request form of `fees` tariffs.
    public static let items = ItemNaming(
        item: { JSONPath([.key("items"), .index($0)]) }, fee: "fee", inputs: "inputs",
        overflow: { _ in JSONPath([.key("items")]) }, unknownFee: .unknownFee, noun: "fee",
        noVersion: { tariff, date, asOf in tariff.noVersionMessage(on: date, asOf: asOf) })

    func input(_ index: Int, _ name: String) -> JSONPath {
        inputs.map { item(index).appending($0).appending(name) } ?? item(index).appending(name)
    }
}
