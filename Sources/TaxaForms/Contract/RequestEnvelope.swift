import TaxaBase
import TaxaEngine

/// The keys every request has whatever its tariff kind: who it is, which tariff, and how to
/// answer. The kind-specific keys (`entries`, …) are read by the kind's own decoder.
package struct RequestEnvelope {
    package static let keys = ["id", "tariff", "as_of", "explain", "meta"]

    package var id: String
    package var tariff: Tariff
    /// Compute with only the versions decided and index values published on or before this day.
    package var asOf: CivilDate?
    package var explain: Bool
    /// A view into the request's tree, which does not own it: an envelope lives only while its
    /// request is answered, inside the processor's `JSONDocument.withTransient`.
    package var meta: JSONValue?
    package var fields: ObjectFields

    /// The request's `id` when it is valid, for echoing in an error record; nil otherwise.
    package static func echoableID(_ root: JSONValue) -> String? {
        guard let value = root.member("id") else { return nil }
        return try? Read.string(value, length: 1...Limits.requestID)
    }

    package static func decode(_ root: JSONValue, tariffs: TariffSet) throws(RequestError) -> RequestEnvelope {
        let fields: ObjectFields
        let id: String
        let found: Int?
        // The envelope's members in one pass over the request, keys compared in place (the
        // kind's own decoder checks the keys as a whole).
        var idValue: JSONValue?
        var tariffValue: JSONValue?
        var asOfValue: JSONValue?
        var explainValue: JSONValue?
        var metaValue: JSONValue?
        do throws(FieldError) {
            fields = try ObjectFields(root, what: "a request")
            root.forEachMember { key, member in
                switch key.count {
                case 2 where key.isKey("id"): idValue = member
                case 6 where key.isKey("tariff"): tariffValue = member
                case 5 where key.isKey("as_of"): asOfValue = member
                case 7 where key.isKey("explain"): explainValue = member
                case 4 where key.isKey("meta"): metaValue = member
                default: break
                }
                return true
            }
            id = try ObjectFields.read(idValue, "id") { v throws(FieldError) in try Read.string(v, length: 1...Limits.requestID) }
            // Found by its bytes, without making a String of it (see `ByteKeys`).
            found = try ObjectFields.read(tariffValue, "tariff") { v throws(FieldError) in
                try Read.checkedString(v, length: 1...Limits.tariffID) { tariffs.rateCache.tariffIndex($0) }
            }
        } catch {
            throw RequestError(error)
        }
        // Looked up among the loaded tariffs only: the id is never used as a file path. The
        // tariff found by its bytes is taken by its position once out of the reader's closures.
        let tariff: Tariff
        switch found {
        case .some(let index): tariff = tariffs.rateCache.tariff(at: index)
        case .none:
            let tariffID = tariffValue.flatMap(\.string) ?? ""
            guard let byName = tariffs.tariffs[tariffID] else { throw unknownTariff(tariffID, tariffs) }
            tariff = byName
        }
        do throws(FieldError) {
            // Moved in (a copy would count a reference on each and then drop the local one).
            return RequestEnvelope(
                id: consume id, tariff: consume tariff,
                asOf: try ObjectFields.readIfPresent(asOfValue, "as_of", Read.date),
                explain: try ObjectFields.readIfPresent(explainValue, "explain", Read.bool) ?? false,
                meta: metaValue,
                fields: fields)
        } catch {
            throw RequestError(error)
        }
    }

    /// The error for a `tariff` that names no loaded tariff.
    static func unknownTariff(_ id: String, _ tariffs: TariffSet) -> RequestError {
        let known = tariffs.tariffs.keys.sorted().joined(separator: ", ")
        return RequestError(.unknownTariff, "no tariff \"\(id)\" is loaded; known tariffs: \(known)", at: JSONPath([.key("tariff")]))
    }
}
