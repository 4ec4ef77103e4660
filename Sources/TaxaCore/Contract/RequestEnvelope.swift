/// The keys every request has whatever its tariff kind: who it is, which tariff, and how to
/// answer. The kind-specific keys (`entries`, …) are read by the kind's own decoder.
public struct RequestEnvelope {
    public static let keys = ["id", "tariff", "as_of", "explain", "meta"]

    public var id: String
    public var tariff: Tariff
    /// Compute with only the versions decided and index values published on or before this day.
    public var asOf: CivilDate?
    public var explain: Bool
    public var meta: JSONValue?
    public var fields: ObjectFields

    /// The request's `id` when it is valid, for echoing in an error record; nil otherwise.
    public static func echoableID(_ root: JSONValue) -> String? {
        guard let value = root.member("id") else { return nil }
        return try? Read.string(value, length: 1...200)
    }

    public static func decode(_ root: JSONValue, tariffs: TariffSet) throws(RequestError) -> RequestEnvelope {
        let fields: ObjectFields
        let id: String
        let tariffID: String
        do throws(FieldError) {
            fields = try ObjectFields(root, what: "a request")
            id = try fields.read("id") { v throws(FieldError) in try Read.string(v, length: 1...200) }
            tariffID = try fields.read("tariff") { v throws(FieldError) in try Read.string(v, length: 1...200) }
        } catch {
            throw RequestError(error)
        }
        // Looked up among the loaded tariffs only: the id is never used as a file path.
        guard let tariff = tariffs.tariffs[tariffID] else {
            let known = tariffs.tariffs.keys.sorted().joined(separator: ", ")
            throw RequestError(.unknownTariff, "no tariff \"\(tariffID)\" is loaded; known tariffs: \(known)",
                               at: JSONPath([.key("tariff")]))
        }
        do throws(FieldError) {
            return RequestEnvelope(
                id: id, tariff: tariff,
                asOf: try fields.readIfPresent("as_of", Read.date),
                explain: try fields.readIfPresent("explain", Read.bool) ?? false,
                meta: fields.optional("meta"),
                fields: fields)
        } catch {
            throw RequestError(error)
        }
    }
}
