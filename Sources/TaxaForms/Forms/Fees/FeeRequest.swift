import TaxaBase
import TaxaEngine

/// The body of a request to a `fees` tariff:
/// `{"items": [{"fee": "tillsyn_rorlig", "date": "2022-05-01", "inputs": {"omsattning": "1000000"}}], "adjustment"?: …}`.
package struct FeeRequest: Sendable {
    package static let keys = ["items", "adjustment"]
    static let allowedKeys = ByteKeys(RequestEnvelope.keys + keys)
    /// Computed from `Limits`: a stored copy of another module's constant is a lazily
    /// initialised global, checked at every read (per entry, item or group).
    package static var maxItems: Int { Limits.items }
    static let itemKeys = ["fee", "date", "inputs"]

    package var items: [FeeItem]
    package var adjustment: RequestedAdjustment?

    package static func decode(_ fields: ObjectFields) throws(FieldError) -> FeeRequest {
        try fields.onlyKeys(allowedKeys)
        let list = try fields.required("items")
        guard list.kind == .array, (1...maxItems).contains(list.count) else {
            throw FieldError(
                "expected an array of 1–\(maxItems) items {\"fee\", \"date\", \"inputs\"?}, got \(list.kind == .array ? String(list.count) : list.kind.name)",
                at: JSONPath([.key("items")]))
        }
        var items: [FeeItem] = []
        items.reserveCapacity(list.count)
        for index in 0..<list.count {
            items.append(
                try inside("items") { () throws(FieldError) in
                    try inside(index: index) { () throws(FieldError) in try decodeItem(list.element(index)!) }
                })
        }
        return FeeRequest(items: items, adjustment: try fields.readIfPresent("adjustment", AdjustmentDecoder.decode))
    }

    private static func decodeItem(_ value: JSONValue) throws(FieldError) -> FeeItem {
        guard value.kind == .object else { throw FieldError("expected an item as a JSON object, got \(value.kind.name)") }
        // One pass over the item's members, keys compared in place: items are most of a request.
        var fee: JSONValue?
        var date: JSONValue?
        var inputs: JSONValue?
        var unknown: String?
        value.forEachMember { key, member in
            if key.isKey("fee") {
                fee = member
            } else if key.isKey("date") {
                date = member
            } else if key.isKey("inputs") {
                inputs = member
            } else {
                unknown = String(decoding: key, as: UTF8.self)
                return false
            }
            return true
        }
        if let unknown { throw ObjectFields.unknownKey(unknown, expected: itemKeys) }
        return FeeItem(
            fee: try ObjectFields.read(fee, "fee") { v throws(FieldError) in try Read.string(v, length: 1...Limits.identifier) },
            date: try ObjectFields.read(date, "date", Read.date),
            inputs: .json(inputs))
    }
}
